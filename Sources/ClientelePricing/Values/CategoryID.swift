/// The identifier of a product category in the host's catalog, such as `K042`, `shoes`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct CategoryID: ValidatedIdentifier {
    /// The rule: 1–128 visible ASCII characters.
    public static let syntax = PricingIdentifierRules.syntax

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``PricingErrorCode/invalidIdentifier`` naming the field `categoryID`.
    public static func invalidText() -> PricingError { PricingIdentifierRules.invalid(field: "categoryID") }
}
