/// The customers some price list names, as a compact filter over their identifiers'
/// hashes: "no" is certain, "maybe" is wrong for about one customer in 200.
///
/// Most requests come from customers no list names (a shop has far more customers than
/// contracts). For them this one word, usually in cache, replaces the lookups in the
/// customer and contract tables, which are large and usually cache misses.
struct CustomerFilter: Sendable {
    /// A Bloom filter with two bits per customer, both in one word.
    private let words: FrozenBuffer<UInt64>
    private let mask: Int

    /// A filter holding the identifiers with these ``IdentifierKey`` hashes.
    init(hashes: [UInt64]) {
        // At least 16 bits per customer: about 0.5 % false "maybe"s.
        var count = 1
        while count * 64 < hashes.count * 16 { count *= 2 }
        var words = [UInt64](repeating: 0, count: count)
        for hash in hashes { words[Self.word(hash, count - 1)] |= Self.bits(hash) }
        self.words = FrozenBuffer(words)
        self.mask = count - 1
    }

    /// Frees the filter's memory; called once by the owner.
    func free() {
        words.free()
    }

    /// False when no list names the customer with this hash; true when one may.
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let bits = Self.bits(hash)
        return words[Self.word(hash, mask)] & bits == bits
    }

    @inline(__always)
    private static func word(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 40) & mask
    }

    @inline(__always)
    private static func bits(_ hash: UInt64) -> UInt64 {
        (1 << (hash & 63)) | (1 << ((hash >> 6) & 63))
    }
}
