/// A product as the host's catalog knows it: id, categories, base price and optional floor.
public struct CatalogItem: Hashable, Sendable, Codable {
    /// The product.
    public var product: ProductID
    /// Every category the product is in; an entry for any of them matches.
    public var categories: [CategoryID]
    /// The price without any list (minor units, non-negative).
    public var basePrice: Money
    /// The lowest unit price allowed (such as cost), in the base price's currency.
    public var floor: Money?

    /// Creates a catalog item.
    public init(product: ProductID, categories: [CategoryID] = [], basePrice: Money, floor: Money? = nil) {
        self.product = product
        self.categories = categories
        self.basePrice = basePrice
        self.floor = floor
    }
}
