/// Which account holds each e-mail uniqueness key: the index ``AccountState`` answers
/// logins and registrations from.
///
/// It keeps a 64-bit hash of each key instead of the key: the keys are every account's
/// address, and as dictionary keys they took about 130 bytes an account (the string and
/// its bucket). The hashes and their customers are held sorted in chunks (``SortedMap``):
/// about 32 bytes an account, where a dictionary of hashes takes 50. The hash alone never decides: a lookup takes the
/// account whose key hashes alike and checks that account's own key (read from its stored
/// record) before answering, so two addresses whose hashes collide never reach each other's
/// account. The second of two such keys is kept by its full text in ``collided``.
///
/// The hash is the standard library's `Hasher`, seeded at random per process (so keys an
/// attacker chooses cannot be made to collide on purpose), and the index is rebuilt from
/// the records on every open, never stored.
struct AccountEmailIndex: Sendable {
    private var byHash = SortedMap<UInt64, CustomerID>()
    /// Accounts whose key hashes as another account's key does, by key.
    private(set) var collided: [String: CustomerID] = [:]
    private let hash: @Sendable (String) -> UInt64

    /// An empty index; `hash` is for tests that need keys to collide.
    init(hash: @escaping @Sendable (String) -> UInt64 = AccountEmailIndex.seededHash) {
        self.hash = hash
    }

    /// An index of `entries` built at once, for a snapshot being read: sorted by hash and
    /// laid into full chunks (adding them one by one, in the random order of their hashes,
    /// would move half a chunk each time). `nil` when two entries share a key.
    init?(building entries: [(key: String, id: CustomerID)], hash: @escaping @Sendable (String) -> UInt64 = AccountEmailIndex.seededHash) {
        self.init(hash: hash)
        // Sorted as plain numbers (hash, then place in `entries`): swapping entries that hold
        // strings would retain and release them at every step.
        var order: [(slot: UInt64, index: Int)] = []
        order.reserveCapacity(entries.count)
        entries.withUnsafeBufferPointer { entries in
            for index in entries.indices { order.append((hash(entries[index].key), index)) }
        }
        order.sort { $0.slot != $1.slot ? $0.slot < $1.slot : $0.index < $1.index }
        var slots: [UInt64] = []
        var holders: [CustomerID] = []
        slots.reserveCapacity(order.count)
        holders.reserveCapacity(order.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, order[end].slot == order[start].slot { end += 1 }
            // The first of a run of equal hashes holds the slot; the others are collided keys.
            let holder = order[start].index
            slots.append(order[start].slot)
            holders.append(entries[holder].id)
            for other in order[(start + 1)..<end] {
                let entry = entries[other.index]
                guard entry.key != entries[holder].key, collided.updateValue(entry.id, forKey: entry.key) == nil else { return nil }
            }
            start = end
        }
        byHash = SortedMap(ascending: slots, values: holders)
    }

    /// The process's seeded hash of a key.
    static func seededHash(_ key: String) -> UInt64 {
        UInt64(bitPattern: Int64(key.hashValue))
    }

    /// The customers that may hold `key`: the one holding it among the collided keys, then
    /// the one whose key hashes alike. At most two; the caller checks which holds `key`.
    func candidates(for key: String) -> [CustomerID] {
        var found: [CustomerID] = []
        if let id = collided[key] { found.append(id) }
        if let id = byHash[hash(key)] { found.append(id) }
        return found
    }

    /// The account holding `key`, given each candidate's own key (`nil` for a customer
    /// without an account key). The collided keys, held by their full text, answer first.
    func customer<Failure: Error>(
        holding key: String, keyOf: (CustomerID) throws(Failure) -> String?
    ) throws(Failure) -> CustomerID? {
        if let id = collided[key] { return id }
        if let id = byHash[hash(key)], try keyOf(id) == key { return id }
        return nil
    }

    /// Records that `id` holds `key`, replacing whoever held it. `keyOf` gives the key of
    /// the account already in `key`'s slot, or `nil` when it cannot be read: `key` then
    /// goes among the collided keys, which answer first.
    mutating func insert(_ key: String, for id: CustomerID, keyOf: (CustomerID) -> String?) {
        let slot = hash(key)
        if let holder = byHash[slot], holder != id, keyOf(holder) != key {
            collided[key] = id
        } else {
            byHash[slot] = id
            collided[key] = nil
        }
    }

    /// Forgets that `id` holds `key`; nothing happens if it does not.
    mutating func remove(_ key: String, for id: CustomerID) {
        let slot = hash(key)
        if byHash[slot] == id {
            byHash[slot] = nil
        } else if collided[key] == id {
            collided[key] = nil
        }
    }

    /// Forgets every key `id` holds, whatever the key: for a customer whose stored record
    /// no longer unpacks, so its key cannot be read.
    ///
    /// - Complexity: O(accounts).
    mutating func removeAll(of id: CustomerID) {
        var held: [UInt64] = []
        byHash.forEach { slot, holder in if holder == id { held.append(slot) } }
        for slot in held { byHash[slot] = nil }
        collided = collided.filter { $0.value != id }
    }
}
