import Foundation

/// Identifies one of a customer's addresses.
public struct AddressID: Identifier {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps an identifier's text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Makes a fresh identifier from a generator.
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }
}
