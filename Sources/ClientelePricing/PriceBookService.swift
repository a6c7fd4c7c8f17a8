import Foundation

/// The pricing API a shop calls: keeps the current ``PriceBook``, rebuilds it when lists
/// change, and resolves prices at the clock's "now".
///
/// ```swift
/// let pricing = PriceBookService(store: ReferencePriceListStore.inMemory())
/// try await pricing.refresh()  // load the book once, before the first price
/// _ = try await pricing.create(vipList)
/// let price = try pricing.resolvePrice(for: item, quantity: 2, customer: context)
/// ```
///
/// Making the service does no I/O and cannot fail. The book is a cache derived from the
/// store and is filled by ``refresh()``: call it once at start-up, before the first price,
/// and whenever other processes may have changed the store. Until then every price
/// (``resolvePrice(for:quantity:customer:)`` and the other resolving methods, and
/// ``book``) throws ``PricingErrorCode/notLoaded``. Resolving stays synchronous and free
/// of I/O, so it cannot load the book itself, and quoting base prices from an empty book
/// would charge customers the wrong price without anyone noticing; a typed error at the
/// first request makes a missing start-up step plain.
///
/// Readers never wait for a rebuild and never see a half-built book: a new book is built
/// completely from a store snapshot, then swapped in under a lock, and only if it comes
/// from a newer store version than the current one (so a slow rebuild cannot replace a
/// newer book). The service is a value; copies share one book.
///
/// Writes are not retried: ``update(_:expectedRevision:)`` and
/// ``delete(_:expectedRevision:)`` carry the revision the caller read, so a
/// ``PricingErrorCode/conflict`` goes back to the caller, who re-reads the list
/// and decides again. The one read-modify-write of the service's own,
/// ``erase(customer:)``, retries up to ``PricingConfiguration/maximumConflictAttempts``.
///
/// Every successful change is announced on `events` as a `ClienteleEvent` named
/// `pricing.listCreated`, `pricing.listUpdated` or `pricing.listDeleted`, with the list's
/// id in the `list` attribute and its new revision in `revision` (none for a delete).
public struct PriceBookService: Sendable {
    /// Where the price lists live.
    public let store: any PriceListStore
    /// The source of "now" for resolving prices and for events.
    public let clock: any WallClock
    /// Makes identifiers. Pricing makes none yet (a shop names its price lists); held so
    /// that every service is made the same way.
    public let ids: IDGenerator
    /// Receives pricing events (a list created, updated or deleted), when given.
    public let events: EventBroadcaster?
    /// The shop's pricing settings.
    public let configuration: PricingConfiguration
    /// The current book; `nil` until the first ``refresh()``. Shared by copies.
    private let current: Locked<PriceBook?>

    /// Creates the service. It does no I/O: call ``refresh()`` before the first price.
    ///
    /// - Parameters:
    ///   - store: Where the price lists live.
    ///   - clock: The source of "now"; a `ManualClock` in tests.
    ///   - ids: Identifier generator; `.incrementing()` in tests.
    ///   - events: Where to announce changes to lists, if anywhere.
    ///   - configuration: The shop's pricing settings.
    public init(
        store: any PriceListStore,
        clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random,
        events: EventBroadcaster? = nil,
        configuration: PricingConfiguration = .init()
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.events = events
        self.configuration = configuration
        self.current = Locked(nil)
    }

    /// The current book. Cheap: a reference copy under a short lock.
    ///
    /// - Throws: ``PricingErrorCode/notLoaded`` before the first ``refresh()``.
    public var book: PriceBook {
        get throws(PricingError) {
            guard let book = current.withLock({ $0 }) else {
                throw PricingError(
                    .notLoaded, "The price book is not loaded yet; call refresh() once after making the service.")
            }
            return book
        }
    }

    /// Whether a book has been loaded by ``refresh()`` (or by a change made through the service).
    public var isLoaded: Bool { current.withLock { $0 != nil } }

    /// Loads the book from the store the first time, and afterwards rebuilds it and swaps
    /// it in if the store has moved on.
    ///
    /// Call it once after making the service, before the first price, and whenever other
    /// processes may have changed the store. Changes made through the service refresh the
    /// book themselves.
    ///
    /// - Throws: the store's error, or a ``PricingError`` when a stored list is invalid;
    ///   the current book (or none) then stays.
    public func refresh() async throws {
        let snapshot = try await store.snapshot()
        if let loaded = current.withLock({ $0 }), snapshot.version <= loaded.version { return }
        let rebuilt = try PriceBook(lists: snapshot.lists.map(\.list), version: snapshot.version)
        current.withLock { book in
            if let book, book.version >= rebuilt.version { return }
            book = rebuilt
        }
    }

    // MARK: Changing lists

