/// How segmentation works for one shop: the lifecycle thresholds, the triggers, and the
/// bounds of the service's store work. Checked when it is made, so a configuration that
/// exists can work.
public struct SegmentationConfiguration: Sendable, Hashable {
    /// The lifecycle thresholds; the service sets every customer's `lifecycle_stage` from them.
    public let lifecycle: LifecyclePolicy
    /// The triggers and their thresholds.
    public let triggers: TriggerPolicy
    /// How many times a read-decide-write is attempted when another writer moved the store
    /// on (see `ConflictRetry`); at least 1.
    public let maximumConflictAttempts: Int
    /// How many members one store read returns when the service compares its evaluation
    /// with the stored members; at least 1.
    public let memberPageSize: Int

    /// Creates a configuration, checking every field.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidConfiguration`` naming the field
    ///   (`maximumConflictAttempts`, `memberPageSize`).
    public init(
        lifecycle: LifecyclePolicy = LifecyclePolicy(),
        triggers: TriggerPolicy = TriggerPolicy(),
        maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts,
        memberPageSize: Int = 10_000
    ) throws(SegmentationError) {
        guard maximumConflictAttempts >= 1 else {
            throw SegmentationError(
                .invalidConfiguration, "At least one attempt is needed for a write that may conflict.",
                context: ErrorContext(field: "maximumConflictAttempts"))
        }
        guard memberPageSize >= 1 else {
            throw SegmentationError(
                .invalidConfiguration, "A member page holds at least one customer.", context: ErrorContext(field: "memberPageSize"))
        }
        self.lifecycle = lifecycle
        self.triggers = triggers
        self.maximumConflictAttempts = maximumConflictAttempts
        self.memberPageSize = memberPageSize
    }

    /// The defaults: ``LifecyclePolicy/init()``, ``TriggerPolicy/init()``, 32 attempts,
    /// pages of 10,000.
    public init() {
        lifecycle = LifecyclePolicy()
        triggers = TriggerPolicy()
        maximumConflictAttempts = ConflictRetry.defaultMaximumAttempts
        memberPageSize = 10_000
    }
}

/// What a change of facts or of time did: who entered and left which segment, and whose
/// lifecycle stage changed. The service has stored the membership changes and announced
/// both before it returns this.
public struct SegmentationReport: Sendable, Hashable {
    /// Entries and exits, by segment.
    public var changes: [MembershipChange]
    /// Lifecycle stage changes.
    public var transitions: [LifecycleTransition]

    /// A report.
    public init(changes: [MembershipChange] = [], transitions: [LifecycleTransition] = []) {
        self.changes = changes
        self.transitions = transitions
    }
}
