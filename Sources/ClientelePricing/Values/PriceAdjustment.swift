/// How an entry turns a reference price into a unit price.
///
/// Against a reference price `r` (the base price, or for a sale list the price an
/// override list set): a fixed price is its value; percent off `p` is
/// `r × (10,000 − p) / 10,000` rounded half up to the minor unit; amount off `a` is
/// `max(0, r − a)`.
public enum PriceAdjustment: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The unit price is this amount, whatever the reference price.
    case fixedPrice(Money)
    /// The reference price minus a percentage, rounded half up.
    case percentOff(BasisPoints)
    /// The reference price minus this amount, never below zero.
    case amountOff(Money)

    /// The unit price this adjustment makes of `reference`.
    ///
    /// The amount's currency is not checked here: lists are validated to use one currency,
    /// and a price book only applies a list to requests in that currency.
    ///
    /// - Complexity: O(1), no allocation.
    public func apply(to reference: Money) -> Money {
        switch self {
        case .fixedPrice(let price):
            Money(minorUnits: price.minorUnits, currency: reference.currency)
        case .percentOff(let percent):
            reference.reduced(by: percent)
        case .amountOff(let amount):
            Money(
                minorUnits: reference.minorUnits > amount.minorUnits ? reference.minorUnits - amount.minorUnits : 0,
                currency: reference.currency)
        }
    }

    /// `fixed price 12.34 EUR`, `10% off` or `2.00 EUR off`.
    public var description: String {
        switch self {
        case .fixedPrice(let price): "fixed price \(price)"
        case .percentOff(let percent): "\(percent) off"
        case .amountOff(let amount): "\(amount) off"
        }
    }
}
