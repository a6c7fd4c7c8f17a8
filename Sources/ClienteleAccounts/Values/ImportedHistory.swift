public import Foundation

/// What an earlier shop system knew about a customer's orders and visits, brought in by an
/// import: the totals, not the orders themselves.
///
/// A shop moving from another system usually has each customer's order count, total spent
/// and first and last order dates, but not every order in a form worth keeping. Clientele
/// keeps those totals as they were given, beside the orders the shop records from then on
/// (``OrderStore/recordOrder(_:)``): it never invents orders to match them, so "my orders"
/// shows real orders only. The `Clientele` facade adds both when it builds a customer's
/// segmentation facts (`number_of_orders`, `amount_spent`, `first_order_date`,
/// `last_order_date`, `last_visit_date`, and `country` when no address gives one).
public struct ImportedHistory: Sendable, Codable, Hashable {
    /// The number of orders placed before the import (cancelled and returned ones left out).
    public var numberOfOrders: Int
    /// What those orders add up to.
    public var amountSpent: Money
    /// When the first of them was placed; `nil` without orders.
    public var firstOrderAt: Date?
    /// When the last of them was placed; `nil` without orders.
    public var lastOrderAt: Date?
    /// The customer's last visit in the earlier system, if known.
    public var lastVisitAt: Date?
    /// The customer's country (ISO 3166-1 alpha-2, upper case), if known.
    public var country: String?

    /// Creates an imported history.
    public init(
        numberOfOrders: Int, amountSpent: Money, firstOrderAt: Date? = nil, lastOrderAt: Date? = nil,
        lastVisitAt: Date? = nil, country: String? = nil
    ) {
        self.numberOfOrders = numberOfOrders
        self.amountSpent = amountSpent
        self.firstOrderAt = firstOrderAt
        self.lastOrderAt = lastOrderAt
        self.lastVisitAt = lastVisitAt
        self.country = country
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension ImportedHistory: RecordCodable {
    /// Reads the history straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing or damaged.
    public init(from reader: inout RecordReader) throws {
        numberOfOrders = try reader.decode(Int.self, forKey: "numberOfOrders")
        amountSpent = try reader.decodeMoney(forKey: "amountSpent")
        firstOrderAt = try reader.decodeDateIfPresent(forKey: "firstOrderAt")
        lastOrderAt = try reader.decodeDateIfPresent(forKey: "lastOrderAt")
        lastVisitAt = try reader.decodeDateIfPresent(forKey: "lastVisitAt")
        country = try reader.decodeIfPresent(String.self, forKey: "country")
    }

    /// Writes the history in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(numberOfOrders, forKey: "numberOfOrders")
        try writer.encode(money: amountSpent, forKey: "amountSpent")
        writer.encodeIfPresent(date: firstOrderAt, forKey: "firstOrderAt")
        writer.encodeIfPresent(date: lastOrderAt, forKey: "lastOrderAt")
        writer.encodeIfPresent(date: lastVisitAt, forKey: "lastVisitAt")
        writer.encodeIfPresent(country, forKey: "country")
    }
}
