public import Foundation

/// A segment query compiled for evaluation against customer facts.
///
/// ```swift
/// let evaluator = try SegmentEvaluator("last_visit_date < -56d OR last_visit_date IS NULL", schema: schema)
/// evaluator.evaluate(facts, at: now)          // .true, .false or .unknown
/// evaluator.isMember(facts, at: now)          // true only for .true
/// evaluator.explain(facts, at: now).summary   // why
/// ```
///
/// Semantics: SQL three-valued logic (a comparison with a NULL attribute is unknown; NOT,
/// AND, OR are Kleene's); date attributes are compared at UTC-day granularity; relative
/// dates and `today` count from the UTC day of the evaluation instant; money is compared
/// exactly in minor units of the shop currency, `average_order_value` as the exact fraction
/// `amount_spent / number_of_orders`; text by its UTF-8 bytes. An evaluator is an immutable
/// value, safe to share between tasks.
public struct SegmentEvaluator: Sendable {
    /// The query evaluated.
    public let query: SegmentQuery
    /// The schema it was checked against (its currency scales money literals).
    public let schema: SegmentSchema
    let root: CompiledNode

    /// Compiles a parsed or hand-built query.
    ///
    /// - Throws: ``SegmentationError`` (`typeMismatch`, `invalidLiteral`, `syntax` for an
    ///   empty IN list) when a hand-built query breaks the type rules the parser enforces.
    public init(_ query: SegmentQuery, schema: SegmentSchema) throws(SegmentationError) {
        self.query = query
        self.schema = schema
        self.root = try CompiledNode(query, currency: schema.currency)
    }

    /// Parses and compiles query text.
    ///
    /// - Throws: the errors of ``SegmentQueryParser/parse(_:)``.
    public init(_ text: String, schema: SegmentSchema) throws(SegmentationError) {
        try self.init(SegmentQueryParser(schema: schema).parse(text), schema: schema)
    }

    /// The query's value for one customer at an instant (relative dates count from its UTC day).
    ///
    /// - Complexity: O(p) in the number of predicates (IN lists: O(k) in their length).
    public func evaluate(_ facts: CustomerFacts, at instant: Date) -> TruthValue {
        root.evaluate(facts, today: UTCDay(utcDayOf: instant))
    }

    /// The query's value for one customer on a UTC day.
    public func evaluate(_ facts: CustomerFacts, on today: UTCDay) -> TruthValue {
        root.evaluate(facts, today: today)
    }

    /// True when the customer is a member: the query is true (not false, not unknown).
    public func isMember(_ facts: CustomerFacts, at instant: Date) -> Bool {
        evaluate(facts, at: instant) == .true
    }
}

/// A query with its literals converted to the values facts are compared with.
indirect enum CompiledNode: Sendable {
    case and(CompiledNode, CompiledNode)
    case or(CompiledNode, CompiledNode)
    case not(CompiledNode)
    case predicate(CompiledPredicate)

    init(_ query: SegmentQuery, currency: Currency) throws(SegmentationError) {
        switch query {
        case .and(let lhs, let rhs): self = .and(try CompiledNode(lhs, currency: currency), try CompiledNode(rhs, currency: currency))
        case .or(let lhs, let rhs): self = .or(try CompiledNode(lhs, currency: currency), try CompiledNode(rhs, currency: currency))
        case .not(let operand): self = .not(try CompiledNode(operand, currency: currency))
        case .predicate(let predicate): self = .predicate(try CompiledPredicate(predicate, currency: currency))
        }
    }

    func evaluate(_ facts: CustomerFacts, today: UTCDay) -> TruthValue {
        switch self {
        case .and(let lhs, let rhs):
            let left = lhs.evaluate(facts, today: today)
            if left == .false { return .false }
            return left && rhs.evaluate(facts, today: today)
        case .or(let lhs, let rhs):
            let left = lhs.evaluate(facts, today: today)
            if left == .true { return .true }
            return left || rhs.evaluate(facts, today: today)
        case .not(let operand):
            return !operand.evaluate(facts, today: today)
        case .predicate(let predicate):
            return predicate.evaluate(facts, today: today)
        }
    }
}

