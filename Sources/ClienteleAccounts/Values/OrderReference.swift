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

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension OrderReference: RecordCodable {
    /// Reads the order reference straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not valid.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(OrderID.self, forKey: "id")
        customer = try reader.decodeRaw(CustomerID.self, forKey: "customer")
        placedAt = try reader.decodeDate(forKey: "placedAt")
        total = try reader.decodeMoney(forKey: "total")
        status = try reader.decodeRaw(OrderStatus.self, forKey: "status")
    }

    /// Writes the order reference in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        writer.encode(customer.rawValue, forKey: "customer")
        writer.encode(date: placedAt, forKey: "placedAt")
        try writer.encode(money: total, forKey: "total")
        writer.encode(status.rawValue, forKey: "status")
    }
}
