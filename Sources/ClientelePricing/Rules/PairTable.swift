/// A read-only hash table from (customer, product) to the contract lists that price that
/// product for that customer, each with the product's run of entries in the list.
///
/// A customer's contract list (audience: a set of customers) that prices only products is
/// found here instead of through the customer: the slot's position comes from the two
/// identifiers' hashes alone, so it is known before either identifier is looked up, and
/// a customer no list names (``CustomerFilter``) never probes it.
///
/// A slot holds a 64-bit fingerprint of the pair, not the pair: a matching fingerprint is
/// a candidate that the caller confirms (the list's customers and the run's product),
/// so results stay exact even when two pairs share a fingerprint.
struct PairTable: Sendable {
    struct Slot {
        var fingerprint: UInt64
        /// The contract list; -1 for an empty slot.
        var list: Int32
        /// The product's run in `PriceBookIndex.groups` for this list.
        var group: Int32
        /// The customer's dense index, to confirm a candidate.
        var customer: Int32
    }

    private let slots: FrozenBuffer<Slot>
    private let mask: Int

    /// The number of (customer, product, list) triples.
    let count: Int

    /// Builds the table from triples with the hashes of their customer and product keys.
    init(_ triples: [(customerHash: UInt64, productHash: UInt64, list: Int32, group: Int32, customer: Int32)]) {
        var capacity = 8
        while capacity < triples.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(fingerprint: 0, list: -1, group: -1, customer: -1), count: capacity)
        let mask = capacity - 1
        for triple in triples {
            let fingerprint = PairTable.fingerprint(triple.customerHash, triple.productHash)
            var index = PairTable.start(fingerprint, mask)
            while slots[index].list >= 0 { index = (index + 1) & mask }
            slots[index] = Slot(fingerprint: fingerprint, list: triple.list, group: triple.group, customer: triple.customer)
        }
        self.slots = FrozenBuffer(slots)
        self.mask = mask
        self.count = triples.count
    }

    /// Frees the table's memory; called once by the owner.
    func free() {
        slots.free()
    }

    @inline(__always)
    private static func fingerprint(_ customerHash: UInt64, _ productHash: UInt64) -> UInt64 {
        let mixed = (customerHash &* 0x9E37_79B9_7F4A_7C15) ^ (productHash &+ 0x632B_E59B_D9B4_E019)
        return (mixed ^ (mixed >> 31)) &* 0xBF58_476D_1CE4_E5B9
    }

    @inline(__always)
    private static func start(_ fingerprint: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: fingerprint >> 20) & mask
    }

    /// A probe's start: the first slot's position (-1: a probe that finds nothing) and the
    /// pair's fingerprint.
    struct Probe {
        var index: Int
        var fingerprint: UInt64

        /// A probe that finds nothing.
        static var none: Probe { Probe(index: -1, fingerprint: 0) }
    }

    /// Starts the probe for a pair from the hashes alone and prefetches its first slot.
    @inline(__always)
    func probe(customerHash: UInt64, productHash: UInt64) -> Probe {
        let fingerprint = PairTable.fingerprint(customerHash, productHash)
        let index = PairTable.start(fingerprint, mask)
        MemoryHint.prefetch(slots, at: index)
        return Probe(index: index, fingerprint: fingerprint)
    }

    /// Calls `body(slot)` for every slot with the probe's fingerprint: candidates the
    /// caller confirms (the slot's customer, and the product of its run).
    @inline(__always)
    func forEachCandidate(from probe: Probe, _ body: (Slot) -> Void) {
        guard probe.index >= 0 else { return }
        var index = probe.index
        var slot = slots[index]
        while slot.list >= 0 {
            if slot.fingerprint == probe.fingerprint { body(slot) }
            index = (index + 1) & mask
            slot = slots[index]
        }
    }
}
