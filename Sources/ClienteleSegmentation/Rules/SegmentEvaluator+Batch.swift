import Foundation

extension SegmentEvaluator {
    /// The rows of `table` for which the query is true at `instant`: the segment's members.
    ///
    /// The query is bound to the table's columns once (relative dates resolved to the UTC
    /// day of `instant`, texts to their codes), then evaluated 64 rows at a time, carrying
    /// for each row whether the query is true or false (neither: unknown), so NOT, AND and
    /// OR follow the same three-valued logic as ``evaluate(_:at:)``, which it agrees with
    /// row for row. Predicates without a column kernel (profile attributes,
    /// `days_until_birthday`, `average_order_value`, text ordering) read the row's value
    /// and use the row evaluator's own comparison.
    ///
    /// - Complexity: O(rows × predicates), one pass over each column a predicate reads.
    public func members(of table: FactTable, at instant: Date) -> MemberSet {
        let today = UTCDay(utcDayOf: instant)
        let program = BoundNode(root, table: table, today: today)
        let rows = table.rowCount
        var members = MemberSet(capacity: rows)
        var words = members.words
        let live = table.live.words
        words.withUnsafeMutableBufferPointer { out in
            for block in 0..<out.count {
                let start = block << 6
                let width = min(64, rows - start)
                let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
                let truth = program.evaluate(block: block, start: start, width: width, mask: mask & live[block], table: table, today: today)
                out[block] = truth.isTrue & live[block]
            }
        }
        members = MemberSet(words: words, capacity: rows)
        return members
    }
}

/// The truth of a query for 64 rows: the rows where it is true and where it is false; the
/// rest (of the rows asked about) are unknown.
struct BlockTruth {
    var isTrue: UInt64
    var isFalse: UInt64
}

/// A compiled query bound to one table's columns at one day.
indirect enum BoundNode {
    case and(BoundNode, BoundNode)
    case or(BoundNode, BoundNode)
    case not(BoundNode)
    case leaf(BoundPredicate)

    init(_ node: CompiledNode, table: FactTable, today: UTCDay) {
        switch node {
        case .and(let lhs, let rhs): self = .and(BoundNode(lhs, table: table, today: today), BoundNode(rhs, table: table, today: today))
        case .or(let lhs, let rhs): self = .or(BoundNode(lhs, table: table, today: today), BoundNode(rhs, table: table, today: today))
        case .not(let operand): self = .not(BoundNode(operand, table: table, today: today))
        case .predicate(let predicate): self = .leaf(BoundPredicate(predicate, table: table, today: today))
        }
    }

    func evaluate(block: Int, start: Int, width: Int, mask: UInt64, table: FactTable, today: UTCDay) -> BlockTruth {
        switch self {
        case .and(let lhs, let rhs):
            let left = lhs.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
            if left.isFalse == mask { return left }
            let right = rhs.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
            return BlockTruth(isTrue: left.isTrue & right.isTrue, isFalse: left.isFalse | right.isFalse)
        case .or(let lhs, let rhs):
            let left = lhs.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
            if left.isTrue == mask { return left }
            let right = rhs.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
            return BlockTruth(isTrue: left.isTrue | right.isTrue, isFalse: left.isFalse & right.isFalse)
        case .not(let operand):
            let inner = operand.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
            return BlockTruth(isTrue: inner.isFalse, isFalse: inner.isTrue)
        case .leaf(let predicate):
            return predicate.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
        }
    }
}

/// One predicate bound to a column: a kernel that tests 64 rows a word, or the row
/// evaluator's comparison for the rest.
enum BoundPredicate {
    /// A test on an integer column (orders, money in minor units) that has no NULLs.
    case integers([Int64], IntegerTest)
    /// A test on a day column; rows without a value are unknown.
    case days(DayColumn, IntegerTest)
    /// Membership of a text column's code in a set (=, IN, and their negations); rows
    /// without a value are unknown.
    case codes(TextColumn, Set<UInt32>, negated: Bool)
    /// Membership of a consent state in a set (never NULL).
    case consents([UInt8]?, Set<UInt8>, negated: Bool)
    /// A list holds an element (never NULL; `nil`: no row's list ever held it).
    case contains(MemberSet?, negated: Bool)
    /// `IS [NOT] NULL` on a nullable column (`nil`: a column that is never NULL).
    case isNull(MemberSet?, negated: Bool)
    /// Any other predicate, row by row.
    case rowByRow(CompiledPredicate)

