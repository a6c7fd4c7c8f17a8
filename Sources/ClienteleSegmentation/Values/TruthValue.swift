/// The value of a query or predicate under SQL's three-valued logic.
///
/// A comparison with a NULL attribute is ``unknown``; `NOT`, `AND` and `OR` follow Kleene
/// logic; a customer is a member of a segment only when its query is ``true``.
public enum TruthValue: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The condition holds.
    case `true`
    /// The condition does not hold.
    case `false`
    /// The condition cannot be decided because an attribute is NULL.
    case unknown

    /// `TRUE` or `FALSE` from a Boolean.
    @inlinable
    public init(_ value: Bool) { self = value ? .true : .false }

    /// Kleene negation: unknown stays unknown.
    @inlinable
    public static prefix func ! (value: TruthValue) -> TruthValue {
        switch value {
        case .true: .false
        case .false: .true
        case .unknown: .unknown
        }
    }

    /// Kleene conjunction: false wins, then unknown.
    @inlinable
    public static func && (lhs: TruthValue, rhs: TruthValue) -> TruthValue {
        if lhs == .false || rhs == .false { return .false }
        if lhs == .unknown || rhs == .unknown { return .unknown }
        return .true
    }

    /// Kleene disjunction: true wins, then unknown.
    @inlinable
    public static func || (lhs: TruthValue, rhs: TruthValue) -> TruthValue {
        if lhs == .true || rhs == .true { return .true }
        if lhs == .unknown || rhs == .unknown { return .unknown }
        return .false
    }

    /// True only for ``true``: whether a customer with this result is a member.
    @inlinable
    public var isMember: Bool { self == .true }

    /// `true`, `false` or `unknown`.
    public var description: String { rawValue }
}
