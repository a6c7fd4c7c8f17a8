public import Foundation

/// Where a profile value came from: who gave it, at which collection point, when, and
/// whether it was verified.
public struct Provenance: Sendable, Hashable, Codable {
    /// Who or what supplied a value.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// The customer typed it (a question, the account page).
        case customer
        /// It came with an order at checkout.
        case checkout
        /// It was imported from another system.
        case `import`
        /// The shop's staff set it.
        case shop
        /// The shop derived it from other data (an order history, a postal code).
        case inferred
    }

    /// Who or what supplied the value.
    public var source: Source
    /// The form or flow that collected it, such as `registration-step-2` or `account-page`.
    /// Not personal data.
    public var collectionPoint: String
    /// When it was collected, at the stored precision (whole milliseconds).
    public var at: Date
    /// True when the value was verified (a confirmed e-mail, a checked phone number).
    public var verified: Bool

    /// Creates a provenance.
    public init(source: Source, collectionPoint: String, at: Date, verified: Bool = false) {
        self.source = source
        self.collectionPoint = collectionPoint
        self.at = at
        self.verified = verified
    }
}
