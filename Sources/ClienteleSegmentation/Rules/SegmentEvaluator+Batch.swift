import Foundation

extension SegmentEvaluator {
    /// The rows of `table` for which the query is true at `instant`: the segment's members.
    ///
    /// The query is bound to the table's columns once (relative dates resolved to the UTC
    /// day of `instant`, texts to their codes), then evaluated a chunk of rows at a time
    /// (2,048 rows, 64 a word), carrying for each row whether the query is true or false
    /// (neither: unknown), so NOT, AND and OR follow the same three-valued logic as
    /// ``evaluate(_:at:)``, which it agrees with row for row. The right operand of AND is
    /// evaluated only for rows where the left one is not false (of OR, not true). Predicates
    /// without a column kernel (profile attributes, `days_until_birthday`,
    /// `average_order_value`, text ordering) read the row's value and use the row
    /// evaluator's own comparison.
    ///
    /// - Complexity: O(rows × predicates), one pass over each column a predicate reads.
    public func members(of table: FactTable, at instant: Date) -> MemberSet {
        let today = UTCDay(utcDayOf: instant)
        let program = BoundNode(root, table: table, today: today)
        let rows = table.rowCount
        let wordCount = (rows + 63) / 64
        var result = [UInt64](repeating: 0, count: wordCount)
        let chunk = BatchWords.chunk
        // Per chunk: the rows asked about, the rows where the query is false, then three
        // chunks (right operand's rows, truth and falsity) per level of AND and OR.
        var scratch = [UInt64](repeating: 0, count: chunk * (2 + 3 * program.depth))
        table.live.words.withUnsafeBufferPointer { live in
            result.withUnsafeMutableBufferPointer { result in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    guard let output = result.baseAddress, let masks = scratch.baseAddress else { return }
                    var first = 0
                    while first < wordCount {
                        let count = min(chunk, wordCount - first)
                        // The rows asked about: the live ones (none past the last row).
                        for index in 0..<count { masks[index] = first + index < live.count ? live[first + index] : 0 }
                        program.evaluate(
                            BatchWords(first: first, count: count, rows: rows), masks: masks, isTrue: output + first,
                            isFalse: masks + chunk, scratch: masks + 2 * chunk, table: table, today: today)
                        first += count
                    }
                }
            }
        }
        return MemberSet(words: result, capacity: rows)
    }
}

/// A run of consecutive words (64 rows each) of a table evaluated together: words
/// `first..<first + count` of a table of `rows` rows.
struct BatchWords {
    /// Words per chunk: 2,048 rows, so a chunk's truth words stay in the L1 cache.
    static let chunk = 32

    let first: Int
    let count: Int
    let rows: Int
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

    /// The levels of AND and OR: how many sets of scratch words an evaluation needs.
    var depth: Int {
        switch self {
        case .and(let lhs, let rhs), .or(let lhs, let rhs): 1 + max(lhs.depth, rhs.depth)
        case .not(let operand): operand.depth
        case .leaf: 0
        }
    }