/// A value a predicate compares: a literal after type conversion.
enum CompiledOperand: Sendable, Hashable {
    case integer(Int64)
    case number(Double)
    case text(String)
    case boolean(Bool)
    case consent(ConsentFact)
    case day(UTCDay)
    case relative(RelativeDate)
    case today

    /// The value on the evaluation day (dates resolved).
    func resolved(today: UTCDay) -> CompiledOperand {
        switch self {
        case .relative(let value): .day(value.resolved(from: today))
        case .today: .day(today)
        default: self
        }
    }
}

/// A fact read from a customer for one attribute.
enum FactValue: Sendable {
    case null
    case integer(Int64)
    /// An exact fraction: numerator (minor units) over a positive denominator (orders).
    case ratio(Int64, Int64)
    case number(Double)
    case text(String)
    case boolean(Bool)
    case consent(ConsentFact)
    case day(UTCDay)
    case list([String])
}

struct CompiledPredicate: Sendable {
    let attribute: SegmentAttribute
    let condition: Condition

    enum Condition: Sendable {
        case compare(ComparisonOperator, CompiledOperand)
        case `in`([CompiledOperand], negated: Bool)
        case between(CompiledOperand, CompiledOperand, negated: Bool)
        case isNull(negated: Bool)
        case contains(String, negated: Bool)
    }

    init(_ predicate: SegmentPredicate, currency: Currency) throws(SegmentationError) {
        if let problem = SegmentTyping.check(predicate.attribute, predicate.condition, currency: currency) {
            switch problem {
            case .operator(let code, let message), .literal(_, let code, let message):
                throw SegmentationError(code, "\(message).", context: ErrorContext(field: predicate.attribute.name))
            }
        }
        attribute = predicate.attribute
        let type = predicate.attribute.type
        func operand(_ literal: SegmentLiteral) -> CompiledOperand {
            switch literal {
            case .integer(let value):
                switch type {
                case .money: return .integer(SegmentTyping.minorUnits(ofInteger: value, currency: currency) ?? 0)
                case .number: return .number(Double(value))
                default: return .integer(value)
                }
            case .decimal(let value):
                if type == .money { return .integer(SegmentTyping.minorUnits(of: value, currency: currency) ?? 0) }
                return .number(value.doubleValue)
            case .text(let value):
                if type == .consent, let state = ConsentFact(rawValue: value) { return .consent(state) }
                return .text(value)
            case .date(let day): return .day(day)
            case .relativeDate(let value): return .relative(value)
            case .today: return .today
            case .boolean(let value): return .boolean(value)
            }
        }
        switch predicate.condition {
        case .compare(let op, let literal): condition = .compare(op, operand(literal))
        case .in(let literals, let negated): condition = .in(literals.map(operand), negated: negated)
        case .between(let low, let high, let negated): condition = .between(operand(low), operand(high), negated: negated)
        case .isNull(let negated): condition = .isNull(negated: negated)
        case .contains(let literal, let negated):
            guard case .text(let value) = literal else {
                // Unreachable after the type check; refuse rather than guess.
                throw SegmentationError(.typeMismatch, "CONTAINS needs a text literal.", context: ErrorContext(field: attribute.name))
            }
            condition = .contains(value, negated: negated)
        }
    }

    func evaluate(_ facts: CustomerFacts, today: UTCDay) -> TruthValue {
        Self.evaluate(condition, on: Self.read(attribute, from: facts, today: today), today: today)
    }

