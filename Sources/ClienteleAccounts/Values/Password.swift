import Foundation

/// A password as typed, normalized to Unicode NFKC (so the same password typed on different
/// keyboards hashes the same). Never stored, never printed.
public struct Password: Sendable, CustomStringConvertible {
    /// The NFKC form.
    public let normalized: String

    /// Normalizes `text` to NFKC. Nothing is trimmed or truncated.
    public init(_ text: String) {
        self.normalized = text.precomposedStringWithCompatibilityMapping
    }

    /// The length the policy counts: Unicode scalars of the NFKC form.
    public var length: Int { normalized.unicodeScalars.count }

    /// The UTF-8 bytes that are hashed.
    public var utf8Bytes: [UInt8] { Array(normalized.utf8) }

    /// Always redacted.
    public var description: String { "<password>" }
}
