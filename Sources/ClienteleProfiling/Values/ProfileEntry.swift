/// One known value of a customer's profile with its provenance.
public struct ProfileEntry: Sendable, Hashable, Codable {
    /// The field the value belongs to.
    public var field: FieldKey
    /// The value.
    public var value: ProfileValue
    /// Where the value came from.
    public var provenance: Provenance

    /// Creates an entry.
    public init(field: FieldKey, value: ProfileValue, provenance: Provenance) {
        self.field = field
        self.value = value
        self.provenance = provenance
    }
}
