/// The login name failed logins are counted under: the uniqueness key of the e-mail
/// address tried (lower-case local part `@` lower-case ASCII domain), whether or not an
/// account has that address, so throttling answers alike for every address.
///
/// The key is personal data: its `description`, `debugDescription` and mirror show
/// `<redacted>`. A store persists and looks up ``rawValue``.
public struct LoginThrottleKey: Sendable, Hashable, Comparable, Codable {
    /// The normalized key as text (an e-mail address's `uniquenessKey`), for a store to persist.
    public let rawValue: String

    /// The key of `address`.
    public init(_ address: EmailAddress) {
        rawValue = address.uniquenessKey
    }

    /// The key of the address `text`, normalized (so `Jan@Example.NL` and `jan@example.nl`
    /// have one key).
    ///
    /// - Throws: ``AccountErrorCode/invalidEmail`` (field `key`) when `text` is not an
    ///   e-mail address; the message does not quote it.
    public init(validating text: String) throws(AccountError) {
        do {
            self.init(try EmailAddress(parsing: text))
        } catch {
            throw AccountError(
                .invalidEmail, "A login-throttle key is the key of an e-mail address.", context: ErrorContext(field: "key"),
                underlying: error)
        }
    }

    /// Orders keys by their text (keys are ASCII, so this is byte order).
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the key from a single string, checked and normalized as ``init(validating:)`` does.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the string is not an e-mail address.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(validating: try container.decode(String.self))
        } catch let error as AccountError {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not a login-throttle key (\(error.code.rawValue)).")
        }
    }

    /// Encodes the key as a single string, ``rawValue``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
