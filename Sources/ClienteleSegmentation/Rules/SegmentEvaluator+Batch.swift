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
        // The rows asked about, per word: the live ones, none past the last row.
        var masks = table.live.words
        if masks.count < (rows + 63) / 64 { masks.append(contentsOf: repeatElement(0, count: (rows + 63) / 64 - masks.count)) }
        let truth = program.evaluate(masks: masks, rows: rows, table: table, today: today)
        return MemberSet(words: zip(truth.isTrue, masks).map { $0 & $1 }, capacity: rows)
    }
}

/// The truth of a query for every row, 64 rows a word: where it is true and where it is
/// false; the rest (of the rows asked about) are unknown.
struct ColumnTruth {
    var isTrue: [UInt64]
    var isFalse: [UInt64]
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

    /// The truth of the node for every row, a column at a time: each predicate runs one
    /// tight loop over its column, and AND, OR and NOT combine whole word arrays.
    func evaluate(masks: [UInt64], rows: Int, table: FactTable, today: UTCDay) -> ColumnTruth {
        switch self {
        case .and(let lhs, let rhs):
            var left = lhs.evaluate(masks: masks, rows: rows, table: table, today: today)
            let right = rhs.evaluate(masks: masks, rows: rows, table: table, today: today)
            for index in left.isTrue.indices {
                left.isTrue[index] &= right.isTrue[index]
                left.isFalse[index] |= right.isFalse[index]
            }
            return left
        case .or(let lhs, let rhs):
            var left = lhs.evaluate(masks: masks, rows: rows, table: table, today: today)
            let right = rhs.evaluate(masks: masks, rows: rows, table: table, today: today)
            for index in left.isTrue.indices {
                left.isTrue[index] |= right.isTrue[index]
                left.isFalse[index] &= right.isFalse[index]
            }
            return left
        case .not(let operand):
            let inner = operand.evaluate(masks: masks, rows: rows, table: table, today: today)
            return ColumnTruth(isTrue: inner.isFalse, isFalse: inner.isTrue)
        case .leaf(let predicate):
            return predicate.evaluate(masks: masks, rows: rows, table: table, today: today)
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
    /// Membership of a text column's code in a set (=, IN, and their negations), as a
    /// table indexed by code; rows without a value are unknown.
    case codes(TextColumn, [Bool], negated: Bool)
    /// Membership of a consent state in a set, as a bit mask indexed by the state's code
    /// (never NULL).
    case consents([UInt8]?, UInt8, negated: Bool)
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
                var matching = [Bool](repeating: false, count: column.texts.count)
                for code in texts.compactMap({ column.existingCode(for: $0) }) { matching[Int(code)] = true }
                self = .codes(column, matching, negated: negated)
                return
            }
        case .consent(let purpose):
            if let (states, negated) = Self.consentSet(condition) {
                self = .consents(table.consents[purpose], states.reduce(0) { $0 | 1 << FactTable.code($1) }, negated: negated)
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

    /// The truth of the predicate for every row: one loop over the column, the kind of
    /// test chosen once.
    func evaluate(masks: [UInt64], rows: Int, table: FactTable, today: UTCDay) -> ColumnTruth {
        var truth = ColumnTruth(isTrue: [UInt64](repeating: 0, count: masks.count), isFalse: [UInt64](repeating: 0, count: masks.count))
        truth.isTrue.withUnsafeMutableBufferPointer { isTrue in
            truth.isFalse.withUnsafeMutableBufferPointer { isFalse in
                masks.withUnsafeBufferPointer { masks in
                    func each(_ body: (_ block: Int, _ start: Int, _ width: Int, _ mask: UInt64) -> BlockTruth) {
                        for block in 0..<masks.count where masks[block] != 0 {
                            let start = block << 6
                            let result = body(block, start, min(64, rows - start), masks[block])
                            isTrue[block] = result.isTrue
                            isFalse[block] = result.isFalse
                        }
                    }
                    switch self {
                    case .integers(let values, let test):
                        values.withUnsafeBufferPointer { values in
                            each { _, start, width, mask in
                                let hits = test.bits(values, start: start, width: width)
                                return BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
                            }
                        }
                    case .days(let column, let test):
                        column.days.withUnsafeBufferPointer { days in
                            each { block, start, width, mask in
                                let hits = test.bits(days, start: start, width: width)
                                let known = mask & Self.word(column.valid, block)
                                return BlockTruth(isTrue: hits & known, isFalse: ~hits & known)
                            }
                        }
                    case .codes(let column, let matching, let negated):
                        column.codes.withUnsafeBufferPointer { values in
                            matching.withUnsafeBufferPointer { table in
                                column.valid.words.withUnsafeBufferPointer { valid in
                                    each { block, start, width, mask in
                                        var hits: UInt64 = 0
                                        for offset in 0..<width {
                                            let code = Int(values[start + offset])
                                            let hit: UInt64 = code < table.count && table[code] ? 1 : 0
                                            hits |= hit << UInt64(offset)
                                        }
                                        let known = mask & (block < valid.count ? valid[block] : 0)
                                        return negated
                                            ? BlockTruth(isTrue: ~hits & known, isFalse: hits & known)
                                            : BlockTruth(isTrue: hits & known, isFalse: ~hits & known)
                                    }
                                }
                            }
                        }
                    case .consents(let column?, let states, let negated):
                        column.withUnsafeBufferPointer { values in
                            each { _, start, width, mask in
                                var hits: UInt64 = 0
                                for offset in 0..<width {
                                    let hit = UInt64(states >> (values[start + offset] & 7) & 1)
                                    hits |= hit << UInt64(offset)
                                }
                                return negated ? BlockTruth(isTrue: ~hits & mask, isFalse: hits & mask) : BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
                            }
                        }
                    case .contains(let holders, let negated):
                        (holders?.words ?? []).withUnsafeBufferPointer { holders in
                            each { block, _, _, mask in
                                let hits = block < holders.count ? holders[block] : 0
                                return negated ? BlockTruth(isTrue: ~hits & mask, isFalse: hits & mask) : BlockTruth(isTrue: hits & mask, isFalse: ~hits & mask)
                            }
                        }
                    default:
                        each { block, start, width, mask in
                            self.evaluate(block: block, start: start, width: width, mask: mask, table: table, today: today)
                        }
                    }
                }
            }
        }
        return truth
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
        case .codes(let column, let matching, let negated):
            var hits: UInt64 = 0
            column.codes.withUnsafeBufferPointer { values in
                matching.withUnsafeBufferPointer { table in
                    for offset in 0..<width {
                        let code = Int(values[start + offset])
                        let hit: UInt64 = code < table.count && table[code] ? 1 : 0
                        hits |= hit << UInt64(offset)
                    }
                }
            }
            let known = mask & Self.word(column.valid, block)
            return negated ? BlockTruth(isTrue: ~hits & known, isFalse: hits & known) : BlockTruth(isTrue: hits & known, isFalse: ~hits & known)
        case .consents(let column, let states, let negated):
            var hits: UInt64 = 0
            if let column {
                column.withUnsafeBufferPointer { values in
                    for offset in 0..<width {
                        let hit = UInt64(states >> (values[start + offset] & 7) & 1)
                        hits |= hit << UInt64(offset)
                    }
                }
            } else if states >> FactTable.code(.none) & 1 == 1 {
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
        values.withUnsafeBufferPointer { bits($0, start: start, width: width) }
    }

    /// The rows `start..<start + width` of `buffer` for which the test holds, as bits.
    @inline(__always)
    func bits<Value: FixedWidthInteger>(_ buffer: UnsafeBufferPointer<Value>, start: Int, width: Int) -> UInt64 {
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

    @inline(__always)
    private static func collect<Value: FixedWidthInteger>(
        _ base: UnsafePointer<Value>, _ width: Int, _ test: (Value) -> Bool
    ) -> UInt64 {
        var bits: UInt64 = 0
        for offset in 0..<width {
            let hit: UInt64 = test(base[offset]) ? 1 : 0
            bits |= hit << UInt64(offset)
        }
        return bits
    }
}
