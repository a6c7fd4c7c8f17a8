/// One line of a price list: which products, from which quantity, and the adjustment.
///
/// ```swift
/// // Wholesale: 15 % off everything from 10 pieces.
/// PriceEntry(id: e1, target: .allProducts, minimumQuantity: 10, adjustment: .percentOff(try BasisPoints(1_500)))
/// ```
public struct PriceEntry: Hashable, Sendable, Codable {
    /// Unique within its list.
    public var id: PriceEntryID
    /// The product, category or all products the entry applies to.
    public var target: PriceTarget
    /// The smallest quantity (≥ 1) for which the entry applies.
    public var minimumQuantity: Int
    /// How the unit price is computed.
    public var adjustment: PriceAdjustment

    /// Creates an entry; it is validated when its list is saved or put in a price book.
    public init(id: PriceEntryID, target: PriceTarget, minimumQuantity: Int = 1, adjustment: PriceAdjustment) {
        self.id = id
        self.target = target
        self.minimumQuantity = minimumQuantity
        self.adjustment = adjustment
    }
}
