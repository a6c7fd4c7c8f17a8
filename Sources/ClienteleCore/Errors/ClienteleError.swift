/// The one error shape of every Clientele module.
///
/// Each module names its failures with its own ``ErrorCode`` type and exposes a
/// typealias such as `public typealias AccountError = ClienteleError<AccountErrorCode>`,
/// so a host catches exactly what it can handle:
///
/// ```swift
/// do {
///     try await accounts.register(email: email, password: password)
/// } catch let error as AccountError where error.code == .emailTaken {
///     // offer the login page instead
/// }
/// ```
///
/// The ``message`` is written for the shop developer and never contains personal
/// data (e-mail addresses, passwords, tokens); ``context`` says where the problem is.
public struct ClienteleError<Code: ErrorCode>: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a value a host can switch on.
    public var code: Code
    /// A sentence the shop developer can act on. Never contains personal data.
    public var message: String
    /// Where the problem is: the field, the position in a text, the file and offset.
    public var context: ErrorContext
    /// The lower-level error that caused this one, when there is one.
    public var underlying: (any Error & Sendable)?
    /// The place in Clientele's source that raised the error, for bug reports.
    public var source: SourceLocation

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: What went wrong and what to do about it, without personal data.
    ///   - context: Where it went wrong.
    ///   - underlying: The error that caused this one, if any.
    public init(
        _ code: Code,
        _ message: String,
        context: ErrorContext = ErrorContext(),
        underlying: (any Error & Sendable)? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) {
        self.code = code
        self.message = message
        self.context = context
        self.underlying = underlying
        self.source = SourceLocation(fileID: "\(fileID)", line: line)
    }

    /// `code: message (context)`, for logs. Contains no personal data.
    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if !context.isEmpty { text += " (\(context))" }
        if let underlying { text += " [caused by: \(underlying)]" }
        return text
    }
}

/// A module's catalogue of failure codes: a struct with static members, so new codes
/// can be added later without breaking a host's exhaustive `switch`.
///
/// Only the module that owns a code type makes its codes: the initializer is `package`,
/// so a host matches codes (`error.code == .emailTaken`) but cannot invent one.
///
/// ```swift
/// public struct AccountErrorCode: ErrorCode {
///     public let rawValue: String
///     package init(rawValue: String) { self.rawValue = rawValue }
///     public static let emailTaken = Self(rawValue: "accounts.emailTaken")
/// }
/// ```
public protocol ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code's stable name, such as `accounts.emailTaken`: stable across releases, safe
    /// to log and to compare.
    var rawValue: String { get }
}

extension ErrorCode {
    /// The code's stable name, such as `accounts.emailTaken`.
    public var description: String { rawValue }
}

/// Where in Clientele's own source an error was raised.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as `Module/File.swift`.
    public var fileID: String
    /// The line in that file.
    public var line: UInt

    /// Creates a source location.
    public init(fileID: String, line: UInt) {
        self.fileID = fileID
        self.line = line
    }

    /// `Module/File.swift:line`.
    public var description: String { "\(fileID):\(line)" }
}
