import Foundation

/// The pricing API a shop calls: keeps the current ``PriceBook``, rebuilds it when lists
/// change, and resolves prices at the clock's "now".
///
/// ```swift
/// let pricing = try await PriceBookService(store: ReferencePriceListStore.inMemory())
/// _ = try await pricing.create(vipList)
/// let price = try pricing.resolvePrice(for: item, quantity: 2, customer: context)
/// ```
///
/// Readers never wait for a rebuild and never see a half-built book: a new book is built
/// completely from a store snapshot, then swapped in under a lock, and only if it comes
/// from a newer store version than the current one (so a slow rebuild cannot replace a
/// newer book). Changes made to the store by other processes are picked up by
/// ``refresh()``.
public final class PriceBookService: Sendable {
    private let store: any PriceListStore
    private let clock: any WallClock
    private let current: Locked<PriceBook>

    /// Creates the service and builds the first book from the store.
    ///
    /// - Throws: the store's error, or a ``PricingError`` when a stored list is invalid.
    public init(store: any PriceListStore, clock: any WallClock = SystemClock()) async throws {
        self.store = store
        self.clock = clock
        let snapshot = try await store.snapshot()
        self.current = Locked(try PriceBook(lists: snapshot.lists.map(\.list), version: snapshot.version))
    }

    /// The current book. Cheap: a reference copy under a short lock.
    public var book: PriceBook { current.withLock { $0 } }

    /// Rebuilds the book from the store and swaps it in if it is newer.
    ///
    /// - Throws: the store's error, or a ``PricingError`` when a stored list is invalid;
    ///   the current book then stays.
    public func refresh() async throws {
        let snapshot = try await store.snapshot()
        guard snapshot.version > book.version else { return }
        let rebuilt = try PriceBook(lists: snapshot.lists.map(\.list), version: snapshot.version)
        current.withLock { book in
            if rebuilt.version > book.version { book = rebuilt }
        }
    }

    // MARK: Changing lists

    /// Saves a new list (revision 1) and rebuilds the book.
    ///
    /// - Throws: ``PricingErrorCode/duplicateList`` or a validation error; nothing changes.
    @discardableResult
    public func create(_ list: PriceList) async throws -> StoredPriceList {
        let stored = try await store.create(list)
        try await refresh()
        return stored
    }

    /// Replaces a list read at `expectedRevision` and rebuilds the book.
    ///
    /// - Throws: ``PricingErrorCode/revisionConflict``, ``PricingErrorCode/listNotFound`` or a
    ///   validation error; nothing changes.
    @discardableResult
    public func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        let stored = try await store.update(list, expectedRevision: expectedRevision)
        try await refresh()
        return stored
    }

    /// Removes a list read at `expectedRevision` and rebuilds the book.
    ///
    /// - Throws: ``PricingErrorCode/revisionConflict`` or ``PricingErrorCode/listNotFound``.
    public func delete(_ id: PriceListID, expectedRevision: Int) async throws {
        try await store.delete(id, expectedRevision: expectedRevision)
        try await refresh()
    }

    /// The stored list with this id, or `nil`.
    public func list(_ id: PriceListID) async throws -> StoredPriceList? {
        try await store.list(id)
    }

    // MARK: Resolving at "now"

    /// The price a customer pays now for `quantity` of a product.
    ///
    /// - Throws: as ``PriceBook/resolve(_:)``.
    public func resolvePrice(
        for item: CatalogItem, quantity: Int = 1, customer: CustomerContext
    ) throws(PricingError) -> PriceResolution {
        try book.resolve(PriceRequest(item: item, quantity: quantity, customer: customer, instant: clock.now()))
    }

    /// Why a customer pays what they pay now: every list considered.
    ///
    /// - Throws: as ``PriceBook/explain(_:)``.
    public func explainPrice(
        for item: CatalogItem, quantity: Int = 1, customer: CustomerContext
    ) throws(PricingError) -> PriceExplanation {
        try book.explain(PriceRequest(item: item, quantity: quantity, customer: customer, instant: clock.now()))
    }

    /// Prices a cart now.
    ///
    /// - Throws: as ``PriceBook/resolveCart(_:for:at:)``.
    public func priceCart(_ lines: [CartLine], for customer: CustomerContext) throws(PricingError) -> PricedCart {
        try book.resolveCart(lines, for: customer, at: clock.now())
    }

    /// Prices a product listing (quantity 1 each) now.
    ///
    /// - Throws: as ``PriceBook/resolveListing(_:for:at:)``.
    public func priceListing(
        _ items: [CatalogItem], for customer: CustomerContext
    ) throws(PricingError) -> [PriceResolution] {
        try book.resolveListing(items, for: customer, at: clock.now())
    }
}
