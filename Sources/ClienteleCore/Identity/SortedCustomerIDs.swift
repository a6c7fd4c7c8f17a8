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
        // Lists read from a snapshot are in order already: checked, not sorted again.
        if zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) {
            map = SortedCustomerMap(ascending: ids, values: Array(repeating: (), count: ids.count))
        } else {
            for id in ids.sorted() { map.updateValue((), forKey: id) }
        }
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
