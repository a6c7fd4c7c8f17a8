/// The host's identifier of an order, such as its order number.
public struct OrderID: RawRepresentable, Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier's text: 1–64 printable ASCII characters.
    public let rawValue: String

    /// Accepts a valid order identifier, `nil` otherwise.
    public init?(rawValue: String) {
        let utf8 = rawValue.utf8
        guard !utf8.isEmpty, utf8.count <= 64, utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an order identifier.
    ///
    /// - Throws: ``AccountErrorCode/invalidOrder``.
    public init(validating text: String) throws(AccountError) {
        guard let id = OrderID(rawValue: text) else {
            throw AccountError(
                .invalidOrder, "An order ID must be 1–64 printable ASCII characters without spaces.",
                context: ErrorContext(field: "orderID"))
        }
        self = id
    }

    /// Decodes from a single string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let id = OrderID(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a valid order ID.")
        }
        self = id
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Orders identifiers by their text.
    public static func < (lhs: OrderID, rhs: OrderID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The identifier's text.
    public var description: String { rawValue }
}
