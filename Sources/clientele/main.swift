import Clientele
import Foundation

/// The `clientele` command: the shop demo and the admin commands on a store folder
/// (Docs/CommandLine.md).
let words = Array(CommandLine.arguments.dropFirst())
var standardError = StandardError()

switch words.first {
case nil, "help", "--help", "-h":
    if words.count > 1, let command = Commands.all.first(where: { $0.name == words[1] }) {
        print(command.help, terminator: "")
    } else {
        print(Commands.overview)
    }
case let name?:
    guard let command = Commands.all.first(where: { $0.name == name }) else {
        print("clientele: unknown command \(CommandFailure.quoted(name)); try 'clientele help'", to: &standardError)
        exit(CommandFailure.Kind.usage.rawValue)
    }
    do {
        let arguments = try Arguments(Array(words.dropFirst()), shape: command.shape)
        if arguments.wantsHelp {
            print(command.help, terminator: "")
            exit(0)
        }
        exit(try await command.run(arguments))
    } catch let failure as CommandFailure {
        let hint = failure.kind == .usage ? " (see 'clientele \(name) --help')" : ""
        print("clientele \(name): \(failure.message)\(hint)", to: &standardError)
        exit(failure.kind.rawValue)
    } catch {
        print("clientele \(name): \(error)", to: &standardError)
        exit(CommandFailure.Kind.failed.rawValue)
    }
}
