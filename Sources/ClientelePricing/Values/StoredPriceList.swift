/// A price list as a store holds it: the list and its revision.
public struct StoredPriceList: Hashable, Sendable, Codable, Identifiable {
    /// The list.
    public var list: PriceList
    /// 1 when created, one more on every update; pass it back as `expectedRevision`.
    public var revision: Int

    /// Creates a stored list.
    public init(list: PriceList, revision: Int) {
        self.list = list
        self.revision = revision
    }

    /// The list's id.
    public var id: PriceListID { list.id }
}
