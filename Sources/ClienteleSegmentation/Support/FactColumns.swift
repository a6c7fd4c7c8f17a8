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
