import Foundation

/// The dates of one customer's facts as UTC day numbers, computed once for evaluating
/// many segments. The facts themselves are passed alongside, borrowed, not copied.
struct RowDays {
    let firstOrder: Int64?
    let lastOrder: Int64?
    let createdAt: Int64
    let lastVisit: Int64?

    init(_ facts: CustomerFacts) {
        firstOrder = facts.firstOrderDate.map { UTCDay(utcDayOf: $0).daysSinceEpoch }
        lastOrder = facts.lastOrderDate.map { UTCDay(utcDayOf: $0).daysSinceEpoch }
        createdAt = UTCDay(utcDayOf: facts.createdAt).daysSinceEpoch
        lastVisit = facts.lastVisitDate.map { UTCDay(utcDayOf: $0).daysSinceEpoch }
    }

    /// The UTC day of a date field (`nil`: NULL, or not a date field).
    func day(_ field: RowField) -> Int64? {
        switch field {
        case .firstOrder: firstOrder
        case .lastOrder: lastOrder
        case .createdAt: createdAt
        case .lastVisit: lastVisit
        default: nil
        }
    }

}

extension CustomerFacts {
    /// The value of a text field (`nil`: NULL, or not a text field).
    func text(_ field: RowField) -> String? {
        switch field {
        case .country: country
        case .emailDomain: emailDomain
        case .accountStatus: accountStatus
        case .lifecycleStage: lifecycleStage
        default: nil
        }
    }
}

/// The queries of several segments bound to one day for evaluating one customer at a
/// time (what ``SegmentMemberships/update(_:at:)`` runs for every segment): relative dates
/// resolved to day numbers and the kind of each test chosen once, every query flattened
/// into one array of plain instructions, so evaluating a customer compares integers and
/// bytes without building a value or touching a reference count per predicate. Agrees
/// with ``CompiledNode/evaluate(_:today:)`` on that day.
struct RowPrograms: Sendable {
    /// Every query's nodes in prefix order: AND and OR are followed by their left operand,
    /// their right one starts at `index`.
    private(set) var nodes: [RowInstruction] = []
    /// The node each query starts at.
    private(set) var roots: [Int] = []
    /// The texts of text tests (`index`).
    private var texts: [[String]] = []
    /// The elements of CONTAINS tests (`index`).
    private var elements: [String] = []
    /// The operands of integer and day `IN` tests (`index`).
    private var lists: [[Int64]] = []
    /// The consent purposes tests read (`index`), each looked up once per customer.
    private(set) var purposes: [String] = []
    /// The predicates evaluated by the row evaluator itself (`index`).
    private var others: [CompiledPredicate] = []

    init(_ queries: [CompiledNode], today: UTCDay) {
        for query in queries {
            roots.append(nodes.count)
            append(query, today: today)
        }
    }

    private mutating func append(_ node: CompiledNode, today: UTCDay) {
        switch node {
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            let position = nodes.count
            var isAnd = false
            if case .and = node { isAnd = true }
            nodes.append(RowInstruction(isAnd ? .and : .or))
            append(lhs, today: today)
            nodes[position].index = nodes.count
            append(rhs, today: today)
        case .not(let operand):
            nodes.append(RowInstruction(.not))
            append(operand, today: today)
        case .predicate(let predicate):
            nodes.append(instruction(predicate, today: today))
        }
    }

    private mutating func instruction(_ predicate: CompiledPredicate, today: UTCDay) -> RowInstruction {
        let attribute = predicate.attribute
        let condition = predicate.condition
        if let field = RowField(attribute) {
            switch field {
            case .numberOfOrders, .amountSpent:
                if let test = IntegerTest(condition, today: today) { return integer(.integer, field, test) }
            case .firstOrder, .lastOrder, .createdAt, .lastVisit:
                if case .isNull(let negated) = condition { return RowInstruction(.isNull, field, negated: negated) }
                if let test = IntegerTest(condition, today: today) { return integer(.day, field, test) }
            case .country, .emailDomain, .accountStatus, .lifecycleStage:
                if case .isNull(let negated) = condition { return RowInstruction(.isNull, field, negated: negated) }
                if let (values, negated) = BoundPredicate.textSet(condition) {
                    texts.append(values)
                    return RowInstruction(.text, field, negated: negated, index: texts.count - 1)
                }
            case .groups, .tags:
                if case .contains(let element, let negated) = condition {
                    elements.append(element)
                    return RowInstruction(.contains, field, negated: negated, index: elements.count - 1)
                }
            }
        }
        if case .consent(let purpose) = attribute, let (states, negated) = BoundPredicate.consentSet(condition) {
            let slot = purposes.firstIndex(of: purpose) ?? purposes.count
            if slot == purposes.count { purposes.append(purpose) }
            var instruction = RowInstruction(.consent, .numberOfOrders, negated: negated, index: slot)
            instruction.low = Int64(states.reduce(0) { $0 | 1 << FactTable.code($1) })
            return instruction
        }
        others.append(predicate)
        return RowInstruction(.other, .numberOfOrders, index: others.count - 1)
    }

    private mutating func integer(_ kind: RowInstruction.Kind, _ field: RowField, _ test: IntegerTest) -> RowInstruction {
        var instruction = RowInstruction(kind, field)
        switch test {
        case .compare(let op, let operand):
            instruction.test = RowInstruction.Test(op)
            instruction.low = operand
        case .oneOf(let operands, let negated):
            instruction.test = .oneOf
            instruction.negated = negated
            lists.append(operands)
            instruction.index = lists.count - 1
        case .between(let low, let high, let negated):
            instruction.test = .between
            instruction.negated = negated
            instruction.low = low
            instruction.high = high
        }
        return instruction
    }

