public import Foundation

/// What the host records about an order: enough for "my orders" and for segmentation facts.
public struct OrderReference: Sendable, Codable, Hashable {
    /// The host's order identifier.
    public var id: OrderID
    /// The customer who placed it (a guest or an account).
    public var customer: CustomerID
    /// When it was placed.
    public var placedAt: Date
    /// The order total.
    public var total: Money
    /// Its current status.
    public var status: OrderStatus

    /// Creates an order reference.
    public init(id: OrderID, customer: CustomerID, placedAt: Date, total: Money, status: OrderStatus = .placed) {
        self.id = id
        self.customer = customer
        self.placedAt = placedAt
        self.total = total
        self.status = status
    }

    /// True when `self` comes before `other` in "my orders": newest first, then by id descending.
    public func precedes(_ other: OrderReference) -> Bool {
        placedAt != other.placedAt ? placedAt > other.placedAt : id > other.id
    }

    /// The cursor that continues a listing after this order.
    public var cursor: OrderCursor { OrderCursor(placedAt: placedAt, id: id) }
}
