/// Where an account stands in its life. Only ``active`` accounts log in.
///
/// Allowed transitions (anything else is ``AccountErrorCode/forbiddenTransition``):
///
/// | from | to |
/// |---|---|
/// | pending | active (e-mail verified or approved), rejected, closed |
/// | active | suspended, closed |
/// | suspended | active (reinstated), closed |
/// | rejected | closed |
/// | closed | — (final) |
public enum AccountStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Waiting for e-mail verification or the shop's approval.
    case pending
    /// May log in.
    case active
    /// Blocked by the shop for now; may be reinstated.
    case suspended
    /// Refused by the shop during approval.
    case rejected
    /// Closed for good; the e-mail address is free for a new account.
    case closed

    /// The statuses this status may change into.
    public var allowedNextStatuses: Set<AccountStatus> {
        switch self {
        case .pending: [.active, .rejected, .closed]
        case .active: [.suspended, .closed]
        case .suspended: [.active, .closed]
        case .rejected: [.closed]
        case .closed: []
        }
    }

    /// True when the change from `self` to `next` is allowed.
    public func canChange(to next: AccountStatus) -> Bool {
        allowedNextStatuses.contains(next)
    }
}
