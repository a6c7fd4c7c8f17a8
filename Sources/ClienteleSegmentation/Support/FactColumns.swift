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
/// kept. A text is 12 bytes a row plus its UTF-8 bytes, a list 8, a number or a day 8, a
/// Boolean a quarter of a byte, where an optional `ProfileFact` takes 24.
struct ProfileColumn: Sendable {
    let type: AttributeType
    /// The texts' UTF-8 bytes, one after another (``TextArena``): a text of more than 15
    /// bytes (an e-mail address) as a `String` is a heap object of its own, about 80 bytes.
    private var texts = TextArena()
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
        case .text: texts.append()
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
        case (.text(let text)?, .text), (.choice(let text)?, .text):
            guard texts.set(row, text) else { return clear(row) }
            if case .choice? = fact { flag = true }
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
        case .text: texts.set(row, "")
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
        case .text: return texts.isEmpty(row)
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

/// Texts by row, their UTF-8 bytes kept one after another in one array, with each row's
/// start and length. Setting a row writes over its old bytes when the new text fits, else
/// appends; the old bytes are zeroed either way, so a cleared or replaced value (an erased
/// customer's) does not linger in memory. When more than half of the bytes are such
/// leftovers, the array is rebuilt from the rows.
struct TextArena: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [UInt32] = []
    /// Bytes no row refers to any more (zeroed).
    private var unused = 0

    mutating func reserveCapacity(_ rows: Int) {
        starts.reserveCapacity(rows)
        lengths.reserveCapacity(rows)
    }

    /// A new row, holding the empty text.
    mutating func append() {
        starts.append(bytes.count)
        lengths.append(0)
    }

    /// The text of `row`, byte for byte as it was set.
    subscript(row: Int) -> String {
        let start = starts[row]
        return String(decoding: bytes[start..<(start + Int(lengths[row]))], as: UTF8.self)
    }

    /// Whether `row` holds the empty text.
    func isEmpty(_ row: Int) -> Bool { lengths[row] == 0 }

    /// Sets the text of `row`; a text of 4 GiB or more is not kept (the row then holds the
    /// empty text, and `false` is returned).
    @discardableResult
    mutating func set(_ row: Int, _ text: String) -> Bool {
        let start = starts[row]
        let old = Int(lengths[row])
        let utf8 = text.utf8
        let count = utf8.count
        guard count <= Int(UInt32.max) else {
            set(row, "")
            return false
        }
        // The same text again (the usual update): nothing to write.
        if count == old, bytes[start..<(start + old)].elementsEqual(utf8) { return true }
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in start..<(start + old) { buffer[index] = 0 }
        }
        if count <= old {
            bytes.replaceSubrange(start..<(start + count), with: utf8)
            unused += old - count
        } else {
            unused += old
            starts[row] = bytes.count
            bytes.append(contentsOf: utf8)
        }
        lengths[row] = UInt32(count)
        if unused > 4_096, unused > bytes.count / 2 { compact() }
        return true
    }

    /// Whether `needle` occurs anywhere in the bytes, leftovers included (for tests that a
    /// replaced value is gone).
    func holds(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Rebuilds the byte array from the rows' texts, leaving nothing unused.
    private mutating func compact() {
        var packed: [UInt8] = []
        packed.reserveCapacity(bytes.count - unused)
        for row in starts.indices {
            let start = starts[row]
            starts[row] = packed.count
            packed.append(contentsOf: bytes[start..<(start + Int(lengths[row]))])
        }
        bytes = packed
        unused = 0
    }
}

// MARK: Images (FactTable's saved form): each column written whole, read back checked

extension DayColumn {
    func write(to writer: inout PackedWriter) {
        writer.integers(days)
        valid.write(rows: days.count, to: &writer)
    }

    init(reading reader: inout PackedReader, rows: Int) throws(PackedReader.Malformed) {
        days = try reader.integers(rows, as: Int32.self)
        valid = try MemberSet(reading: &reader, rows: rows)
    }
}

extension TextColumn {
    /// The distinct texts, then each row's code and the rows holding a value.
    func write(to writer: inout PackedWriter) {
        writer.count(texts.count - 1)
        for text in texts.dropFirst() { writer.text(text) }
        writer.integers(codes)
        valid.write(rows: codes.count, to: &writer)
    }

