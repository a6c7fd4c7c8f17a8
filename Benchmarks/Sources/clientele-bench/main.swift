import ClienteleCore
import Foundation

/// `clientele-bench <command> [options]`: Clientele's side-by-side workloads.
///
/// Every command prints `key=value` lines, one figure per line, so scripts such as
/// `compare.sh` can read them. To add a command, write `XCommand.swift` with
/// `enum XCommand { static func run(_ arguments: [String]) async throws }` and add one
/// `case` line below.
let commandLine = Array(CommandLine.arguments.dropFirst())
let options = Array(commandLine.dropFirst())

do {
    switch commandLine.first {
    case "dataset": try await DatasetCommand.run(options)
    case "pbkdf2": try await PBKDF2Command.run(options)
    case "journal": try await JournalCommand.run(options)
    case "pricing": try await PricingCommand.run(options)
    case "login": try await LoginCommand.run(options)
    case "common-passwords": try await CommonPasswordsCommand.run(options)
    case "reopen": try await ReopenCommand.run(options)
    case "segments": try await SegmentsCommand.run(options)
    case "profiling": try await ProfilingCommand.run(options)
    case "memory": try await MemoryCommand.run(options)
    case "open": try await OpenCommand.run(options)
    case "order-flow": try await OrderFlowCommand.run(options)
    case "import": try await ImportCommand.run(options)
    case "help", "--help", "-h", nil: Usage.print()
    default:
        throw BenchError(.usage, "unknown command; try 'clientele-bench help'", context: .init(item: commandLine[0]))
    }
} catch {
    var standardError = StandardError()
    print("clientele-bench: \(error)", to: &standardError)
    exit(error is BenchError ? 64 : 1)
}
