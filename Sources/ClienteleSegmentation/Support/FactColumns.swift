/// Text compared by its UTF-8 bytes, as the segment language compares text (never by
/// Unicode canonical equivalence, which `String ==` uses).
struct ByteString: Hashable, Sendable {
    let text: String

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        // All the bytes at once (a native string's UTF-8 is contiguous), else a copy of them.
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}

/// A nullable date column: the UTC day of each row's instant, and the rows that have one.
struct DayColumn: Sendable {
    var days: [Int32] = []
    var valid = MemberSet(capacity: 0)

    mutating func append() {
        days.append(0)
        valid.grow(to: days.count)
    }

    mutating func reserveCapacity(_ rows: Int) {
        days.reserveCapacity(rows)
        valid.reserveCapacity(rows)
    }

    mutating func set(_ row: Int, _ day: UTCDay?) {
        days[row] = day.map { Int32(clamping: $0.daysSinceEpoch) } ?? 0
        valid.set(row, day != nil)
    }

    func value(_ row: Int) -> FactValue {
        valid.contains(row) ? .day(UTCDay(daysSinceEpoch: Int64(days[row]))) : .null
    }
}

/// A nullable text column, dictionary-encoded: each distinct text (by bytes) gets a code
/// from 1; 0 stands for NULL.
struct TextColumn: Sendable {
    var codes: [UInt32] = []
    var valid = MemberSet(capacity: 0)
    var dictionary: [ByteString: UInt32] = [:]
    var texts: [String] = [""]

    mutating func append() {
        codes.append(0)
        valid.grow(to: codes.count)
    }

    mutating func reserveCapacity(_ rows: Int) {
        codes.reserveCapacity(rows)
        valid.reserveCapacity(rows)
    }

    mutating func set(_ row: Int, _ text: String?) {
        guard let text else {
            codes[row] = 0
            valid.set(row, false)
            return
        }
        // The same text again (the usual update): no dictionary lookup. Code 0 is NULL.
        let current = codes[row]
        if current != 0, texts[Int(current)].utf8.elementsEqual(text.utf8) { return }
        codes[row] = code(for: text)
        valid.set(row, true)
    }

    /// The code of `text`, made when new.
    mutating func code(for text: String) -> UInt32 {
        let key = ByteString(text: text)
        if let code = dictionary[key] { return code }
        let code = UInt32(texts.count)
        texts.append(text)
        dictionary[key] = code
        return code
    }

    /// The code of `text` if some row ever had it.
    func existingCode(for text: String) -> UInt32? { dictionary[ByteString(text: text)] }

    func value(_ row: Int) -> FactValue {
        valid.contains(row) ? .text(texts[Int(codes[row])]) : .null
    }
}

/// A list column (never NULL; an empty list for none): for each distinct element, the set
/// of rows whose list holds it, plus each row's elements in their order.
struct ListColumn: Sendable {
    var rows: [[UInt32]] = []
    var holders: [MemberSet] = []
    var dictionary: [ByteString: UInt32] = [:]
    var texts: [String] = []

    mutating func reserveCapacity(_ rows: Int) {
        self.rows.reserveCapacity(rows)
    }

    mutating func append() {
        rows.append([])
    }

    mutating func set(_ row: Int, _ elements: [String]) {
        let current = rows[row]
        if current.count == elements.count,
            zip(current, elements).allSatisfy({ texts[Int($0)].utf8.elementsEqual($1.utf8) })
        {
            return
        }
        for code in current { holders[Int(code)].set(row, false) }
        var codes: [UInt32] = []
        codes.reserveCapacity(elements.count)
        for element in elements {
            let key = ByteString(text: element)
            let code: UInt32
            if let known = dictionary[key] {
                code = known
            } else {
                code = UInt32(texts.count)
                texts.append(element)
                dictionary[key] = code
                holders.append(MemberSet(capacity: rows.count))
            }
            codes.append(code)
            holders[Int(code)].set(row, true)
        }
        rows[row] = codes
    }

    /// The rows whose list holds `element`, if any row ever did.
    func holders(of element: String) -> MemberSet? {
        dictionary[ByteString(text: element)].map { holders[Int($0)] }
    }

