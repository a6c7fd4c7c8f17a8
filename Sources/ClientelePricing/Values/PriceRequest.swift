public import Foundation

/// Everything price resolution needs: the product, quantity, who asks, and when.
public struct PriceRequest: Hashable, Sendable, Codable {
    /// The product, its categories, base price and floor.
    public var item: CatalogItem
    /// How many (≥ 1); entries with a higher minimum quantity do not apply.
    public var quantity: Int
    /// The visitor or customer.
    public var customer: CustomerContext
    /// The instant to resolve at (lists are valid in `[validFrom, validTo)`).
    public var instant: Date

    /// Creates a request from a catalog item.
    public init(item: CatalogItem, quantity: Int = 1, customer: CustomerContext, instant: Date) {
        self.item = item
        self.quantity = quantity
        self.customer = customer
        self.instant = instant
    }

    /// Creates a request from its parts.
    public init(
        product: ProductID, categories: [CategoryID] = [], basePrice: Money, floor: Money? = nil,
        quantity: Int = 1, customer: CustomerContext, instant: Date
    ) {
        self.init(
            item: CatalogItem(product: product, categories: categories, basePrice: basePrice, floor: floor),
            quantity: quantity, customer: customer, instant: instant)
    }
}
