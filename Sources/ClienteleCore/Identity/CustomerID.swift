import Foundation

/// A stable identifier of a customer.
///
/// Its string form is opaque and carries no personal data, so it may appear in logs,
/// events and error messages. Hosts may bring their own identifiers (such as
/// `C0000001`) or let an ``IDGenerator`` make them.
public struct CustomerID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The identifier's text: 1–64 characters of `A–Z a–z 0–9 _ -`.
    public let rawValue: String

    /// The longest identifier accepted, in characters.
    public static let maximumLength = 64

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier, throwing a ``CoreError`` that says which rule failed.
    ///
    /// - Throws: ``CoreErrorCode/invalidCustomerID``.
    public init(validating text: String) throws(CoreError) {
        guard let id = CustomerID(rawValue: text) else {
            throw CoreError(
                .invalidCustomerID,
                "A customer ID must be 1–\(Self.maximumLength) characters of A–Z, a–z, 0–9, '_' or '-'.",
                context: ErrorContext(field: "customerID"))
        }
        self = id
    }

    /// Makes a fresh identifier from a generator (its UUID in lower case).
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }

    /// The identifier's text.
    public var description: String { rawValue }

    /// Orders identifiers by their text, so listings are stable.
    public static func < (lhs: CustomerID, rhs: CustomerID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes from a single string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = CustomerID(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not a valid customer ID.")
        }
        self = id
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
