import Foundation

/// A password as typed, normalized to Unicode NFKC (so the same password typed on different
/// keyboards hashes the same). Never stored, never printed: its description, debug
/// description and mirror (`dump`, debuggers) are all redacted.
///
/// Raw input longer than ``maximumInputByteCount`` UTF-8 bytes is not normalized (NFKC of
/// hostile input such as half a million combining accents takes seconds): such a password
/// keeps its raw text, reports ``exceedsInputLimit``, is refused by ``PasswordPolicy`` as
/// ``AccountErrorCode/passwordTooLong``, is never hashed by ``PBKDF2PasswordHasher`` and
/// fails a login with the usual ``AccountErrorCode/invalidCredentials``.
public struct Password: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The longest raw input that is normalized, in UTF-8 bytes: 4,096, that is four bytes
    /// for each of the ``PasswordPolicy/defaultMaximumLength`` (1,024) scalars, so every
    /// input of at most 1,024 scalars is normalized and measured by the policy.
    public static let maximumInputByteCount = 4 * PasswordPolicy.defaultMaximumLength

    /// The NFKC form; for input over ``maximumInputByteCount`` bytes, the raw text as given.
    public let normalized: String

    /// True when the raw input was longer than ``maximumInputByteCount`` UTF-8 bytes and was
    /// therefore neither normalized nor will it be hashed.
    public let exceedsInputLimit: Bool

    /// Normalizes `text` to NFKC when it is at most ``maximumInputByteCount`` UTF-8 bytes.
    /// Nothing is trimmed or truncated.
    ///
    /// - Complexity: O(1) for input over the limit (of native Swift strings); otherwise
    ///   the cost of NFKC on at most ``maximumInputByteCount`` bytes.
    public init(_ text: String) {
        let byteCount = text.utf8.count
        if byteCount > Self.maximumInputByteCount {
            self.normalized = text
            self.exceedsInputLimit = true
        } else {
            WorkMeter.recordNormalization(bytes: byteCount)
            self.normalized = text.precomposedStringWithCompatibilityMapping
            self.exceedsInputLimit = false
        }
    }

    /// The length the policy counts: Unicode scalars of the NFKC form (of the raw text for
    /// input over the limit: always more than 1,024, since a scalar has at most 4 bytes).
    public var length: Int { normalized.unicodeScalars.count }

    /// The UTF-8 bytes that are hashed.
    public var utf8Bytes: [UInt8] { Array(normalized.utf8) }

    /// Always redacted: `<password>`.
    public var description: String { "<password>" }

    /// Always redacted: `Password(<redacted>)`.
    public var debugDescription: String { "Password(<redacted>)" }

    /// A mirror that shows `<redacted>` in place of the password, so `dump` and debuggers show none.
    public var customMirror: Mirror {
        Mirror(self, children: ["normalized": Redacted.text], displayStyle: .struct)
    }
}
