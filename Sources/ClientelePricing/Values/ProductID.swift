/// The identifier of a product in the host's catalog, such as a SKU such as `P000123`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct ProductID: ValidatedIdentifier {
    /// The rule: 1–128 visible ASCII characters.
    public static let syntax = PricingIdentifierRules.syntax

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``PricingErrorCode/invalidIdentifier`` naming the field `productID`.
    public static func invalidText() -> PricingError { PricingIdentifierRules.invalid(field: "productID") }
}
