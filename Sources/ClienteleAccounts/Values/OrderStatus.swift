/// Where an order stands, as the host reports it. Open set: hosts may use their own names.
public struct OrderStatus: RawRepresentable, Sendable, Codable, Hashable, CustomStringConvertible {
    /// The status name.
    public let rawValue: String

    /// Wraps a status name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Placed, not yet paid.
    public static let placed = Self(rawValue: "placed")
    /// Paid.
    public static let paid = Self(rawValue: "paid")
    /// Handed to the carrier.
    public static let shipped = Self(rawValue: "shipped")
    /// Delivered and done.
    public static let completed = Self(rawValue: "completed")
    /// Cancelled before completion.
    public static let cancelled = Self(rawValue: "cancelled")
    /// Sent back after delivery.
    public static let returned = Self(rawValue: "returned")

    /// The status name.
    public var description: String { rawValue }
}
