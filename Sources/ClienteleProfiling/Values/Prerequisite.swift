/// A condition on another field that must hold before a field is asked: "ask B only once
/// A is known" or "only when A has a given value".
public enum Prerequisite: Sendable, Hashable {
    /// The other field has a value.
    case known(FieldKey)
    /// The other field has exactly this value.
    case equals(FieldKey, ProfileValue)
    /// The other field has one of these values.
    case oneOf(FieldKey, [ProfileValue])

    /// The field the condition is on.
    public var field: FieldKey {
        switch self {
        case .known(let key), .equals(let key, _), .oneOf(let key, _): key
        }
    }

    /// True when `value`, the other field's current value (or `nil`), meets the condition.
    public func isMet(by value: ProfileValue?) -> Bool {
        guard let value else { return false }
        switch self {
        case .known: return true
        case .equals(_, let expected): return value == expected
        case .oneOf(_, let allowed): return allowed.contains(value)
        }
    }
}