    static func evaluate(_ condition: Condition, on value: FactValue, today: UTCDay) -> TruthValue {
        if case .isNull(let negated) = condition {
            if case .null = value { return TruthValue(!negated) }
            return TruthValue(negated)
        }
        if case .null = value { return .unknown }
        switch condition {
        case .isNull:
            return .unknown
        case .compare(let op, let operand):
            guard let order = compare(value, operand.resolved(today: today)) else { return .unknown }
            switch op {
            case .equal: return TruthValue(order == 0)
            case .notEqual: return TruthValue(order != 0)
            case .less: return TruthValue(order < 0)
            case .lessOrEqual: return TruthValue(order <= 0)
            case .greater: return TruthValue(order > 0)
            case .greaterOrEqual: return TruthValue(order >= 0)
            }
        case .in(let operands, let negated):
            // Literals are never NULL, so x IN (...) is unknown only for a NULL x.
            let found = operands.contains { compare(value, $0.resolved(today: today)) == 0 }
            return TruthValue(found != negated)
        case .between(let low, let high, let negated):
            guard let lower = compare(value, low.resolved(today: today)),
                let upper = compare(value, high.resolved(today: today))
            else { return .unknown }
            return TruthValue((lower >= 0 && upper <= 0) != negated)
        case .contains(let element, let negated):
            guard case .list(let items) = value else { return .unknown }
            let found = items.contains { $0.utf8.elementsEqual(element.utf8) }
            return TruthValue(found != negated)
        }
    }

    /// -1, 0 or 1 when the fact is below, equal to or above the operand; nil when they
    /// cannot be compared (which the type rules prevent).
    static func compare(_ value: FactValue, _ operand: CompiledOperand) -> Int? {
        func sign<T: Comparable>(_ lhs: T, _ rhs: T) -> Int { lhs < rhs ? -1 : (lhs == rhs ? 0 : 1) }
        switch (value, operand) {
        case (.integer(let lhs), .integer(let rhs)): return sign(lhs, rhs)
        case (.ratio(let numerator, let denominator), .integer(let rhs)):
            return sign(Int128(numerator), Int128(rhs) * Int128(denominator))
        case (.number(let lhs), .number(let rhs)):
            guard !lhs.isNaN, !rhs.isNaN else { return nil }
            return sign(lhs, rhs)
        case (.text(let lhs), .text(let rhs)):
            if lhs.utf8.elementsEqual(rhs.utf8) { return 0 }
            return lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1
        case (.day(let lhs), .day(let rhs)): return sign(lhs, rhs)
        case (.boolean(let lhs), .boolean(let rhs)): return lhs == rhs ? 0 : 1
        case (.consent(let lhs), .consent(let rhs)): return lhs == rhs ? 0 : 1
        default: return nil
        }
    }

    /// The attribute's value in the facts at the evaluation day.
    static func read(_ attribute: SegmentAttribute, from facts: CustomerFacts, today: UTCDay) -> FactValue {
        func day(_ instant: Date?) -> FactValue { instant.map { .day(UTCDay(utcDayOf: $0)) } ?? .null }
        func text(_ value: String?) -> FactValue { value.map(FactValue.text) ?? .null }
        switch attribute {
        case .numberOfOrders: return .integer(facts.numberOfOrders)
        case .amountSpent: return .integer(facts.amountSpentMinorUnits)
        case .averageOrderValue:
            guard let average = facts.averageOrderValue else { return .null }
            return .ratio(average.minorUnits, average.orders)
        case .firstOrderDate: return day(facts.firstOrderDate)
        case .lastOrderDate: return day(facts.lastOrderDate)
        case .createdAt: return day(facts.createdAt)
        case .lastVisitDate: return day(facts.lastVisitDate)
        case .country: return text(facts.country)
        case .emailDomain: return text(facts.emailDomain)
        case .groups: return .list(facts.groups)
        case .tags: return .list(facts.tags)
        case .accountStatus: return text(facts.accountStatus)
        case .lifecycleStage: return text(facts.lifecycleStage)
        case .daysUntilBirthday: return facts.daysUntilBirthday(from: today).map(FactValue.integer) ?? .null
        case .consent(let purpose): return .consent(facts.consent(purpose))
        case .profile(let key, let type): return read(facts.profile[key], as: type)
        }
    }

    /// A profile value as a predicate compares it: NULL when there is none or it is of
    /// another type than the schema says (it cannot be compared).
    static func read(_ fact: ProfileFact?, as type: AttributeType) -> FactValue {
        switch (fact, type) {
        case (.text(let value)?, .text), (.choice(let value)?, .text): .text(value)
        case (.number(let value)?, .number): value.isNaN ? .null : .number(value)
        case (.boolean(let value)?, .boolean): .boolean(value)
        case (.date(let value)?, .date): .day(value)
        case (.choices(let values)?, .list): .list(values)
        default: .null
        }
    }
}
