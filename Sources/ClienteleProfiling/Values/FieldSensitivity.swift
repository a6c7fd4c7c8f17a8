/// How carefully a field's values are handled: sensitive fields (health, religion, a
/// child's age) are left out of routine exports and logs unless asked for.
public enum FieldSensitivity: String, Sendable, Hashable, Codable, CaseIterable {
    /// An ordinary profile detail.
    case normal
    /// A detail that needs extra care.
    case sensitive
}
