/// A set of rows of a ``FactTable``, one bit per row: a segment's members, or internally the
/// rows where a column has a value. Sets over one table combine word by word.
public struct MemberSet: Sendable, Hashable {
    /// The bits, 64 rows a word; bits at or past ``capacity`` are zero.
    public private(set) var words: [UInt64]
    /// The number of rows the set can hold (the table's row count when it was made).
    public private(set) var capacity: Int

    /// An empty set for `capacity` rows.
    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        self.words = [UInt64](repeating: 0, count: (self.capacity + 63) / 64)
    }

    init(words: [UInt64], capacity: Int) {
        self.words = words
        self.capacity = capacity
    }

    /// How many rows are in the set.
    ///
    /// - Complexity: O(capacity / 64).
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether `row` is in the set; false for a row past ``capacity``.
    public func contains(_ row: Int) -> Bool {
        guard row >= 0, row < capacity else { return false }
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// The rows in the set, ascending.
    public var rows: [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                rows.append(index << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return rows
    }

    /// Adds or removes `row`, growing the set when the row is past ``capacity``.
    mutating func set(_ row: Int, _ member: Bool) {
        if row >= capacity { grow(to: row + 1) }
        let bit: UInt64 = 1 << UInt64(row & 63)
        if member { words[row >> 6] |= bit } else { words[row >> 6] &= ~bit }
    }

    /// Makes room for `capacity` rows (new rows are not members).
    /// Makes room for `rows` rows without growing them (``grow(to:)`` then fills no new array).
    mutating func reserveCapacity(_ rows: Int) {
        words.reserveCapacity((rows + 63) / 64)
    }

    mutating func grow(to capacity: Int) {
        guard capacity > self.capacity else { return }
        self.capacity = capacity
        let needed = (capacity + 63) / 64
        if needed > words.count { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
    }
}

// MARK: Image (FactTable's saved form)

extension MemberSet {
    /// Appends the set's words for `rows` rows (the table's row count), without a count.
    func write(rows: Int, to writer: inout PackedWriter) {
        let count = (rows + 63) / 64
        writer.integers(words.count == count ? words : Array(words.prefix(count)) + Array(repeating: 0, count: Swift.max(0, count - words.count)))
    }

    /// Reads a set ``write(rows:to:)`` wrote; refuses one with a row at or past `rows`.
    init(reading reader: inout PackedReader, rows: Int) throws(PackedReader.Malformed) {
        let words = try reader.integers((rows + 63) / 64, as: UInt64.self)
        if rows % 64 != 0, let last = words.last, last >> UInt64(rows % 64) != 0 {
            throw reader.malformed("a row set holds a row past the table's end")
        }
        self.init(words: words, capacity: rows)
    }
}
