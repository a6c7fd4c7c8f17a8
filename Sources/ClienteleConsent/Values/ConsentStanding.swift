public import Foundation

/// Everything the ledger says about one purpose on one channel at one instant: the
/// consent status, a soft opt-in in force, and an objection to direct marketing.
public struct ConsentStanding: Hashable, Sendable, Codable {
    /// The purpose.
    public var purpose: PurposeID
    /// The channel.
    public var channel: ContactChannel
    /// The explicit consent status.
    public var status: ConsentStatus
    /// The soft opt-in recorded and not ended (it may still have expired by date;
    /// see ``SoftOptInStanding/terms``).
    public var softOptIn: SoftOptInStanding?
    /// When the customer objected to direct marketing, if the objection still stands
    /// for this purpose (only a later consent the customer gives themself lifts it).
    public var objectedAt: Date?

    /// Creates a standing.
    public init(
        purpose: PurposeID, channel: ContactChannel, status: ConsentStatus, softOptIn: SoftOptInStanding? = nil,
        objectedAt: Date? = nil
    ) {
        self.purpose = purpose
        self.channel = channel
        self.status = status
        self.softOptIn = softOptIn
        self.objectedAt = objectedAt
    }
}