    init(reading reader: inout PackedReader, rows: Int) throws(PackedReader.Malformed) {
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let text = try reader.text()
            guard dictionary.updateValue(UInt32(texts.count), forKey: ByteString(text: text)) == nil else {
                throw reader.malformed("a text column repeats a text")
            }
            texts.append(text)
        }
        codes = try reader.integers(rows, as: UInt32.self)
        let known = UInt32(texts.count)
        guard codes.allSatisfy({ $0 < known }) else { throw reader.malformed("a text column's code is unknown") }
        valid = try MemberSet(reading: &reader, rows: rows)
        // As `set` leaves them: code 0 exactly in the rows without a value.
        for row in 0..<rows where (codes[row] != 0) != valid.contains(row) {
            throw reader.malformed("a text column's row \(row) has a code without a value, or a value without one")
        }
    }

    /// A column of `rows` rows, every one NULL.
    init(rows: Int) {
        codes = [UInt32](repeating: 0, count: rows)
        valid = MemberSet(capacity: rows)
    }
}

extension ListColumn {
    /// The distinct elements, then each row's list as codes; the holders are rebuilt.
    func write(to writer: inout PackedWriter) {
        writer.count(texts.count)
        for text in texts { writer.text(text) }
        for codes in rows {
            writer.count(codes.count)
            for code in codes { writer.count(Int(code)) }
        }
    }

    init(reading reader: inout PackedReader, rows count: Int) throws(PackedReader.Malformed) {
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let text = try reader.text()
            guard dictionary.updateValue(UInt32(texts.count), forKey: ByteString(text: text)) == nil else {
                throw reader.malformed("a list column repeats an element")
            }
            texts.append(text)
        }
        holders = Array(repeating: MemberSet(capacity: count), count: texts.count)
        rows.reserveCapacity(count)
        for row in 0..<count {
            let length = try reader.count(atMost: reader.remaining)
            guard length > 0 else {
                rows.append([])
                continue
            }
            guard !texts.isEmpty else { throw reader.malformed("a list column's code is unknown") }
            var codes: [UInt32] = []
            codes.reserveCapacity(length)
            for _ in 0..<length {
                let code = try reader.count(atMost: texts.count - 1)
                codes.append(UInt32(code))
                holders[code].set(row, true)
            }
            rows.append(codes)
        }
    }
}

extension ProfileColumn {
    /// The values as the column's type keeps them, then the rows holding a value and the
    /// flags.
    func write(to writer: inout PackedWriter) {
        switch type {
        case .text: texts.write(rows: rowCount, to: &writer)
        // A row without a value writes 0 (a cleared number or day is left in place in memory).
        case .number: writer.integers(numbers.indices.map { valid.contains($0) ? numbers[$0].bitPattern : 0 })
        case .date: writer.integers(days.indices.map { valid.contains($0) ? days[$0] : 0 })
        case .list:
            for list in lists {
                writer.count(list.count)
                for element in list { writer.text(element) }
            }
        default: break
        }
        valid.write(rows: rowCount, to: &writer)
        flags.write(rows: rowCount, to: &writer)
    }

    init(reading reader: inout PackedReader, type: AttributeType, rows: Int) throws(PackedReader.Malformed) {
        self.type = type
        switch type {
        case .text: texts = try TextArena(reading: &reader, rows: rows)
        case .number: numbers = try reader.integers(rows, as: UInt64.self).map(Double.init(bitPattern:))
        case .date: days = try reader.integers(rows, as: Int64.self)
        case .list:
            lists.reserveCapacity(rows)
            for _ in 0..<rows {
                var list: [String] = []
                for _ in 0..<(try reader.count(atMost: reader.remaining)) { list.append(try reader.text()) }
                lists.append(list)
            }
        default: break
        }
        valid = try MemberSet(reading: &reader, rows: rows)
        flags = try MemberSet(reading: &reader, rows: rows)
        rowCount = rows
    }
}

extension TextArena {
    /// Each row's byte count, then every row's bytes one after another (no leftovers).
    func write(rows: Int, to writer: inout PackedWriter) {
        for row in 0..<rows { writer.count(Int(lengths[row])) }
        for row in 0..<rows { writer.raw(bytes[starts[row]..<(starts[row] + Int(lengths[row]))]) }
    }

    init(reading reader: inout PackedReader, rows: Int) throws(PackedReader.Malformed) {
        lengths.reserveCapacity(rows)
        starts.reserveCapacity(rows)
        var total = 0
        for _ in 0..<rows {
            let length = try reader.count(atMost: Swift.min(reader.remaining, Int(UInt32.max)))
            starts.append(total)
            lengths.append(UInt32(length))
            total += length
        }
        let texts = try reader.raw(count: total)
        bytes = Array(texts)
        // Each row's text must be UTF-8, as a text set through `set` is: so it is when every
        // byte is ASCII (most texts), else row by row.
        guard !texts.allSatisfy({ $0 < 0x80 }) else { return }
        for row in 0..<rows {
            let start = starts[row]
            guard String(validating: texts[start..<(start + Int(lengths[row]))], as: UTF8.self) != nil else {
                throw reader.malformed("a profile text is not UTF-8")
            }
        }
    }
}