    /// `list` with its validity instants at the stored precision (whole milliseconds,
    /// ``StoredInstant``), as every store keeps them.
    static func atStoredPrecision(_ list: PriceList) -> PriceList {
        var list = list
        list.validFrom = list.validFrom.map(StoredInstant.normalized)
        list.validTo = list.validTo.map(StoredInstant.normalized)
        return list
    }

    /// Saves a new list (revision 1), announces `pricing.listCreated` and rebuilds (or
    /// first loads) the book. `validFrom` and `validTo` are kept to the millisecond
    /// (``StoredInstant``), as every stored instant; so are they by ``update(_:expectedRevision:)``.
    ///
    /// - Throws: ``PricingErrorCode/duplicateList`` or a validation error; nothing changes.
    ///   When the store took the list but the rebuild fails, the store's or the book's
    ///   error; the list is saved and the event sent, and the next ``refresh()`` picks it up.
    @discardableResult
    public func create(_ list: PriceList) async throws -> StoredPriceList {
        let stored = try await store.create(Self.atStoredPrecision(list))
        emit("listCreated", stored.id, revision: stored.revision)
        try await refresh()
        return stored
    }

    /// Replaces a list read at `expectedRevision`, announces `pricing.listUpdated` and
    /// rebuilds (or first loads) the book. Not retried: on a conflict, read the list again.
    ///
    /// - Throws: ``PricingErrorCode/conflict``, ``PricingErrorCode/listNotFound`` or a
    ///   validation error; nothing changes. A failed rebuild after the write is thrown as
    ///   for ``create(_:)``.
    @discardableResult
    public func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        let stored = try await store.update(Self.atStoredPrecision(list), expectedRevision: expectedRevision)
        emit("listUpdated", stored.id, revision: stored.revision)
        try await refresh()
        return stored
    }

    /// Removes a list read at `expectedRevision`, announces `pricing.listDeleted` and
    /// rebuilds (or first loads) the book. Not retried: on a conflict, read the list again.
    ///
    /// - Throws: ``PricingErrorCode/conflict`` or ``PricingErrorCode/listNotFound``;
    ///   nothing changes. A failed rebuild after the write is thrown as for ``create(_:)``.
    public func delete(_ id: PriceListID, expectedRevision: Int) async throws {
        try await store.delete(id, expectedRevision: expectedRevision)
        emit("listDeleted", id, revision: nil)
        try await refresh()
    }

    /// The stored list with this id, or `nil`.
    public func list(_ id: PriceListID) async throws -> StoredPriceList? {
        try await store.list(id)
    }

    // MARK: Resolving at "now"

    /// The price a customer pays now for `quantity` of a product.
    ///
    /// - Throws: ``PricingErrorCode/notLoaded`` before the first ``refresh()``, else as
    ///   ``PriceBook/resolve(_:)``.
    public func resolvePrice(
        for item: CatalogItem, quantity: Int = 1, customer: CustomerContext
    ) throws(PricingError) -> PriceResolution {
        try book.resolve(PriceRequest(item: item, quantity: quantity, customer: customer, instant: clock.storedNow()))
    }

    /// Why a customer pays what they pay now: every list considered.
    ///
    /// - Throws: ``PricingErrorCode/notLoaded`` before the first ``refresh()``, else as
    ///   ``PriceBook/explain(_:)``.
    public func explainPrice(
        for item: CatalogItem, quantity: Int = 1, customer: CustomerContext
    ) throws(PricingError) -> PriceExplanation {
        try book.explain(PriceRequest(item: item, quantity: quantity, customer: customer, instant: clock.storedNow()))
    }

    /// Prices a cart now.
    ///
    /// - Throws: ``PricingErrorCode/notLoaded`` before the first ``refresh()``, else as
    ///   ``PriceBook/resolveCart(_:for:at:)``.
    public func priceCart(_ lines: [CartLine], for customer: CustomerContext) throws(PricingError) -> PricedCart {
        try book.resolveCart(lines, for: customer, at: clock.storedNow())
    }

    /// Prices a product listing (quantity 1 each) now.
    ///
    /// - Throws: ``PricingErrorCode/notLoaded`` before the first ``refresh()``, else as
    ///   ``PriceBook/resolveListing(_:for:at:)``.
    public func priceListing(
        _ items: [CatalogItem], for customer: CustomerContext
    ) throws(PricingError) -> [PriceResolution] {
        try book.resolveListing(items, for: customer, at: clock.storedNow())
    }

    // MARK: Events

    func emit(_ name: String, _ list: PriceListID, revision: Int?) {
        guard let events else { return }
        var attributes = ["list": list.rawValue]
        if let revision { attributes["revision"] = String(revision) }
        events.emit(ClienteleEvent(name: "pricing.\(name)", at: clock.storedNow(), attributes: attributes))
    }
}
