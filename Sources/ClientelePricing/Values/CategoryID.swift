/// The identifier of a product category in the host's catalog, such as `K042`, `shoes`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct CategoryID: Identifier {
    /// The rule: 1–128 visible ASCII characters.
    public static let syntax = PricingIdentifierRules.syntax

    /// The longest identifier accepted, in characters.
    public static var maximumLength: Int { syntax.maximumLength }

    /// The identifier's text.
    public let rawValue: String

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.syntax.accepts(rawValue) else { return nil }
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
}
