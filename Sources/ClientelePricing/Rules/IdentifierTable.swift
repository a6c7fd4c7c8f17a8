/// A read-only hash table from identifier text to a dense integer (its position in the
/// keys it was built from), compared by UTF-8 bytes.
///
/// Price resolution looks up a product, its categories, the customer and their groups on
/// every call; this table does that without `String` hashing or allocation: one pass of
/// a multiply-mix hash over the bytes, one probe sequence, one word-wise comparison.
struct IdentifierTable: Sendable {
    /// All keys' bytes, back to back.
    private let bytes: [UInt8]
    /// Where key `i` starts in `bytes`; `starts[count]` is the end.
    private let starts: [Int32]
    /// Open addressing: the upper 32 bits hold hash bits, the lower 32 bits the id + 1
    /// (0 = empty slot).
    private let slots: [UInt64]
    private let mask: Int

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// Builds a table; `keys` must be distinct (by bytes). Key `i` gets id `i`.
    init(_ keys: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        starts.reserveCapacity(keys.count + 1)
        var capacity = 8
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (id, key) in keys.enumerated() {
            bytes.append(contentsOf: key.utf8)
            starts.append(Int32(bytes.count))
            let hash = key.utf8.withContiguousStorageIfAvailable { IdentifierTable.hash(UnsafeRawBufferPointer($0)) }
                ?? IdentifierTable.hash(Array(key.utf8))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
        self.mask = mask
    }

    /// The id of `key`, or -1 when the table does not hold it.
    ///
    /// - Complexity: O(length of key) expected; no allocation for native strings.
    @inline(__always)
    func id(of key: String) -> Int32 {
        if let found = key.utf8.withContiguousStorageIfAvailable({ find(UnsafeRawBufferPointer($0)) }) {
            return found
        }
        var copy = key
        return copy.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    private func find(_ key: UnsafeRawBufferPointer) -> Int32 {
        let hash = IdentifierTable.hash(key)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                starts.withUnsafeBufferPointer { starts in
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return -1 }
                        if entry & 0xFFFF_FFFF_0000_0000 == tag {
                            let id = Int(entry & 0xFFFF_FFFF) - 1
                            let start = Int(starts[id])
                            let length = Int(starts[id + 1]) - start
                            if length == key.count,
                                IdentifierTable.equal(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<start + length])), key)
                            {
                                return Int32(id)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Byte equality of two buffers of the same length, eight bytes at a time.
    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        if count < 8 { return tail(a, 0) == tail(b, 0) }
        var offset = 0
        while offset + 8 < count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        // The last eight bytes, overlapping the previous word when the length is not a multiple of 8.
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// The bytes from `offset` to the end (fewer than 8) as one little-endian word, read
    /// with at most two overlapping loads.
    @inline(__always)
    private static func tail(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        let remaining = bytes.count - offset
        if remaining >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
            return low | high << UInt64(8 * (remaining - 4))
        }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var index = offset
        while index < bytes.count {
            word |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return word
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// A multiply-mix hash over 8-byte words (not for untrusted adversarial input at
    /// scale; identifiers come from the shop's own lists).
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            hash = (hash ^ tail(bytes, offset)) &* multiplier
            hash ^= hash >> 29
        }
        hash = hash &* multiplier
        return hash ^ (hash >> 32)
    }
}
