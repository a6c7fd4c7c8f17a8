public import Foundation

/// A consent that should be asked for again.
public struct RepermissionCandidate: Hashable, Sendable, Codable {
    /// Why the consent needs renewing.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// It was granted before the cutoff (older than the asked number of months).
        case older
        /// A later purpose version needs new consent.
        case purposeChanged
    }

    /// The customer.
    public var customer: CustomerID
    /// The purpose.
    public var purpose: PurposeID
    /// The channel.
    public var channel: ContactChannel
    /// When the consent came into force.
    public var grantedAt: Date
    /// The version it was given for.
    public var version: Int
    /// The purpose's current version.
    public var currentVersion: Int
    /// Every reason that applies.
    public var reasons: [Reason]

    /// Creates a candidate.
    public init(
        customer: CustomerID, purpose: PurposeID, channel: ContactChannel, grantedAt: Date, version: Int,
        currentVersion: Int, reasons: [Reason]
    ) {
        self.customer = customer
        self.purpose = purpose
        self.channel = channel
        self.grantedAt = grantedAt
        self.version = version
        self.currentVersion = currentVersion
        self.reasons = reasons
    }
}
