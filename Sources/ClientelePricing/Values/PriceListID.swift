/// The identifier of a price list, such as `L-vip`, `contract-acme-2026`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct PriceListID: ValidatedIdentifier {
    /// The rule: 1–128 visible ASCII characters.
    public static let syntax = PricingIdentifierRules.syntax

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``PricingErrorCode/invalidIdentifier`` naming the field `priceListID`.
    public static func invalidText() -> PricingError { PricingIdentifierRules.invalid(field: "priceListID") }

    /// An id without the syntax check, for the placeholder inside a resolution without
    /// a winner (``PriceResolution/winner`` returns nil then; it is never shown).
    init(uncheckedRawValue rawValue: String) {
        self.rawValue = rawValue
    }
}
