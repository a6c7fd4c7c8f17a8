/// Why a command stopped: a usage error (exit 64) or a problem found / an operation that
/// failed (exit 1). The message is one line, names the bad argument, and never holds an
/// e-mail address, a password or a token.
struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The process exit codes the commands use.
    enum Kind: Int32, Sendable {
        /// A problem was found, or the operation failed.
        case failed = 1
        /// The command was used wrongly: a missing, unknown or malformed argument.
        case usage = 64
    }

    var kind: Kind
    var message: String

    /// A usage error (exit 64).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(kind: .usage, message: message) }

    /// A failed operation or a problem found (exit 1).
    static func failed(_ message: String) -> CommandFailure { CommandFailure(kind: .failed, message: message) }

    var description: String { message }

    /// How an argument is named in a message: quoted, unless it looks like an e-mail
    /// address, which is never echoed.
    static func quoted(_ argument: String) -> String {
        argument.contains("@") ? "the given e-mail address" : "'\(argument)'"
    }
}
