public import ClienteleCore

/// What an operation did, for checks that expect a particular error: it succeeded, threw a
/// Clientele error with a code of the module, or threw something else.
///
/// Compare it with a code directly: `outcome == .conflict` holds only when that code was
/// thrown.
///
/// ```swift
/// let outcome = await ErrorOutcome<AccountErrorCode>.of { _ = try await store.insert(record) }
/// #expect(outcome == .thrown(.emailTaken))
/// ```
public enum ErrorOutcome<Code: ErrorCode>: Sendable, Hashable, CustomStringConvertible {
    /// The operation succeeded.
    case succeeded
    /// The operation threw `ClienteleError<Code>` with this code.
    case thrown(Code)
    /// The operation threw another error, described.
    case unexpected(String)

    /// Runs `body` and says what it did.
    public static func of(_ body: () async throws -> Void) async -> Self {
        do {
            try await body()
            return .succeeded
        } catch let error as ClienteleError<Code> {
            return .thrown(error.code)
        } catch {
            return .unexpected("\(type(of: error)): \(error)")
        }
    }

    /// The code thrown, or nil when the operation succeeded or threw another error.
    public var code: Code? {
        if case .thrown(let code) = self { code } else { nil }
    }

    /// True when `outcome` is ``thrown(_:)`` with `code`.
    public static func == (outcome: Self, code: Code) -> Bool {
        outcome.code == code
    }

    /// `success`, the code's raw value, or `unexpected error …`.
    public var description: String {
        switch self {
        case .succeeded: "success"
        case .thrown(let code): code.rawValue
        case .unexpected(let text): "unexpected error \(text)"
        }
    }
}
