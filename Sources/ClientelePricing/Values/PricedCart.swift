/// A priced cart: one resolution per line and the total.
public struct PricedCart: Hashable, Sendable {
    /// The lines, in the order given.
    public var lines: [PriceResolution]
    /// The sum of the line totals; `nil` for an empty cart (it has no currency).
    public var total: Money?

    /// Creates a priced cart.
    public init(lines: [PriceResolution], total: Money?) {
        self.lines = lines
        self.total = total
    }
}
