import Foundation

/// Identifies one of a customer's addresses.
public struct AddressID: RawRepresentable, Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps an identifier's text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Makes a fresh identifier from a generator.
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }

    /// Orders identifiers by their text.
    public static func < (lhs: AddressID, rhs: AddressID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The identifier's text.
    public var description: String { rawValue }
}
