import Foundation

/// Identifies a session in listings, so a customer can revoke one without its token.
public struct SessionID: Identifier {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps an identifier's text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Makes a fresh identifier from a generator.
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }
}
