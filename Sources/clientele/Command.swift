import Foundation

/// One `clientele` command: its name, its help, the arguments it accepts, and what it does.
///
/// `run` returns the exit code (0, or 1 when it found a problem and reported it) and throws
/// ``CommandFailure`` for a usage error or a failed operation; any other error is reported
/// in one line and exits 1.
struct Command: Sendable {
    /// The word after `clientele`.
    var name: String
    /// One line for `clientele help`.
    var summary: String
    /// The usage line after `clientele `: `inspect DIR`.
    var usage: String
    /// What `clientele <name> --help` prints after the usage line.
    var details: String
    /// The arguments it accepts.
    var shape: Arguments.Shape
    /// Runs the command on parsed arguments.
    var run: @Sendable (Arguments) async throws -> Int32

    /// The command's `--help` text.
    var help: String {
        "usage: clientele \(usage)\n\n\(summary)\n" + (details.isEmpty ? "" : "\n\(details)\n")
    }
}

/// Every command, in the order `clientele help` lists them.
enum Commands {
    static let all: [Command] = [
        DemoCommand.command,
        InspectCommand.command,
        VerifyCommand.command,
        CompactCommand.command,
        ExportCommand.command,
        EraseCommand.command,
        SegmentCommand.command,
        PriceCommand.command,
        ImportCommand.command,
    ]

    /// The text of `clientele help`.
    static var overview: String {
        let width = all.map(\.name.count).max() ?? 0
        let lines = all.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
        return """
            usage: clientele <command> [arguments]

            commands:
            \(lines.joined(separator: "\n"))
              \("help".padding(toLength: width, withPad: " ", startingAt: 0))  show this text

            'clientele <command> --help' shows a command's arguments.
            exit codes: 0 success, 1 a problem found or the operation failed, 64 usage error.
            """
    }
}
