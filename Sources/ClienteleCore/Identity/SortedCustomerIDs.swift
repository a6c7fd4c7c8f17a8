/// Customer IDs in ascending order, kept in chunks (a ``SortedCustomerMap`` without
/// values) so that adding one moves the IDs of one chunk, not every ID: the member lists of
/// the reference segment store, derived from its state and never stored.
package struct SortedCustomerIDs: Sendable {
    private var map = SortedCustomerMap<Void>()

    /// How many IDs there are.
    package var count: Int { map.count }

    /// No IDs.
    package init() {}

    /// `ids` sorted (a repeated ID is kept once).
    package init(sorting ids: [CustomerID]) {
        let ascending = Self.ascending(ids)
        map = SortedCustomerMap(ascending: ascending, values: Array(repeating: (), count: ascending.count))
    }

    /// `ids` ascending without repeats: as they are when they already are (lists read from a
    /// snapshot, or paged from a store: checked, not sorted again), else sorted.
    package static func ascending(_ ids: [CustomerID]) -> [CustomerID] {
        if zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) { return ids }
        var distinct: [CustomerID] = []
        distinct.reserveCapacity(ids.count)
        for id in ids.sorted() where distinct.last != id { distinct.append(id) }
        return distinct
    }

    /// Adds an ID that is not in the list yet (one that is stays once).
    ///
    /// - Complexity: O(log n + chunk size + n / chunk size).
    package mutating func insert(_ id: CustomerID) {
        map.updateValue((), forKey: id)
    }

    /// Removes an ID; does nothing when it is not in the list.
    ///
    /// - Complexity: O(log n + chunk size + n / chunk size).
    package mutating func remove(_ id: CustomerID) {
        map.removeValue(forKey: id)
    }

    /// True when `id` is in the list.
    ///
    /// - Complexity: O(log n).
    package func contains(_ id: CustomerID) -> Bool { map.contains(id) }

    /// At most `limit` IDs strictly after `after` (from the start when `nil`), ascending.
    ///
    /// - Complexity: O(log n + limit).
    package func page(after: CustomerID?, limit: Int) -> [CustomerID] {
        map.page(after: after, limit: limit)
    }
}