    /// The truth of the node for the rows of `masks` in `words`, into `isTrue` and
    /// `isFalse` (`words.count` each, zero outside the masks). Each predicate runs one tight
    /// loop over its column; AND and OR combine the words, the right operand evaluated only
    /// for the rows the left one leaves open. `scratch` holds `3 × chunk` words per level
    /// of ``depth``.
    func evaluate(
        _ words: BatchWords, masks: UnsafePointer<UInt64>, isTrue: UnsafeMutablePointer<UInt64>,
        isFalse: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, table: FactTable, today: UTCDay
    ) {
        let count = words.count
        let chunk = BatchWords.chunk
        switch self {
        case .and(let lhs, let rhs):
            lhs.evaluate(words, masks: masks, isTrue: isTrue, isFalse: isFalse, scratch: scratch, table: table, today: today)
            // Rows where the left is false are false whatever the right is.
            let open = scratch, rightTrue = scratch + chunk, rightFalse = scratch + 2 * chunk
            for index in 0..<count { open[index] = masks[index] & ~isFalse[index] }
            rhs.evaluate(words, masks: open, isTrue: rightTrue, isFalse: rightFalse, scratch: scratch + 3 * chunk, table: table, today: today)
            for index in 0..<count {
                isTrue[index] &= rightTrue[index]
                isFalse[index] |= rightFalse[index]
            }
        case .or(let lhs, let rhs):
            lhs.evaluate(words, masks: masks, isTrue: isTrue, isFalse: isFalse, scratch: scratch, table: table, today: today)
            // Rows where the left is true are true whatever the right is.
            let open = scratch, rightTrue = scratch + chunk, rightFalse = scratch + 2 * chunk
            for index in 0..<count { open[index] = masks[index] & ~isTrue[index] }
            rhs.evaluate(words, masks: open, isTrue: rightTrue, isFalse: rightFalse, scratch: scratch + 3 * chunk, table: table, today: today)
            for index in 0..<count {
                isTrue[index] |= rightTrue[index]
                isFalse[index] &= rightFalse[index]
            }
        case .not(let operand):
            operand.evaluate(words, masks: masks, isTrue: isFalse, isFalse: isTrue, scratch: scratch, table: table, today: today)
        case .leaf(let predicate):
            predicate.evaluate(words, masks: masks, isTrue: isTrue, isFalse: isFalse, table: table, today: today)
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
    case codes(TextColumn, CodeTest, negated: Bool)
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
                self = .codes(column, CodeTest(texts.compactMap { column.existingCode(for: $0) }, codes: column.texts.count), negated: negated)
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

    /// The truth of the predicate for the rows of `masks` in `words`, into `isTrue` and
    /// `isFalse` (zero outside the masks): one loop over the column, the kind of test
    /// chosen once per chunk. The hits are first written to `isTrue`, then split by
    /// whether the row's value is known.
    func evaluate(
        _ words: BatchWords, masks: UnsafePointer<UInt64>, isTrue: UnsafeMutablePointer<UInt64>,
        isFalse: UnsafeMutablePointer<UInt64>, table: FactTable, today: UTCDay
    ) {
        let count = words.count
        /// The truth from the hits in `isTrue`, where the value is `known` (asked about and
        /// not NULL); a negated test's hits are its misses.
        func settle(negated: Bool, known: (Int) -> UInt64) {
            for index in 0..<count {
                let known = known(index)
                let hits = negated ? ~isTrue[index] : isTrue[index]
                isTrue[index] = hits & known
                isFalse[index] = ~hits & known
            }
        }
        func fill(_ word: (Int) -> UInt64) {
            for index in 0..<count { isTrue[index] = word(words.first + index) }
        }
        switch self {
        case .integers(let values, let test):
            values.withUnsafeBufferPointer { test.hits($0, words, masks: masks, into: isTrue) }
            settle(negated: false) { masks[$0] }
        case .days(let column, let test):
            column.days.withUnsafeBufferPointer { test.hits($0, words, masks: masks, into: isTrue) }
            settle(negated: false) { masks[$0] & Self.word(column.valid, words.first + $0) }
        case .codes(let column, let test, let negated):
            column.codes.withUnsafeBufferPointer { codes in
                switch test {
                case .none:
                    fill { _ in 0 }
                case .one(let code):
                    BatchKernel.hits(codes, words, masks: masks, into: isTrue, KernelTest.Equal(code))
                case .table(let matching):
                    matching.withUnsafeBufferPointer { matching in
                        BatchKernel.hits(codes, words, masks: masks, into: isTrue, KernelTest.Table(matching))
                    }
                }
            }
            settle(negated: negated) { masks[$0] & Self.word(column.valid, words.first + $0) }
        case .consents(let column, let states, let negated):
            if let column {
                column.withUnsafeBufferPointer { values in
                    if states.nonzeroBitCount == 1 {
                        let code = UInt8(states.trailingZeroBitCount)
                        BatchKernel.hits(values, words, masks: masks, into: isTrue, KernelTest.Equal(code))
                    } else {
                        BatchKernel.hits(values, words, masks: masks, into: isTrue, KernelTest.Mask(states))
                    }
                }
            } else {
                // No customer has a state for the purpose: every row is `none`.
                let all: UInt64 = states >> FactTable.code(.none) & 1 == 1 ? ~0 : 0
                fill { _ in all }
            }
            settle(negated: negated) { masks[$0] }
        case .contains(let holders, let negated):
            if let holders { fill { Self.word(holders, $0) } } else { fill { _ in 0 } }
            settle(negated: negated) { masks[$0] }
        case .isNull(let validity, let negated):
            // The hits are the rows without a value.
            if let validity { fill { ~Self.word(validity, $0) } } else { fill { _ in 0 } }
            settle(negated: negated) { masks[$0] }
        case .rowByRow(let predicate):
            for index in 0..<count {
                let start = (words.first + index) << 6
                var truth = BlockTruth(isTrue: 0, isFalse: 0)
                var rows = masks[index]
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
                isTrue[index] = truth.isTrue
                isFalse[index] = truth.isFalse
            }
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
enum IntegerTest: Sendable {
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

    /// The hits of the test in the rows of `words` of `column` whose mask word is not zero
    /// (zero for the others), into `hits`. The operands are narrowed to the column's type
    /// first, so an `Int32` column is compared 32 bits at a time.
    func hits<Value: FixedWidthInteger & SignedInteger>(
        _ column: UnsafeBufferPointer<Value>, _ words: BatchWords, masks: UnsafePointer<UInt64>,
        into hits: UnsafeMutablePointer<UInt64>
    ) {
        func constant(_ hit: Bool) {
            for index in 0..<words.count { hits[index] = hit ? ~0 : 0 }
        }
        switch self {
        case .compare(let op, let operand):
            guard let value = Value(exactly: operand) else {
                // Beyond the column's range: every value is below a large operand, above a small one.
                let below = operand > 0
                switch op {
                case .equal: constant(false)
                case .notEqual: constant(true)
                case .less, .lessOrEqual: constant(below)
                case .greater, .greaterOrEqual: constant(!below)
                }
                return
            }
            switch op {
            case .equal: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.Equal(value))
            case .notEqual: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.NotEqual(value))
            case .less: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.Less(value))
            case .lessOrEqual: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.LessOrEqual(value))
            case .greater: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.Greater(value))
            case .greaterOrEqual: BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.GreaterOrEqual(value))
            }
        case .oneOf(let operands, let negated):
            let values = operands.compactMap { Value(exactly: $0) }
            values.withUnsafeBufferPointer { values in
                BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.OneOf(values))
            }
            if negated { for index in 0..<words.count { hits[index] = ~hits[index] } }
        case .between(let low, let high, let negated):
            if low > high || low > Int64(Value.max) || high < Int64(Value.min) {
                constant(false)
            } else {
                // Clamping keeps the test exact: every value is at least the type's minimum.
                let low = Value(clamping: low), high = Value(clamping: high)
                BatchKernel.hits(column, words, masks: masks, into: hits, KernelTest.Between(low, high))
            }
            if negated { for index in 0..<words.count { hits[index] = ~hits[index] } }
        }
    }
}

