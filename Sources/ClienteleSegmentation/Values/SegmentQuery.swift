/// A parsed segment query: predicates combined with `NOT`, `AND` and `OR`.
///
/// Parse one from text with ``SegmentQueryParser``, print it back as canonical text with
/// ``description`` (`parse(print(q)) == q`), and evaluate it with ``SegmentEvaluator``.
/// `AND` and `OR` are binary and left-associative: `a OR b OR c` is
/// `.or(.or(a, b), c)`.
public indirect enum SegmentQuery: Sendable, Hashable {
    /// Both sides hold (Kleene conjunction).
    case and(SegmentQuery, SegmentQuery)
    /// Either side holds (Kleene disjunction).
    case or(SegmentQuery, SegmentQuery)
    /// The operand does not hold; NOT unknown is unknown.
    case not(SegmentQuery)
    /// One test of one attribute.
    case predicate(SegmentPredicate)

    /// Every predicate, left to right.
    public var predicates: [SegmentPredicate] {
        var result: [SegmentPredicate] = []
        collect(into: &result)
        return result
    }

    private func collect(into result: inout [SegmentPredicate]) {
        switch self {
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            lhs.collect(into: &result)
            rhs.collect(into: &result)
        case .not(let operand): operand.collect(into: &result)
        case .predicate(let predicate): result.append(predicate)
        }
    }
}

/// One test of one attribute, such as `number_of_orders >= 2`.
public struct SegmentPredicate: Sendable, Hashable, CustomStringConvertible {
    /// The attribute tested.
    public var attribute: SegmentAttribute
    /// The test.
    public var condition: SegmentCondition

    /// Creates a predicate.
    public init(_ attribute: SegmentAttribute, _ condition: SegmentCondition) {
        self.attribute = attribute
        self.condition = condition
    }

    /// The predicate's canonical text.
    public var description: String {
        let name = attribute.name
        switch condition {
        case .compare(let op, let literal):
            return "\(name) \(op.rawValue) \(literal)"
        case .in(let literals, let negated):
            return "\(name) \(negated ? "NOT IN" : "IN") (\(literals.map(\.description).joined(separator: ", ")))"
        case .between(let low, let high, let negated):
            return "\(name) \(negated ? "NOT BETWEEN" : "BETWEEN") \(low) AND \(high)"
        case .isNull(let negated):
            return "\(name) \(negated ? "IS NOT NULL" : "IS NULL")"
        case .contains(let literal, let negated):
            return "\(name) \(negated ? "NOT CONTAINS" : "CONTAINS") \(literal)"
        }
    }
}

/// What a predicate tests about its attribute.
public enum SegmentCondition: Sendable, Hashable {
    /// `attr op literal`.
    case compare(ComparisonOperator, SegmentLiteral)
    /// `attr IN (…)` or, negated, `attr NOT IN (…)`; never empty.
    case `in`([SegmentLiteral], negated: Bool)
    /// `attr BETWEEN low AND high` (both ends included) or `NOT BETWEEN`.
    case between(SegmentLiteral, SegmentLiteral, negated: Bool)
    /// `attr IS NULL` or `attr IS NOT NULL`.
    case isNull(negated: Bool)
    /// `attr CONTAINS literal` or `attr NOT CONTAINS literal`, for list attributes.
    case contains(SegmentLiteral, negated: Bool)
}

/// A comparison operator.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    /// `=`
    case equal = "="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// True when the operator needs an ordered type.
    public var needsOrder: Bool { self != .equal && self != .notEqual }
}