    init(_ predicate: CompiledPredicate, table: FactTable, today: UTCDay) {
        let attribute = predicate.attribute
        let condition = predicate.condition
        if case .isNull(let negated) = condition, let validity = Self.validity(of: attribute, in: table) {
            self = .isNull(validity, negated: negated)
            return
        }
        switch attribute {
        case .numberOfOrders, .amountSpent:
            if let test = IntegerTest(condition, today: today) {
                self = .integers(attribute == .numberOfOrders ? table.numberOfOrders : table.amountSpent, test)
                return
            }
        case .firstOrderDate, .lastOrderDate, .createdAt, .lastVisitDate:
            if let test = IntegerTest(condition, today: today), let column = Self.days(of: attribute, in: table) {
                self = .days(column, test)
                return
            }
        case .country, .emailDomain, .accountStatus, .lifecycleStage:
            if let column = Self.texts(of: attribute, in: table), let (texts, negated) = Self.textSet(condition) {
                self = .codes(column, Set(texts.compactMap { column.existingCode(for: $0) }), negated: negated)
                return
            }
        case .consent(let purpose):
            if let (states, negated) = Self.consentSet(condition) {
                self = .consents(table.consents[purpose], Set(states.map(FactTable.code)), negated: negated)
                return
            }
        case .groups, .tags:
            if case .contains(let element, let negated) = condition {
                self = .contains((attribute == .groups ? table.groups : table.tags).holders(of: element), negated: negated)
                return
            }
        default:
            break
        }
        self = .rowByRow(predicate)
    }

    func evaluate(block: Int, start: Int, width: Int, mask: UInt64, table: FactTable, today: UTCDay) -> BlockTruth {
        switch self {
        case .integers(let values, let test):
            let hits = test.bits(values, start: start, width: width)
            return BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
        case .days(let column, let test):
            let hits = test.bits(column.days, start: start, width: width)
            let known = mask & Self.word(column.valid, block)
            return BlockTruth(isTrue: hits & known, isFalse: ~hits & known)
        case .codes(let column, let codes, let negated):
            var hits: UInt64 = 0
            if !codes.isEmpty {
                column.codes.withUnsafeBufferPointer { values in
                    if codes.count == 1, let only = codes.first {
                        for offset in 0..<width where values[start + offset] == only { hits |= 1 << UInt64(offset) }
                    } else {
                        for offset in 0..<width where codes.contains(values[start + offset]) { hits |= 1 << UInt64(offset) }
                    }
                }
            }
            let known = mask & Self.word(column.valid, block)
            return negated ? BlockTruth(isTrue: ~hits & known, isFalse: hits & known) : BlockTruth(isTrue: hits & known, isFalse: ~hits & known)
        case .consents(let column, let states, let negated):
            var hits: UInt64 = 0
            if let column {
                column.withUnsafeBufferPointer { values in
                    for offset in 0..<width where states.contains(values[start + offset]) { hits |= 1 << UInt64(offset) }
                }
            } else if states.contains(FactTable.code(.none)) {
                hits = ~0
            }
            return negated ? BlockTruth(isTrue: ~hits & mask, isFalse: hits & mask) : BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
        case .contains(let holders, let negated):
            let hits = holders.map { Self.word($0, block) } ?? 0
            return negated ? BlockTruth(isTrue: ~hits & mask, isFalse: hits & mask) : BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
        case .isNull(let validity, let negated):
            let known = validity.map { Self.word($0, block) } ?? ~0
            return negated ? BlockTruth(isTrue: known & mask, isFalse: ~known & mask) : BlockTruth(isTrue: ~known & mask, isFalse: known & mask)
        case .rowByRow(let predicate):
            var truth = BlockTruth(isTrue: 0, isFalse: 0)
            var rows = mask
            while rows != 0 {
                let offset = rows.trailingZeroBitCount
                rows &= rows - 1
                let value = table.value(of: predicate.attribute, row: start + offset, today: today)
                switch CompiledPredicate.evaluate(predicate.condition, on: value, today: today) {
                case .true: truth.isTrue |= 1 << UInt64(offset)
                case .false: truth.isFalse |= 1 << UInt64(offset)
                case .unknown: break
                }
            }
            return truth
        }
    }

    static func word(_ set: MemberSet, _ block: Int) -> UInt64 {
        block < set.words.count ? set.words[block] : 0
    }

    static func validity(of attribute: SegmentAttribute, in table: FactTable) -> MemberSet? {
        if let column = days(of: attribute, in: table) { return column.valid }
        if let column = texts(of: attribute, in: table) { return column.valid }
        return nil
    }

    static func days(of attribute: SegmentAttribute, in table: FactTable) -> DayColumn? {
        switch attribute {
        case .firstOrderDate: table.firstOrder
        case .lastOrderDate: table.lastOrder
        case .createdAt: table.createdAt
        case .lastVisitDate: table.lastVisit
        default: nil
        }
    }

