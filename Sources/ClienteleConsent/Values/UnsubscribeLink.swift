public import Foundation

/// What a verified one-click unsubscribe token says: who, which purpose, which channel.
public struct UnsubscribeLink: Hashable, Sendable, Codable {
    /// The customer.
    public var customer: CustomerID
    /// The purpose to withdraw.
    public var purpose: PurposeID
    /// The channel to withdraw.
    public var channel: ContactChannel
    /// When the token stops working; `nil` for never.
    public var expiresAt: Date?
    /// The ID of the key that signed it.
    public var keyID: String

    /// Creates link contents.
    public init(customer: CustomerID, purpose: PurposeID, channel: ContactChannel, expiresAt: Date?, keyID: String) {
        self.customer = customer
        self.purpose = purpose
        self.channel = channel
        self.expiresAt = expiresAt
        self.keyID = keyID
    }
}