/// The text codes a `=`/`IN` test on a dictionary-encoded column matches.
enum CodeTest {
    /// No row ever had any of the texts.
    case none
    /// One code: compared directly.
    case one(UInt32)
    /// Several: a table indexed by code.
    case table([Bool])

    init(_ codes: [UInt32], codes count: Int) {
        switch Set(codes).count {
        case 0: self = .none
        case 1: self = .one(codes[0])
        default:
            var matching = [Bool](repeating: false, count: count)
            for code in codes where Int(code) < count { matching[Int(code)] = true }
            self = .table(matching)
        }
    }
}

/// The loop every column test runs: 64 rows a word, built 8 rows at a time from
/// branch-free comparisons (compare, set, shift: no branch per row to mispredict). The
/// test is a type, not a closure, so each kernel is specialized with its comparison inlined.
enum BatchKernel {
    /// For each word of `words` with a non-zero mask, the bits of the rows of `column` that
    /// pass `test` (rows past the column's end: 0); 0 for the words with a zero mask.
    @inline(__always)
    static func hits<Test: ColumnTest>(
        _ column: UnsafeBufferPointer<Test.Value>, _ words: BatchWords, masks: UnsafePointer<UInt64>,
        into hits: UnsafeMutablePointer<UInt64>, _ test: Test
    ) {
        guard let base = column.baseAddress else {
            for index in 0..<words.count { hits[index] = 0 }
            return
        }
        let end = column.count
        for index in 0..<words.count {
            let start = (words.first + index) << 6
            guard masks[index] != 0, start < end else {
                hits[index] = 0
                continue
            }
            let rows = base + start
            var bits: UInt64 = 0
            if start + 64 <= end {
                for group in 0..<8 {
                    var byte: UInt64 = 0
                    for offset in 0..<8 { byte |= (test.holds(rows[group &* 8 &+ offset]) ? 1 : 0) << UInt64(offset) }
                    bits |= byte << UInt64(group &* 8)
                }
            } else {
                for offset in 0..<(end - start) { bits |= (test.holds(rows[offset]) ? 1 : 0) << UInt64(offset) }
            }
            hits[index] = bits
        }
    }
}

/// A test of one column value, for ``BatchKernel``.
protocol ColumnTest {
    associatedtype Value: FixedWidthInteger
    func holds(_ value: Value) -> Bool
}

/// The column tests.
enum KernelTest {
    struct Equal<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value == operand }
    }

    struct NotEqual<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value != operand }
    }

    struct Less<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value < operand }
    }

    struct LessOrEqual<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value <= operand }
    }

    struct Greater<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value > operand }
    }

    struct GreaterOrEqual<Value: FixedWidthInteger>: ColumnTest {
        let operand: Value
        init(_ operand: Value) { self.operand = operand }
        @inline(__always) func holds(_ value: Value) -> Bool { value >= operand }
    }

    struct Between<Value: FixedWidthInteger>: ColumnTest {
        let low: Value
        let high: Value
        init(_ low: Value, _ high: Value) {
            self.low = low
            self.high = high
        }
        @inline(__always) func holds(_ value: Value) -> Bool { value >= low && value <= high }
    }

    /// One of a few values.
    struct OneOf<Value: FixedWidthInteger>: ColumnTest {
        let operands: UnsafeBufferPointer<Value>
        init(_ operands: UnsafeBufferPointer<Value>) { self.operands = operands }
        @inline(__always) func holds(_ value: Value) -> Bool { operands.contains(value) }
    }

    /// A text code whose entry in a table indexed by code is true.
    struct Table: ColumnTest {
        let matching: UnsafeBufferPointer<Bool>
        init(_ matching: UnsafeBufferPointer<Bool>) { self.matching = matching }
        @inline(__always) func holds(_ value: UInt32) -> Bool { Int(value) < matching.count && matching[Int(value)] }
    }

    /// A consent code whose bit is set in a mask of states.
    struct Mask: ColumnTest {
        let states: UInt8
        init(_ states: UInt8) { self.states = states }
        @inline(__always) func holds(_ value: UInt8) -> Bool { states >> (value & 7) & 1 != 0 }
    }
}
