/// How long the hub keeps what it no longer needs (GDPR storage limitation), applied by
/// ``CustomerHub/purgeExpired(at:)``. A rule set to `nil` is off.
///
/// Expired sessions and one-time tokens are always removed.
public struct RetentionPolicy: Sendable, Hashable {
    /// A guest checkout record without orders is erased this long after it was created
    /// (an abandoned checkout keeps an address for nothing). Default 30 days.
    public let guestsWithoutOrders: Duration?
    /// An account (or a guest with orders) with no activity for this long is erased:
    /// activity is its creation, its last order and the last use of a session. Default off:
    /// a shop decides this with its accountant (orders have legal retention periods).
    public let inactiveCustomers: Duration?
    /// Profile history entries older than this are deleted (values stay). Default 2 years
    /// (730 days).
    public let profileHistory: Duration?
    /// Marketing send records older than this are deleted: they prove consent for a send
    /// (keep them as long as a complaint about a mail can come) and count towards frequency
    /// caps (keep them longer than the longest cap window). Default off.
    public let sendRecords: Duration?

    /// Creates a policy.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidConfiguration`` naming the field when a
    ///   period is not positive.
    public init(
        guestsWithoutOrders: Duration? = .seconds(30 * 86_400),
        inactiveCustomers: Duration? = nil,
        profileHistory: Duration? = .seconds(730 * 86_400),
        sendRecords: Duration? = nil
    ) throws(SegmentationError) {
        let periods = [
            ("guestsWithoutOrders", guestsWithoutOrders), ("inactiveCustomers", inactiveCustomers),
            ("profileHistory", profileHistory), ("sendRecords", sendRecords),
        ]
        for (field, period) in periods {
            if let period, period <= .zero {
                throw SegmentationError(
                    .invalidConfiguration, "A retention period must be positive; use nil to switch a rule off.",
                    context: ErrorContext(field: field))
            }
        }
        self.guestsWithoutOrders = guestsWithoutOrders
        self.inactiveCustomers = inactiveCustomers
        self.profileHistory = profileHistory
        self.sendRecords = sendRecords
    }

    /// The defaults: guests without orders after 30 days, profile history after 730 days,
    /// inactive customers and send records kept.
    public init() {
        guestsWithoutOrders = .seconds(30 * 86_400)
        inactiveCustomers = nil
        profileHistory = .seconds(730 * 86_400)
        sendRecords = nil
    }
}

/// What ``CustomerHub/purgeExpired(at:)`` removed.
public struct RetentionReport: Sendable, Hashable {
    /// Guest records without orders erased.
    public var guestsErased: [CustomerID] = []
    /// Inactive customers erased.
    public var inactiveErased: [CustomerID] = []
    /// Records from which expired sessions or tokens were removed.
    public var credentialsPruned = 0
    /// Profile history entries deleted.
    public var historyEntriesDeleted = 0
    /// Send records deleted.
    public var sendsDeleted = 0

    /// An empty report.
    public init() {}
}