    static func texts(of attribute: SegmentAttribute, in table: FactTable) -> TextColumn? {
        switch attribute {
        case .country: table.country
        case .emailDomain: table.emailDomain
        case .accountStatus: table.accountStatus
        case .lifecycleStage: table.lifecycleStage
        default: nil
        }
    }

    /// The texts of `=`, `!=`, `IN`, `NOT IN` and whether the test is negated; `nil` for
    /// other conditions.
    static func textSet(_ condition: CompiledPredicate.Condition) -> ([String], Bool)? {
        func texts(_ operands: [CompiledOperand]) -> [String]? {
            let texts = operands.compactMap { operand -> String? in
                if case .text(let text) = operand { return text }
                return nil
            }
            return texts.count == operands.count ? texts : nil
        }
        switch condition {
        case .compare(.equal, let operand): return texts([operand]).map { ($0, false) }
        case .compare(.notEqual, let operand): return texts([operand]).map { ($0, true) }
        case .in(let operands, let negated): return texts(operands).map { ($0, negated) }
        default: return nil
        }
    }

    /// The states of `=`, `!=`, `IN`, `NOT IN` on a consent attribute.
    static func consentSet(_ condition: CompiledPredicate.Condition) -> ([ConsentFact], Bool)? {
        func states(_ operands: [CompiledOperand]) -> [ConsentFact]? {
            let states = operands.compactMap { operand -> ConsentFact? in
                if case .consent(let state) = operand { return state }
                return nil
            }
            return states.count == operands.count ? states : nil
        }
        switch condition {
        case .compare(.equal, let operand): return states([operand]).map { ($0, false) }
        case .compare(.notEqual, let operand): return states([operand]).map { ($0, true) }
        case .in(let operands, let negated): return states(operands).map { ($0, negated) }
        default: return nil
        }
    }
}

/// A comparison, IN or BETWEEN on integers (orders, minor units, UTC days), with the
/// operands resolved to numbers.
enum IntegerTest {
    case compare(ComparisonOperator, Int64)
    case oneOf([Int64], negated: Bool)
    case between(Int64, Int64, negated: Bool)

    /// `nil` when an operand is not an integer or a day (a text, a decimal number).
    init?(_ condition: CompiledPredicate.Condition, today: UTCDay) {
        func number(_ operand: CompiledOperand) -> Int64? {
            switch operand.resolved(today: today) {
            case .integer(let value): value
            case .day(let day): day.daysSinceEpoch
            default: nil
            }
        }
        switch condition {
        case .compare(let op, let operand):
            guard let value = number(operand) else { return nil }
            self = .compare(op, value)
        case .in(let operands, let negated):
            let values = operands.compactMap(number)
            guard values.count == operands.count else { return nil }
            self = .oneOf(values, negated: negated)
        case .between(let low, let high, let negated):
            guard let low = number(low), let high = number(high) else { return nil }
            self = .between(low, high, negated: negated)
        default:
            return nil
        }
    }

    /// The rows `start..<start + width` of `values` for which the test holds, as bits.
    func bits<Value: FixedWidthInteger>(_ values: [Value], start: Int, width: Int) -> UInt64 {
        values.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { $0 + start }
            guard let base else { return 0 }
            switch self {
            case .compare(let op, let operand):
                switch op {
                case .equal: return Self.collect(base, width) { Int64($0) == operand }
                case .notEqual: return Self.collect(base, width) { Int64($0) != operand }
                case .less: return Self.collect(base, width) { Int64($0) < operand }
                case .lessOrEqual: return Self.collect(base, width) { Int64($0) <= operand }
                case .greater: return Self.collect(base, width) { Int64($0) > operand }
                case .greaterOrEqual: return Self.collect(base, width) { Int64($0) >= operand }
                }
            case .oneOf(let operands, let negated):
                let hits = Self.collect(base, width) { operands.contains(Int64($0)) }
                return negated ? ~hits : hits
            case .between(let low, let high, let negated):
                let hits = Self.collect(base, width) { Int64($0) >= low && Int64($0) <= high }
                return negated ? ~hits : hits
            }
        }
    }

    @inline(__always)
    private static func collect<Value: FixedWidthInteger>(
        _ base: UnsafePointer<Value>, _ width: Int, _ test: (Value) -> Bool
    ) -> UInt64 {
        var bits: UInt64 = 0
        for offset in 0..<width where test(base[offset]) { bits |= 1 << UInt64(offset) }
        return bits
    }
}
