/// A read-only hash table from identifier text to a dense integer (its position in the
/// keys it was built from), compared by UTF-8 bytes.
///
/// Price resolution looks up a product, its categories, the customer and their groups on
/// every call; this table does that without `String` hashing, allocation or reference
/// counting, and usually with one cache miss: a slot holds the key's length and first 16
/// bytes inline, so for typical identifiers (SKUs, customer numbers) the probe that finds
/// the slot also confirms the match. Longer keys compare their remaining bytes against a
/// side buffer.
struct IdentifierTable: Sendable {
    /// 32 bytes, so a slot never straddles two cache lines.
    struct Slot {
        /// The key's first 16 bytes, little-endian, zero-padded.
        var head0: UInt64
        var head1: UInt64
        /// The key's length in bytes; -1 for an empty slot.
        var length: Int32
        var id: Int32
        /// Two adjacent runs that belong to the key (see ``init(_:runs:)``), kept in the
        /// slot so that finding the key also finds them, without a second cache miss:
        /// where the first starts and how long each is (`UInt16.max`: look in the side
        /// table of offsets).
        var runStart: Int32
        var firstRunCount: UInt16
        var secondRunCount: UInt16

        /// No key: id -1, empty runs.
        static let empty = Slot(
            head0: 0, head1: 0, length: -1, id: -1, runStart: 0, firstRunCount: 0, secondRunCount: 0)
    }

    private let slots: FrozenBuffer<Slot>
    /// The runs' offsets as given to `init` (for runs too long for a slot's counts).
    private let runOffsets: FrozenBuffer<Int32>
    /// Bytes 16… of every key longer than 16 bytes, back to back.
    private let tails: FrozenBuffer<UInt8>
    /// Where key `i`'s tail starts in `tails`.
    private let tailStarts: FrozenBuffer<Int32>
    private let mask: Int

    /// The number of keys.
    let count: Int

    /// Builds a table; `keys` must be distinct (by bytes). Key `i` gets id `i`.
    ///
    /// - Parameter runs: Optional CSR offsets with two runs per key (`2 × keys.count + 1`
    ///   values): key `i`'s slot then holds `runs[2i]`, `runs[2i + 1]` and `runs[2i + 2]`.
    init(_ keys: [String], runs: [Int32] = []) {
        self.init(keysWithIDs: keys.enumerated().map { ($1, Int32($0)) }, runs: runs)
    }

    /// Builds a table of some keys of a larger id space; keys and ids must be distinct.
    ///
    /// - Parameter runs: Optional CSR offsets with two runs per id of the whole space: key
    ///   with id `i`'s slot then holds `runs[2i]`, `runs[2i + 1]` and `runs[2i + 2]`.
    init(keysWithIDs keys: [(key: String, id: Int32)], runs: [Int32] = []) {
        // At most half full, so that a probe, even for an absent key (most customers have
        // no contract), rarely leaves the first slot's cache line.
        var capacity = 8
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: .empty, count: capacity)
        let idCount = Int(keys.map(\.id).max() ?? -1) + 1
        let hasRuns = runs.count >= 2 * idCount + 1
        var tails: [UInt8] = []
        var tailStarts = [Int32](repeating: 0, count: idCount)
        let mask = capacity - 1
        for (key, id) in keys {
            let bytes = Array(key.utf8)
            tailStarts[Int(id)] = Int32(tails.count)
            if bytes.count > 16 { tails.append(contentsOf: bytes[16...]) }
            let key = bytes.withUnsafeBytes { IdentifierKey($0) }
            let start = hasRuns ? runs[2 * Int(id)] : 0
            let middle = hasRuns ? runs[2 * Int(id) + 1] : 0
            let end = hasRuns ? runs[2 * Int(id) + 2] : 0
            var index = Int(truncatingIfNeeded: key.hash) & mask
            while slots[index].length >= 0 { index = (index + 1) & mask }
            slots[index] = Slot(
                head0: key.head0, head1: key.head1, length: Int32(bytes.count), id: id,
                runStart: start, firstRunCount: UInt16(clamping: middle - start),
                secondRunCount: UInt16(clamping: end - middle))
        }
        self.slots = FrozenBuffer(slots)
        self.runOffsets = FrozenBuffer(hasRuns ? runs : [])
        self.tails = FrozenBuffer(tails)
        self.tailStarts = FrozenBuffer(tailStarts)
        self.mask = mask
        self.count = keys.count
    }

    /// Frees the table's memory; called once by the owner.
    func free() {
        slots.free()
        runOffsets.free()
        tails.free()
        tailStarts.free()
    }

    /// The id of `key`, or -1 when the table does not hold it.
    ///
    /// - Complexity: O(length of key) expected; no allocation for native strings.
    func id(of key: String) -> Int32 {
        slot(of: key).id
    }

    /// The slot of `key` (its id and runs), or an empty slot (id -1, empty runs).
    func slot(of key: String) -> Slot {
        var key = key
        return key.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return slot(IdentifierKey(bytes), bytes: bytes)
        }
    }

    /// The slot's first (`second == false`) or second run, as positions in the runs' items.
    @inline(__always)
    func run(_ slot: Slot, second: Bool) -> Range<Int> {
        if slot.firstRunCount == .max || slot.secondRunCount == .max {
            let k = 2 * Int(slot.id) + (second ? 1 : 0)
            return Int(runOffsets[k])..<Int(runOffsets[k + 1])
        }
        let start = Int(slot.runStart) + (second ? Int(slot.firstRunCount) : 0)
        return start..<(start + Int(second ? slot.secondRunCount : slot.firstRunCount))
    }

    /// The first half of a lookup: the position of `key`'s first slot, whose cache line
    /// is requested but not waited for.
    ///
    /// Beginning several lookups before finishing any lets their cache misses overlap.
    @inline(__always)
    func begin(_ key: IdentifierKey) -> Int {
        let index = Int(truncatingIfNeeded: key.hash) & mask
        MemoryHint.prefetch(slots, at: index)
        return index
    }

    /// Finishes a lookup begun at `index`: the slot of `key`, or an empty slot.
    ///
    /// - Parameter bytes: The key's bytes, needed only for keys longer than 16 bytes
    ///   (nil for a key read inline, which is at most 15).
    @inline(__always)
    func slot(_ key: IdentifierKey, from index: Int, bytes: UnsafeRawBufferPointer? = nil) -> Slot {
        let length = Int32(truncatingIfNeeded: key.length)
        var index = index
        while true {
            let slot = slots[index]
            if slot.length < 0 { return slot }
            if slot.length == length, slot.head0 == key.head0, slot.head1 == key.head1,
                length <= 16 || tailMatches(Int(slot.id), bytes)
            {
                return slot
            }
            index = (index + 1) & mask
        }
    }

    /// The slot of `key`, or an empty slot (a lookup without a prefetch).
    ///
    /// - Parameter bytes: As for ``slot(_:from:bytes:)``.
    @inline(__always)
    func slot(_ key: IdentifierKey, bytes: UnsafeRawBufferPointer? = nil) -> Slot {
        slot(key, from: Int(truncatingIfNeeded: key.hash) & mask, bytes: bytes)
    }

    private func tailMatches(_ id: Int, _ key: UnsafeRawBufferPointer?) -> Bool {
        guard let key else { return false }
        let start = Int(tailStarts[id])
        for offset in 16..<key.count where tails[start + offset - 16] != key[offset] {
            return false
        }
        return true
    }
}