    /// Query `query`'s value for the customer of `facts` (its dates in `days`) on the day
    /// the programs were bound to (`today`); `consents` holds the customer's state code for
    /// each of ``purposes``.
    func evaluate(
        _ query: Int, _ facts: CustomerFacts, days: RowDays, consents: UnsafeBufferPointer<UInt8>,
        nodes: UnsafeBufferPointer<RowInstruction>, today: UTCDay
    ) -> TruthValue {
        evaluate(at: roots[query], facts, days: days, consents: consents, nodes: nodes, today: today)
    }

    private func evaluate(
        at position: Int, _ facts: CustomerFacts, days: RowDays, consents: UnsafeBufferPointer<UInt8>,
        nodes: UnsafeBufferPointer<RowInstruction>, today: UTCDay
    ) -> TruthValue {
        let node = nodes[position]
        switch node.kind {
        case .and:
            let left = evaluate(at: position + 1, facts, days: days, consents: consents, nodes: nodes, today: today)
            if left == .false { return .false }
            return left && evaluate(at: node.index, facts, days: days, consents: consents, nodes: nodes, today: today)
        case .or:
            let left = evaluate(at: position + 1, facts, days: days, consents: consents, nodes: nodes, today: today)
            if left == .true { return .true }
            return left || evaluate(at: node.index, facts, days: days, consents: consents, nodes: nodes, today: today)
        case .not:
            return !evaluate(at: position + 1, facts, days: days, consents: consents, nodes: nodes, today: today)
        case .integer:
            return TruthValue(node.holds(node.field == .numberOfOrders ? facts.numberOfOrders : facts.amountSpentMinorUnits, lists))
        case .day:
            guard let day = days.day(node.field) else { return .unknown }
            return TruthValue(node.holds(day, lists))
        case .text:
            guard let text = facts.text(node.field) else { return .unknown }
            return TruthValue(texts[node.index].contains { Self.sameBytes($0, text) } != node.negated)
        case .consent:
            return TruthValue((node.low >> consents[node.index] & 1 == 1) != node.negated)
        case .contains:
            let items = node.field == .groups ? facts.groups : facts.tags
            let element = elements[node.index]
            return TruthValue(items.contains { Self.sameBytes($0, element) } != node.negated)
        case .isNull:
            let isNull = node.field.isDay ? days.day(node.field) == nil : facts.text(node.field) == nil
            return TruthValue(isNull != node.negated)
        case .other:
            return others[node.index].evaluate(facts, today: today)
        }
    }
}

extension RowPrograms {
    /// Whether two texts have the same UTF-8 bytes (the segment language's text equality);
    /// the lengths first, which a native string knows without reading its bytes.
    @inline(__always)
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.utf8.elementsEqual(rhs.utf8)
    }
}

/// A built-in attribute a row instruction reads directly.
enum RowField: UInt8, Sendable {
    case numberOfOrders, amountSpent
    case firstOrder, lastOrder, createdAt, lastVisit
    case country, emailDomain, accountStatus, lifecycleStage
    case groups, tags

    init?(_ attribute: SegmentAttribute) {
        switch attribute {
        case .numberOfOrders: self = .numberOfOrders
        case .amountSpent: self = .amountSpent
        case .firstOrderDate: self = .firstOrder
        case .lastOrderDate: self = .lastOrder
        case .createdAt: self = .createdAt
        case .lastVisitDate: self = .lastVisit
        case .country: self = .country
        case .emailDomain: self = .emailDomain
        case .accountStatus: self = .accountStatus
        case .lifecycleStage: self = .lifecycleStage
        case .groups: self = .groups
        case .tags: self = .tags
        default: return nil
        }
    }

    var isDay: Bool { self == .firstOrder || self == .lastOrder || self == .createdAt || self == .lastVisit }
}

/// One node of a ``RowPrograms`` query: plain values only (no references), so reading it
/// costs no reference counting.
struct RowInstruction: Sendable {
    enum Kind: UInt8, Sendable {
        case and, or, not, integer, day, text, consent, contains, isNull, other
    }

    /// The integer and day tests.
    enum Test: UInt8, Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, between, oneOf

        init(_ op: ComparisonOperator) {
            switch op {
            case .equal: self = .equal
            case .notEqual: self = .notEqual
            case .less: self = .less
            case .lessOrEqual: self = .lessOrEqual
            case .greater: self = .greater
            case .greaterOrEqual: self = .greaterOrEqual
            }
        }
    }

    var kind: Kind
    var field: RowField
    var test: Test = .equal
    var negated: Bool
    /// The operand of a comparison, the low end of BETWEEN, the consent states as a mask.
    var low: Int64 = 0
    /// The high end of BETWEEN.
    var high: Int64 = 0
    /// AND, OR: where the right operand starts; otherwise the position in a side table.
    var index: Int

    init(_ kind: Kind, _ field: RowField = .numberOfOrders, negated: Bool = false, index: Int = 0) {
        self.kind = kind
        self.field = field
        self.negated = negated
        self.index = index
    }

    /// Whether an integer or day test holds for `value` (`lists`: the `IN` operands).
    @inline(__always)
    func holds(_ value: Int64, _ lists: [[Int64]]) -> Bool {
        switch test {
        case .equal: value == low
        case .notEqual: value != low
        case .less: value < low
        case .lessOrEqual: value <= low
        case .greater: value > low
        case .greaterOrEqual: value >= low
        case .between: (value >= low && value <= high) != negated
        case .oneOf: lists[index].contains(value) != negated
        }
    }
}
