/// A stored value the current catalog no longer explains: its field was removed, or its
/// type changed so the value no longer fits. The value stays stored and readable; the
/// shop decides whether to migrate or purge it.
public struct OrphanedValue: Sendable, Hashable {
    /// Why the value is orphaned.
    public enum Reason: Sendable, Hashable {
        /// The catalog no longer has the field.
        case fieldRemoved
        /// The field now has this type, which the stored value does not fit.
        case typeChanged(FieldType)
    }

    /// The stored entry, unchanged.
    public let entry: ProfileEntry
    /// Why it is orphaned.
    public let reason: Reason

    /// Creates an orphan report.
    public init(entry: ProfileEntry, reason: Reason) {
        self.entry = entry
        self.reason = reason
    }

    /// The field's key.
    public var field: FieldKey { entry.field }
}
