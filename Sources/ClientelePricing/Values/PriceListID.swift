/// The identifier of a price list, such as `L-vip`, `contract-acme-2026`.
///
/// One to ``maximumLength`` visible ASCII characters (`!` to `~`, no spaces). The host
/// chooses it; it is compared by its exact bytes and is not personal data.
public struct PriceListID: Identifier {
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

    /// An id without the syntax check, for the placeholder inside a resolution without
    /// a winner (``PriceResolution/winner`` returns nil then; it is never shown).
    init(uncheckedRawValue rawValue: String) {
        self.rawValue = rawValue
    }

    /// Parses an identifier.
    ///
    /// - Throws: ``PricingErrorCode/invalidIdentifier`` naming the field `priceListID`.
    public init(validating text: String) throws(PricingError) {
        guard let id = PriceListID(rawValue: text) else {
            throw PricingIdentifierRules.invalid(field: "priceListID")
        }
        self = id
    }
}
