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
    public var instant: Date {
        get { Date(timeIntervalSinceReferenceDate: time) }
        set { time = newValue.timeIntervalSinceReferenceDate }
    }

    /// The instant as seconds since 2001-01-01: a plain `Double`, so that a request is
    /// a loadable value the resolver borrows without copying (`Date` is a resilient type).
    var time: Double

    /// Creates a request from a catalog item.
    public init(item: CatalogItem, quantity: Int = 1, customer: CustomerContext, instant: Date) {
        self.item = item
        self.quantity = quantity
        self.customer = customer
        self.time = instant.timeIntervalSinceReferenceDate
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

    private enum CodingKeys: String, CodingKey {
        case item, quantity, customer, instant
    }

    /// Decodes `item`, `quantity`, `customer` and `instant`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            item: try container.decode(CatalogItem.self, forKey: .item),
            quantity: try container.decode(Int.self, forKey: .quantity),
            customer: try container.decode(CustomerContext.self, forKey: .customer),
            instant: try container.decode(Date.self, forKey: .instant))
    }

    /// Encodes `item`, `quantity`, `customer` and `instant`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(customer, forKey: .customer)
        try container.encode(instant, forKey: .instant)
    }
}
