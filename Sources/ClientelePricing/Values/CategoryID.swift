/// The identifier of a product category in the host's catalog, such as `K042`, `shoes`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct CategoryID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String

    /// The longest identifier accepted, in characters.
    public static let maximumLength = PricingIdentifierRules.maximumLength

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard PricingIdentifierRules.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier.
    ///
    /// - Throws: ``PricingErrorCode/invalidIdentifier`` naming the field `categoryID`.
    public init(validating text: String) throws(PricingError) {
        guard let id = CategoryID(rawValue: text) else {
            throw PricingIdentifierRules.invalid(field: "categoryID")
        }
        self = id
    }

    /// The identifier's text.
    public var description: String { rawValue }

    /// Orders identifiers by their bytes, so listings and tie-breaks are stable.
    public static func < (lhs: CategoryID, rhs: CategoryID) -> Bool {
        PricingIdentifierRules.precedes(lhs.rawValue, rhs.rawValue)
    }

    /// Decodes from a single string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = CategoryID(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a valid categoryID.")
        }
        self = id
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
