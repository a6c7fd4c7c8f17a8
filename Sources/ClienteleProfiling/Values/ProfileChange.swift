/// One entry of a profile's change history: a field's value before and after a change,
/// and the provenance of the change. A `nil` old value is a first answer; a `nil` new
/// value is a removal (a purge, a customer clearing a field).
public struct ProfileChange: Sendable, Hashable, Codable {
    /// The field that changed.
    public var field: FieldKey
    /// The value before the change, or `nil` when there was none.
    public var oldValue: ProfileValue?
    /// The value after the change, or `nil` when it was removed.
    public var newValue: ProfileValue?
    /// Who made the change, where and when.
    public var provenance: Provenance

    /// Creates a history entry.
    public init(field: FieldKey, oldValue: ProfileValue?, newValue: ProfileValue?, provenance: Provenance) {
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.provenance = provenance
    }
}
