/// The stable identifier of a processing purpose, such as `newsletter` or `reviews.invite`.
///
/// 1–64 characters of `A–Z a–z 0–9 . _ -`; not personal data, so it may appear in
/// tokens, events, logs and error messages.
public struct PurposeID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier's text.
    public let rawValue: String

    /// The longest identifier accepted, in characters.
    public static let maximumLength = 64

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier.
    ///
    /// - Throws: ``ConsentErrorCode/invalidPurposeID``.
    public init(validating text: String) throws(ConsentError) {
        guard let id = PurposeID(rawValue: text) else {
            throw ConsentError(
                .invalidPurposeID,
                "A purpose ID must be 1–\(Self.maximumLength) characters of A–Z, a–z, 0–9, '.', '_' or '-'.",
                context: ErrorContext(field: "purpose"))
        }
        self = id
    }

    /// A purpose identifier written in code, such as `"newsletter"`. The text is kept as
    /// written; an invalid literal is a programming error that no ``PurposeCatalog``
    /// accepts, so every operation with it fails with ``ConsentErrorCode/unknownPurpose``.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// True when the identifier follows the rules (always, unless made from an invalid literal).
    public var isValid: Bool { Self.isValid(rawValue) }

    /// The identifier's text.
    public var description: String { rawValue }

    /// Orders identifiers by their text.
    public static func < (lhs: PurposeID, rhs: PurposeID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes from a single string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = PurposeID(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a valid purpose ID.")
        }
        self = id
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }
    }
}
