/// What a one-time token may be used for. A token works for its own purpose only.
public enum TokenPurpose: String, Sendable, Codable, Hashable, CaseIterable {
    /// Proves the customer receives mail at the account's address.
    case verifyEmail
    /// Lets the customer choose a new password (expires within 60 minutes).
    case resetPassword
    /// Proves the mailbox before earlier guest orders of the address are attached to the account.
    case claimGuestOrders
    /// Proves the customer receives mail at the new address of an e-mail change.
    case changeEmail
}
