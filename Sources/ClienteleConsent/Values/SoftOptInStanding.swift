public import Foundation

/// A soft opt-in as recorded in the ledger.
public struct SoftOptInStanding: Hashable, Sendable, Codable {
    /// The sequence of the `softOptIn` record.
    public var sequence: Int
    /// When it was recorded.
    public var recordedAt: Date
    /// Its terms: order, product categories, expiry.
    public var terms: SoftOptIn

    /// Creates a soft opt-in standing.
    public init(sequence: Int, recordedAt: Date, terms: SoftOptIn) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.terms = terms
    }
}
