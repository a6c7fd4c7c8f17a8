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
        // At most half full, so that a probe, even for an absent key (most customers have
        // no contract), rarely leaves the first slot's cache line.
        var capacity = 8
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: .empty, count: capacity)
        let hasRuns = runs.count == 2 * keys.count + 1
        var tails: [UInt8] = []
        var tailStarts: [Int32] = []
        let mask = capacity - 1
        for (id, key) in keys.enumerated() {
            let bytes = Array(key.utf8)
            tailStarts.append(Int32(tails.count))
            if bytes.count > 16 { tails.append(contentsOf: bytes[16...]) }
            let (slot, hash) = bytes.withUnsafeBytes { raw in
                let head0 = IdentifierTable.word(raw, 0)
                let head1 = IdentifierTable.word(raw, 8)
                let start = hasRuns ? runs[2 * id] : 0
                let middle = hasRuns ? runs[2 * id + 1] : 0
                let end = hasRuns ? runs[2 * id + 2] : 0
                return (
                    Slot(
                        head0: head0, head1: head1, length: Int32(bytes.count), id: Int32(id),
                        runStart: start, firstRunCount: UInt16(clamping: middle - start),
                        secondRunCount: UInt16(clamping: end - middle)),
                    IdentifierTable.hash(raw, head0, head1)
                )
            }
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].length >= 0 { index = (index + 1) & mask }
            slots[index] = slot
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
    @inline(__always)
    func id(of key: String) -> Int32 {
        slot(of: key).id
    }

    /// The slot of `key` (its id and runs), or an empty slot (id -1, empty runs).
    @inline(__always)
    func slot(of key: String) -> Slot {
        lookup(key).slot
    }

    /// A key's slot together with its hash (which ``PairTable`` combines).
    struct Lookup {
        var slot: Slot
        var hash: UInt64
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

    /// The slot of `key` (an empty slot when absent) and the key's hash.
    @inline(__always)
    func lookup(_ key: String) -> Lookup {
        IdentifierTable.withBytes(key) { end(begin($0), $0) }
    }

    /// Runs `body` with the UTF-8 bytes of `key` (without copying native strings).
    @inline(__always)
    static func withBytes<R>(_ key: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        // One call site for `body`, so that the compiler inlines it (for the small strings
        // most identifiers are, `withUTF8` reads the bytes from the stack).
        var key = key
        return key.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// The hash ``lookup(_:)`` reports for `key`, for building tables keyed by it.
    static func hash(of key: String) -> UInt64 {
        Array(key.utf8).withUnsafeBytes { raw in hash(raw, word(raw, 0), word(raw, 8)) }
    }

    /// The first half of a lookup: the key's hash and first slot position, with that
    /// slot's cache line requested but not waited for.
    ///
    /// Beginning several lookups before ending any lets their cache misses overlap.
    struct Probe {
        var index: Int
        var head0: UInt64
        var head1: UInt64
        var hash: UInt64
    }

    /// Hashes `key` and prefetches its first slot.
    @inline(__always)
    func begin(_ key: UnsafeRawBufferPointer) -> Probe {
        let head0 = IdentifierTable.word(key, 0)
        let head1 = IdentifierTable.word(key, 8)
        let hash = IdentifierTable.hash(key, head0, head1)
        let index = Int(truncatingIfNeeded: hash) & mask
        MemoryHint.prefetch(slots, at: index)
        return Probe(index: index, head0: head0, head1: head1, hash: hash)
    }

    /// Finishes a lookup begun with ``begin(_:)`` for the same `key`.
    @inline(__always)
    func end(_ probe: Probe, _ key: UnsafeRawBufferPointer) -> Lookup {
        let length = Int32(truncatingIfNeeded: key.count)
        var index = probe.index
        while true {
            let slot = slots[index]
            if slot.length < 0 { return Lookup(slot: slot, hash: probe.hash) }
            if slot.length == length, slot.head0 == probe.head0, slot.head1 == probe.head1,
                length <= 16 || tailMatches(Int(slot.id), key)
            {
                return Lookup(slot: slot, hash: probe.hash)
            }
            index = (index + 1) & mask
        }
    }

    private func tailMatches(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = Int(tailStarts[id])
        for offset in 16..<key.count where tails[start + offset - 16] != key[offset] {
            return false
        }
        return true
    }

    /// Up to eight bytes from `offset` as a little-endian word, zero-padded.
    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        let remaining = bytes.count - offset
        if remaining >= 8 { return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        if remaining <= 0 { return 0 }
        if remaining >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
            return low | high << UInt64(8 * (remaining - 4))
        }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for index in offset..<bytes.count {
            word |= UInt64(bytes[index]) << shift
            shift += 8
        }
        return word
    }

    /// A multiply-mix hash of the length and the key's 8-byte words (the first two given
    /// as `head0` and `head1`). Identifiers come from the shop's own lists, not from
    /// adversaries who could choose colliding keys.
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer, _ head0: UInt64, _ head1: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count) ^ head0) &* multiplier
        hash = (hash ^ (hash >> 29) ^ head1) &* multiplier
        var offset = 16
        while offset < bytes.count {
            hash = (hash ^ (hash >> 29) ^ word(bytes, offset)) &* multiplier
            offset += 8
        }
        return hash ^ (hash >> 32)
    }
}
