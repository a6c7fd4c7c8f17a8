public import Foundation

/// One entry of an account's status log: who changed what, when and why.
///
/// The log is the shop's record of approvals, rejections (with their reason), suspensions
/// and closures. Reasons are written by the shop; keep personal data out of them.
public struct StatusChange: Sendable, Codable, Hashable {
    /// The status before the change (`nil` when the account was created).
    public var from: AccountStatus?
    /// The status after the change.
    public var to: AccountStatus
    /// When it changed, from the service's clock.
    public var at: Date
    /// Why, in the shop's words (required for a rejection).
    public var reason: String?
    /// Who decided it: a staff member's identifier, or `"system"` for automatic changes.
    public var actor: String

    /// Creates a log entry.
    public init(from: AccountStatus?, to: AccountStatus, at: Date, reason: String? = nil, actor: String) {
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
        self.actor = actor
    }
}
