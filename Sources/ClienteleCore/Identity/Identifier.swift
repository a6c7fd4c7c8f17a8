/// A validated identifier: a string wrapper that can only be made from text that follows
/// its type's ``IdentifierSyntax``, such as ``CustomerID``, a purpose or a product id.
///
/// A conforming type stores `rawValue`, implements `init?(rawValue:)` with its syntax
/// check, and gets the rest: `description` (the text), byte-order comparison (stable across
/// platforms and locales), and `Codable` as a single string that is validated again on
/// decoding (the standard library's implementation for string raw values).
///
/// ```swift
/// public struct ProductID: Identifier {
///     public static let syntax = IdentifierSyntax.visibleASCII(maximumLength: 128)
///     public let rawValue: String
///     public init?(rawValue: String) {
///         guard Self.syntax.accepts(rawValue) else { return nil }
///         self.rawValue = rawValue
///     }
/// }
/// ```
public protocol Identifier: RawRepresentable<String>, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{}

extension Identifier {
    /// The identifier's text. Identifiers are not personal data.
    public var description: String { rawValue }

    /// Orders identifiers by the bytes of their text, so listings and tie-breaks are stable.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}

/// The rule an identifier's text must follow: 1 to ``maximumLength`` characters from an
/// ASCII character set.
public struct IdentifierSyntax: Sendable, Hashable, CustomStringConvertible {
    /// The longest text accepted, in characters (ASCII, so also in bytes).
    public let maximumLength: Int
    /// The accepted characters, as the text of the rule, such as `A–Z a–z 0–9 _ -`.
    public let characters: String
    private let allowedLow: UInt64
    private let allowedHigh: UInt64

    /// A syntax of letters and digits plus the characters in `extra`.
    ///
    /// - Parameters:
    ///   - extra: Further ASCII characters accepted, such as `"_-"`.
    ///   - lowercaseOnly: Accept only lower-case letters.
    ///   - maximumLength: The longest text accepted.
    public static func lettersAndDigits(
        plus extra: String, lowercaseOnly: Bool = false, maximumLength: Int
    ) -> IdentifierSyntax {
        var bytes = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8) + Array(extra.utf8)
        if !lowercaseOnly { bytes += Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8) }
        let letters = lowercaseOnly ? "a–z" : "A–Z, a–z"
        let others = extra.map { "'\($0)'" }.joined(separator: ", ")
        return IdentifierSyntax(
            maximumLength: maximumLength, bytes: bytes,
            characters: others.isEmpty ? "\(letters), 0–9" : "\(letters), 0–9, \(others)")
    }

    /// A syntax of visible ASCII characters (`!` to `~`: no spaces, no control characters).
    public static func visibleASCII(maximumLength: Int) -> IdentifierSyntax {
        IdentifierSyntax(
            maximumLength: maximumLength, bytes: Array(0x21...0x7E), characters: "visible ASCII characters")
    }

    private init(maximumLength: Int, bytes: [UInt8], characters: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in bytes where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.maximumLength = maximumLength
        self.characters = characters
        self.allowedLow = low
        self.allowedHigh = high
    }

    /// True when `text` is 1 to ``maximumLength`` accepted characters.
    ///
    /// - Complexity: O(n) in the length of `text`, without allocating.
    public func accepts(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= maximumLength, accepts(byte: byte) else { return false }
        }
        return count > 0
    }

    private func accepts(byte: UInt8) -> Bool {
        if byte < 64 { return allowedLow & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return allowedHigh & (1 << UInt64(byte - 64)) != 0 }
        return false
    }

    /// The rule in words, for error messages: `1–64 characters of A–Z, a–z, 0–9, '_', '-'`.
    public var description: String { "1–\(maximumLength) characters of \(characters)" }
}
