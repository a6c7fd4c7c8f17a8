/// A read-only hash table from (customer, product) to the contract lists that price that
/// product for that customer, each with the product's run of entries in the list.
///
/// A customer's contract list (audience: a set of customers) that prices only products is
/// found here instead of through the customer: the slot's position comes from the two
/// identifiers' hashes alone, so its cache line is fetched while the customer and product
/// slots are still being fetched, instead of after them (customer → list → product run
/// would be three dependent cache misses). Slots for one pair sit next to each other.
struct PairTable: Sendable {
    struct Slot {
        /// The dense customer index; -1 for an empty slot.
        var customer: Int32
        var product: Int32
        var list: Int32
        /// The product's run in `PriceBookIndex.groups` for this list.
        var group: Int32
    }

    private let slots: FrozenBuffer<Slot>
    private let mask: Int

    /// The number of (customer, product, list) triples.
    let count: Int

    /// Builds the table from triples with the hashes of their customer and product keys.
    init(_ triples: [(customerHash: UInt64, productHash: UInt64, slot: Slot)]) {
        var capacity = 8
        while capacity < triples.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(customer: -1, product: -1, list: -1, group: -1), count: capacity)
        let mask = capacity - 1
        for triple in triples {
            var index = PairTable.start(triple.customerHash, triple.productHash, mask)
            while slots[index].customer >= 0 { index = (index + 1) & mask }
            slots[index] = triple.slot
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
    private static func start(_ customerHash: UInt64, _ productHash: UInt64, _ mask: Int) -> Int {
        let mixed = (customerHash &* 0x9E37_79B9_7F4A_7C15) ^ (productHash &+ 0x632B_E59B_D9B4_E019)
        return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 31)) &* 0xBF58_476D_1CE4_E5B9) >> 20) & mask
    }

    /// A probe's start: the first slot's position (-1: a probe that finds nothing).
    struct Probe {
        var index: Int

        /// A probe that finds nothing.
        static let none = Probe(index: -1)
    }

    /// Starts the probe for a pair from the hashes alone and prefetches its first slot,
    /// so the miss overlaps with looking up the customer's and product's dense indexes.
    @inline(__always)
    func probe(customerHash: UInt64, productHash: UInt64) -> Probe {
        let index = PairTable.start(customerHash, productHash, mask)
        MemoryHint.prefetch(slots, at: index)
        return Probe(index: index)
    }

    /// Calls `body(list, group)` for every triple of (customer, product), continuing `probe`.
    @inline(__always)
    func forEach(customer: Int32, product: Int32, from probe: Probe, _ body: (Int32, Int32) -> Void) {
        guard probe.index >= 0 else { return }
        var index = probe.index
        var slot = slots[index]
        while slot.customer >= 0 {
            if slot.customer == customer, slot.product == product { body(slot.list, slot.group) }
            index = (index + 1) & mask
            slot = slots[index]
        }
    }
}
