/// The state of the reference price-list store: lists by id, revisions, and a version.
///
/// Applied by ClienteleCore's `StateStore` both in memory and from the journal of a
/// file-backed store, so the two behave identically. Every change is validated before
/// anything is mutated.
public struct PriceListState: JournaledState, Hashable {
    /// The stored lists by id.
    public private(set) var lists: [PriceListID: StoredPriceList] = [:]
    /// One more after every applied change.
    public private(set) var version: UInt64 = 0

    /// An empty state.
    public init() {}

    /// One atomic change.
    public enum Change: Sendable, Codable, Hashable {
        /// Store a new list with revision 1.
        case create(PriceList)
        /// Replace a list stored at `expectedRevision`.
        case update(PriceList, expectedRevision: Int)
        /// Remove a list stored at `expectedRevision`.
        case delete(PriceListID, expectedRevision: Int)
    }

    /// Applies `change` or throws and changes nothing.
    ///
    /// - Throws: ``PricingError``: ``PricingErrorCode/duplicateList``,
    ///   ``PricingErrorCode/listNotFound``, ``PricingErrorCode/conflict``, or a
    ///   validation error of ``PriceList/validate()``.
    public mutating func apply(_ change: Change) throws(PricingError) {
        switch change {
        case .create(let list):
            try list.validate()
            guard lists[list.id] == nil else {
                throw PricingError(
                    .duplicateList, "A price list with this id exists; update it or choose another id.",
                    context: ErrorContext(field: "id", item: list.id.rawValue))
            }
            lists[list.id] = StoredPriceList(list: list, revision: 1)
        case .update(let list, let expectedRevision):
            try list.validate()
            let stored = try existing(list.id, expectedRevision: expectedRevision)
            lists[list.id] = StoredPriceList(list: list, revision: stored.revision + 1)
        case .delete(let id, let expectedRevision):
            _ = try existing(id, expectedRevision: expectedRevision)
            lists[id] = nil
        }
        version += 1
    }

    private func existing(_ id: PriceListID, expectedRevision: Int) throws(PricingError) -> StoredPriceList {
        guard let stored = lists[id] else {
            throw PricingError(
                .listNotFound, "No price list has this id.", context: ErrorContext(field: "id", item: id.rawValue))
        }
        guard stored.revision == expectedRevision else {
            throw PricingError(
                .conflict,
                "The price list changed since it was read (stored revision \(stored.revision), "
                    + "expected \(expectedRevision)); read it again.",
                context: ErrorContext(field: "expectedRevision", item: id.rawValue))
        }
        return stored
    }

    /// Up to `limit` lists after `after`, in id (byte) order.
    ///
    /// - Throws: ``PricingErrorCode/invalidPageSize`` when `limit` is below 1.
    /// - Complexity: O(n log n) in the number of lists.
    public func lists(after: PriceListID?, limit: Int) throws(PricingError) -> [StoredPriceList] {
        guard limit >= 1 else {
            throw PricingError(
                .invalidPageSize, "A page must hold at least one list (limit ≥ 1).", context: ErrorContext(field: "limit"))
        }
        var page = lists.values.filter { stored in
            guard let after else { return true }
            return after < stored.id
        }
        page.sort { $0.id < $1.id }
        return Array(page.prefix(limit))
    }

    /// Every list in id order, and the version.
    public var snapshot: PriceListSnapshot {
        PriceListSnapshot(lists: lists.values.sorted { $0.id < $1.id }, version: version)
    }
}
