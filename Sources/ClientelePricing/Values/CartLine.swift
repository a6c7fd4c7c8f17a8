/// One line of a cart to price: a catalog item and a quantity.
public struct CartLine: Hashable, Sendable, Codable {
    /// The product and its base price.
    public var item: CatalogItem
    /// How many (≥ 1).
    public var quantity: Int

    /// Creates a cart line.
    public init(item: CatalogItem, quantity: Int) {
        self.item = item
        self.quantity = quantity
    }
}
