public import Foundation

/// An address that must never be mailed again, kept only as a salted digest of its
/// uniqueness key.
public struct SuppressionEntry: Hashable, Sendable, Codable {
    /// Why an address is suppressed.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// The customer was erased (GDPR article 17).
        case erasure
        /// The mailbox bounced permanently.
        case bounce
        /// The recipient complained (marked as spam).
        case complaint
        /// The shop added it by hand.
        case manual
    }

    /// HMAC-SHA256 of the e-mail uniqueness key under the shop's salt.
    public var digest: Digest256
    /// When it was added.
    public var since: Date
    /// Why.
    public var reason: Reason

    /// Creates an entry.
    public init(digest: Digest256, since: Date, reason: Reason) {
        self.digest = digest
        self.since = StoredInstant.normalized(since)
        self.reason = reason
    }
}
