/// Values by customer ID in ascending ID order (a ``SortedMap``): what a module's journaled
/// state holds its customers in (Accounts' records, Profiling's profiles, Consent's
/// ledgers), so that paging customers in order needs no second structure beside it.
package typealias SortedCustomerMap<Value: Sendable> = SortedMap<CustomerID, Value>

/// Values by key, kept in ascending key order in chunks of at most ``chunkCapacity``.
///
/// Against a `Dictionary` and a sorted list of its keys, it keeps each key once and no
/// empty buckets: at a million customers a dictionary has two buckets per entry (it grows
/// at three quarters full), so a customer ID and an 8-byte value took about 50 bytes there
/// and 17 more in the list; here they take 24 and a little. A lookup is two binary
/// searches: one over the chunks' last keys (contiguous, so it stays in the cache), one
/// within a chunk.
///
/// Adding keys in ascending order (a snapshot being read) appends to the last chunk and
/// starts a new one when it is full, so the chunks end up full; a key added in the middle
/// splits its chunk when that overflows (keys added in random order leave the chunks about
/// three quarters full).
///
/// It is public (with its members inlinable) so that each module using it gets code
/// specialized for its own key and value types: as a `package` type its lookups ran
/// through the generic entry points, which looked up type metadata on every call (10 % of
/// a store reopen's samples).
///
/// Invariants: no chunk is empty; the chunks, read in order, are strictly ascending;
/// `lasts[i]` is chunk `i`'s last key; `values` has a chunk of the same length per chunk.
public struct SortedMap<Key: Comparable & Sendable, Value: Sendable>: Sendable {
    /// The most keys a chunk holds before it splits in two.
    @inlinable public static var chunkCapacity: Int { 512 }

    /// The keys, chunk by chunk.
    @usableFromInline var keys: [[Key]] = []
    /// The values, in chunks parallel to ``keys``.
    @usableFromInline var values: [[Value]] = []
    /// The last key of each chunk.
    @usableFromInline var lasts: [Key] = []

    /// How many keys there are.
    @inlinable public var count: Int { storedCount }
    /// What ``count`` reads; changed by the inlinable mutations.
    @usableFromInline var storedCount = 0

    /// No keys.
    @inlinable public init() {}

    /// `keys` with their `values` (as many), laid into full chunks at once: for keys read in
    /// order, where adding them one by one compares each with the last. The keys must be
    /// strictly ascending; the caller checks that (this does not).
    @inlinable package init(ascending keys: [Key], values: [Value]) {
        let count = Swift.min(keys.count, values.count)
        for start in stride(from: 0, to: count, by: Self.chunkCapacity) {
            let end = Swift.min(start + Self.chunkCapacity, count)
            self.keys.append(Array(keys[start..<end]))
            self.values.append(Array(values[start..<end]))
            lasts.append(keys[end - 1])
        }
        storedCount = count
    }

    /// Where `key` is, or would go: its chunk and place in it, and whether it is there. The
    /// chunk is `lasts.count` for a key above every key held.
    @inlinable func locate(_ key: Key) -> (chunk: Int, position: Int, found: Bool) {
        let chunk = Self.firstIndex(in: lasts.count) { lasts[$0] >= key }
        guard chunk < lasts.count else { return (chunk, 0, false) }
        let position = Self.firstIndex(in: keys[chunk].count) { keys[chunk][$0] >= key }
        return (chunk, position, keys[chunk][position] == key)
    }

    /// The value of `key`; setting `nil` removes it.
    ///
    /// - Complexity: O(log n) to read; O(log n + chunkCapacity + n / chunkCapacity) to add
    ///   or remove an ID.
    @inlinable public subscript(key: Key) -> Value? {
        get {
            let place = locate(key)
            return place.found ? values[place.chunk][place.position] : nil
        }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// Whether `key` is held.
    @inlinable public func contains(_ key: Key) -> Bool { locate(key).found }

    /// Sets the value of `key`, adding it if new; returns the value it replaced.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        // Above the last key (a snapshot read in order): no search.
        let place: (chunk: Int, position: Int, found: Bool)
        if let last = lasts.last, !(last < key) { place = locate(key) } else { place = (lasts.count, 0, false) }
        if place.found {
            let old = values[place.chunk][place.position]
            values[place.chunk][place.position] = value
            return old
        }
        if place.chunk == lasts.count {
            // Above every ID: onto the end of the last chunk, or a new one when it is full.
            if let last = keys.indices.last, keys[last].count < Self.chunkCapacity {
                keys[last].append(key)
                values[last].append(value)
                lasts[last] = key
            } else {
                keys.append([key])
                values.append([value])
                lasts.append(key)
            }
        } else {
            keys[place.chunk].insert(key, at: place.position)
            values[place.chunk].insert(value, at: place.position)
            if keys[place.chunk].count > Self.chunkCapacity { split(place.chunk) }
        }
        storedCount += 1
        return nil
    }

    /// Removes `key` and returns its value; `nil` when it is not held.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let place = locate(key)
        guard place.found else { return nil }
        keys[place.chunk].remove(at: place.position)
        let old = values[place.chunk].remove(at: place.position)
        storedCount -= 1
        if let last = keys[place.chunk].last {
            lasts[place.chunk] = last
        } else {
            keys.remove(at: place.chunk)
            values.remove(at: place.chunk)
            lasts.remove(at: place.chunk)
        }
        return old
    }

    /// At most `limit` keys strictly after `after` (from the start when `nil`), ascending.
    ///
    /// - Complexity: O(log n + limit).
    @inlinable public func page(after: Key?, limit: Int) -> [Key] {
        guard limit > 0, !keys.isEmpty else { return [] }
        var chunk = 0
        var position = 0
        if let after {
            chunk = Self.firstIndex(in: lasts.count) { lasts[$0] > after }
            guard chunk < keys.count else { return [] }
            position = Self.firstIndex(in: keys[chunk].count) { keys[chunk][$0] > after }
        }
        var page: [Key] = []
        while chunk < keys.count, page.count < limit {
            let held = keys[chunk]
            let end = limit - page.count >= held.count - position ? held.count : position + (limit - page.count)
            page += held[position..<end]
            chunk += 1
            position = 0
        }
        return page
    }

    /// Calls `body` with every key and its value, ascending.
    @inlinable public func forEach<Failure: Error>(_ body: (Key, Value) throws(Failure) -> Void) throws(Failure) {
        for chunk in keys.indices {
            for position in keys[chunk].indices { try body(keys[chunk][position], values[chunk][position]) }
        }
    }

    /// Moves the upper half of an overflowing chunk into a new chunk after it. Both halves
    /// are new arrays of their own size: the overflowing one had grown to twice the chunk
    /// capacity, which keys inserted in random order (hashes) would otherwise keep.
    @usableFromInline mutating func split(_ chunk: Int) {
        let half = keys[chunk].count / 2
        let upperKeys = Array(keys[chunk][half...])
        let upperValues = Array(values[chunk][half...])
        keys[chunk] = Array(keys[chunk][..<half])
        values[chunk] = Array(values[chunk][..<half])
        keys.insert(upperKeys, at: chunk + 1)
        values.insert(upperValues, at: chunk + 1)
        lasts[chunk] = keys[chunk][half - 1]
        lasts.insert(upperKeys[upperKeys.count - 1], at: chunk + 1)
    }

    /// The smallest index in `0..<count` for which `isAbove` holds (it holds for a suffix), or `count`.
    @inlinable static func firstIndex(in count: Int, where isAbove: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAbove(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
