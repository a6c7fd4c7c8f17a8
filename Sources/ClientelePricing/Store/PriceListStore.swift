/// Where a shop's price lists live: the adapter seam of ``ClientelePricing``.
///
/// Implement it over your database and prove it with `PriceListStoreConformance` from
/// ClienteleTestKit; ``ReferencePriceListStore`` is the in-memory and file-backed reference.
///
/// Contract (every call is atomic on its own):
/// - ``create(_:)`` validates the list (``PriceList/validate()``), refuses an id that
///   exists (``PricingErrorCode/duplicateList``, also when two creates race), and stores
///   revision 1.
/// - ``update(_:expectedRevision:)`` and ``delete(_:expectedRevision:)`` apply only when the
///   stored revision equals `expectedRevision`, else ``PricingErrorCode/conflict``;
///   an unknown id is ``PricingErrorCode/listNotFound``. Of concurrent writers holding the
///   same revision exactly one succeeds.
/// - A rejected call changes nothing. Validation errors are the ``PricingError``s of
///   ``PriceList/validate()``.
/// - ``lists(after:limit:)`` pages in id order (the bytes of the id); a `limit` below 1
///   throws ``PricingErrorCode/invalidPageSize`` and there is no maximum (a page holds at
///   most the lists there are). ``snapshot()`` returns every list and a version that grows
///   with every change, read atomically.
public protocol PriceListStore: Sendable {
    /// Stores a new list with revision 1.
    func create(_ list: PriceList) async throws -> StoredPriceList

    /// Replaces a list whose stored revision is `expectedRevision`; returns the new revision.
    func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList

    /// Removes a list whose stored revision is `expectedRevision`.
    func delete(_ id: PriceListID, expectedRevision: Int) async throws

    /// The list with this id, or `nil`.
    func list(_ id: PriceListID) async throws -> StoredPriceList?

    /// Up to `limit` (≥ 1) lists with ids after `after` (from the start when `nil`), in id order.
    ///
    /// - Throws: ``PricingErrorCode/invalidPageSize`` when `limit` is below 1.
    func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList]

    /// Every list and the store's version, read atomically; what a ``PriceBook`` is built from.
    func snapshot() async throws -> PriceListSnapshot
}
