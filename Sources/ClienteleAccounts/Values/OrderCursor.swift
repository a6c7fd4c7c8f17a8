public import Foundation

/// Where a page of "my orders" ended; pass it to get the next page.
public struct OrderCursor: Sendable, Codable, Hashable {
    /// The last listed order's placement instant.
    public var placedAt: Date
    /// The last listed order's identifier.
    public var id: OrderID

    /// Creates a cursor.
    public init(placedAt: Date, id: OrderID) {
        self.placedAt = placedAt
        self.id = id
    }

    /// True when `order` comes after this cursor in "my orders" order.
    public func isBefore(_ order: OrderReference) -> Bool {
        placedAt != order.placedAt ? order.placedAt < placedAt : order.id < id
    }
}
