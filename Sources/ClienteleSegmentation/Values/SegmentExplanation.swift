/// Why a customer is or is not in a segment: the query's value and each predicate's.
///
/// Built by ``SegmentEvaluator/explain(_:at:)``. The reasons quote the customer's fact
/// values (for the shop admin looking at one customer), so ``description``, debug
/// description and mirror show only the truth values.
public struct SegmentExplanation: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The query's value for the customer.
    public var result: TruthValue
    /// The UTC day the query was evaluated on (relative dates count from it).
    public var day: UTCDay
    /// Every predicate, left to right, with its value and reason.
    public var predicates: [PredicateExplanation]

    /// Creates an explanation.
    public init(result: TruthValue, day: UTCDay, predicates: [PredicateExplanation]) {
        self.result = result
        self.day = day
        self.predicates = predicates
    }

    /// True when the customer is a member (the query is true).
    public var isMember: Bool { result == .true }

    /// One sentence for the shop admin, followed by one line per predicate.
    public var summary: String {
        var lines: [String] = []
        switch result {
        case .true:
            lines.append("Member: the query is true on \(day).")
        case .false:
            lines.append("Not a member: the query is false on \(day).")
        case .unknown:
            let nulls = predicates.filter { $0.result == .unknown }.map(\.predicate.attribute.name)
            lines.append(
                "Not a member: the query is unknown on \(day) because "
                    + "\(Set(nulls).sorted().joined(separator: ", ")) is NULL; only a true query makes a member.")
        }
        for predicate in predicates {
            lines.append("- \(predicate.predicate): \(predicate.result) (\(predicate.reason))")
        }
        return lines.joined(separator: "\n")
    }

    /// `SegmentExplanation(result: …, predicates: [true, unknown, …])`, without fact values.
    public var description: String {
        "SegmentExplanation(result: \(result), predicates: [\(predicates.map(\.result.rawValue).joined(separator: ", "))])"
    }
    /// As redacted as ``description``.
    public var debugDescription: String { description }
    /// The truth values only.
    public var customMirror: Mirror {
        Mirror(self, children: ["result": result, "predicates": predicates.map(\.result)])
    }
}

/// One predicate of an explained query: its value for the customer and why.
public struct PredicateExplanation: Sendable, Hashable, CustomStringConvertible {
    /// The predicate.
    public var predicate: SegmentPredicate
    /// Its value for the customer.
    public var result: TruthValue
    /// Why, quoting the customer's value of the attribute and the days relative dates name,
    /// such as `last_visit_date is 2026-08-01; -56d is 2026-09-06`. Personal data.
    public var reason: String

    /// Creates a predicate explanation.
    public init(predicate: SegmentPredicate, result: TruthValue, reason: String) {
        self.predicate = predicate
        self.result = result
        self.reason = reason
    }

    /// The predicate and its value, without the reason (which quotes fact values).
    public var description: String { "\(predicate): \(result)" }
}
