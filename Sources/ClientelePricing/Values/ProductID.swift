/// The identifier of a product in the host's catalog, such as a SKU such as `P000123`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct ProductID: Identifier {
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
    /// - Throws: ``PricingErrorCode/invalidIdentifier`` naming the field `productID`.
    public init(validating text: String) throws(PricingError) {
        guard let id = ProductID(rawValue: text) else {
            throw PricingIdentifierRules.invalid(field: "productID")
        }
        self = id
    }
}