    func value(_ row: Int) -> FactValue {
        .list(rows[row].map { texts[Int($0)] })
    }
}

/// One profile field's values, kept as the schema's type says: texts (a bit per row telling
/// a choice from a text), numbers, UTC days, Boolean bits or lists, and the rows that hold a
/// value. A value of another type than the schema's, which a predicate reads as NULL, is not
/// kept. About 16 bytes a row for a text or a list, 8 for a number or a day, a quarter of a
/// byte for a Boolean, where an optional `ProfileFact` takes 24.
struct ProfileColumn: Sendable {
    let type: AttributeType
    private var texts: [String] = []
    private var numbers: [Double] = []
    private var days: [Int64] = []
    private var lists: [[String]] = []
    private var valid = MemberSet(capacity: 0)
    /// Per row: the Boolean value, or for a text whether it is a choice.
    private var flags = MemberSet(capacity: 0)
    private var rowCount = 0

    init(type: AttributeType) {
        self.type = type
    }

    mutating func reserveCapacity(_ rows: Int) {
        switch type {
        case .text: texts.reserveCapacity(rows)
        case .number: numbers.reserveCapacity(rows)
        case .date: days.reserveCapacity(rows)
        case .list: lists.reserveCapacity(rows)
        default: break
        }
        valid.reserveCapacity(rows)
        flags.reserveCapacity(rows)
    }

    mutating func append() {
        switch type {
        case .text: texts.append("")
        case .number: numbers.append(0)
        case .date: days.append(0)
        case .list: lists.append([])
        default: break
        }
        rowCount += 1
        valid.grow(to: rowCount)
        flags.grow(to: rowCount)
    }

    /// Sets a row's value; `nil`, or a value of another type than the column's, clears it
    /// (and releases what it held).
    mutating func set(_ row: Int, _ fact: ProfileFact?) {
        var flag = false
        switch (fact, type) {
        case (.text(let text)?, .text): texts[row] = text
        case (.choice(let text)?, .text):
            texts[row] = text
            flag = true
        case (.number(let number)?, .number): numbers[row] = number
        case (.date(let day)?, .date): days[row] = day.daysSinceEpoch
        case (.choices(let choices)?, .list): lists[row] = choices
        case (.boolean(let value)?, .boolean): flag = value
        default:
            clear(row)
            return
        }
        valid.set(row, true)
        flags.set(row, flag)
    }

    private mutating func clear(_ row: Int) {
        switch type {
        case .text: texts[row] = ""
        case .list: lists[row] = []
        default: break
        }
        valid.set(row, false)
        flags.set(row, false)
    }

    /// True when the row holds no value and no leftover of one (a cleared text or list
    /// is released).
    func holdsNothing(_ row: Int) -> Bool {
        guard !valid.contains(row), !flags.contains(row) else { return false }
        switch type {
        case .text: return texts[row].isEmpty
        case .number: return numbers[row] == 0
        case .date: return days[row] == 0
        case .list: return lists[row].isEmpty
        default: return true
        }
    }

    /// The row's value as it was set (a choice stays a choice), or `nil`.
    func fact(_ row: Int) -> ProfileFact? {
        guard valid.contains(row) else { return nil }
        switch type {
        case .text: return flags.contains(row) ? .choice(texts[row]) : .text(texts[row])
        case .number: return .number(numbers[row])
        case .date: return .date(UTCDay(daysSinceEpoch: days[row]))
        case .list: return .choices(lists[row])
        case .boolean: return .boolean(flags.contains(row))
        default: return nil
        }
    }

    /// The row's value as a predicate compares it (a NaN number is NULL).
    func value(_ row: Int) -> FactValue {
        guard valid.contains(row) else { return .null }
        switch type {
        case .text: return .text(texts[row])
        case .number: return numbers[row].isNaN ? .null : .number(numbers[row])
        case .date: return .day(UTCDay(daysSinceEpoch: days[row]))
        case .list: return .list(lists[row])
        case .boolean: return .boolean(flags.contains(row))
        default: return .null
        }
    }
}
