/// Every list of a store at one moment, and the store's version at that moment.
public struct PriceListSnapshot: Hashable, Sendable, Codable {
    /// All lists, ordered by id.
    public var lists: [StoredPriceList]
    /// Grows with every change to the store (create, update, delete); 0 for an empty new store.
    public var version: UInt64

    /// Creates a snapshot.
    public init(lists: [StoredPriceList], version: UInt64) {
        self.lists = lists
        self.version = version
    }
}
