/// How a price list combines with others.
public enum PriceListMode: String, Hashable, Sendable, Codable {
    /// Sets the reference price (from the base price); the eligible override list with the
    /// highest priority and a matching entry wins. B2B and contract price lists.
    case override
    /// Competes against the reference price; the lowest sale price wins, and only if it is
    /// below the reference. Promotions and member discounts.
    case sale
}
