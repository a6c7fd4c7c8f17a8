public import Foundation

/// The shop developer's front door: the five Clientele modules over one set of stores,
/// with one clock, one ID generator, one event stream, and the connectors between them.
///
/// ```swift
/// let hub = try await CustomerHub.open(at: dataFolder, configuration: configuration)
/// try await hub.start()                                   // price book and segment facts
/// let login = try await hub.accounts.login(email: email, password: password)
/// let context = try await hub.pricingContext(for: login.customer.id)
/// let price = try hub.pricing.resolvePrice(for: item, customer: context)
/// let outcome = try await hub.recordOrder(order)          // segments, lifecycle, triggers, consent
/// ```
///
/// Each module's service is a property (``accounts``, ``consent``, ``pricing``,
/// ``profiling``, ``segmentation``) and stays usable on its own. The hub adds what crosses
/// modules:
/// - profiling asks consent which purposes a customer holds (a field tied to a withdrawn
///   purpose is not asked again at once);
/// - segmentation's facts are built from the account, its orders, the profile and the
///   consent standings (``facts(of:)``), loaded for every customer by ``start()`` and
///   refreshed for one customer by the flows that change them;
/// - pricing's customer context carries the customer's groups and current segments
///   (``pricingContext(for:)``).
///
/// A copy of a hub shares its stores, services and loaded state.
public struct CustomerHub: Sendable {
    /// Accounts, guest checkout, login, orders.
    public let accounts: AccountService
    /// Consent, contact decisions, suppression.
    public let consent: ConsentService
    /// The price book.
    public let pricing: PriceBookService
    /// Progressive profiling, gated by live consent.
    public let profiling: ProfilingService
    /// Segments, lifecycle stages, triggers.
    public let segmentation: SegmentationService
    /// The stores the services work over.
    public let stores: CustomerHubStores
    /// Every module's events, in one stream: `events.subscribe()`.
    public let events: EventBroadcaster
    /// The source of "now" for every module.
    public let clock: any WallClock
    /// The configuration the hub was made with.
    public let configuration: CustomerHubConfiguration
    /// Closes the reference stores the hub opened itself (``open(at:configuration:clock:ids:events:)``).
    private let closer: @Sendable () async throws -> Void
    /// The folder and stores of a hub made by ``open(at:configuration:clock:ids:events:hasher:)``,
    /// with the facts saved by the last clean close; `nil` for any other hub.
    private let facts: FactsFile?

    /// What a hub over a folder keeps for its saved facts (``SavedFacts``).
    final class FactsFile: Sendable {
        let folder: URL
        let accounts: ReferenceAccountStore
        let consent: ReferenceConsentStore
        let profiles: ReferenceProfileStore
        /// The facts found at open, until ``CustomerHub/start()`` takes them; whether
        /// `start()` ran (a close saves facts only then) and used them.
        let state: Locked<(saved: SavedFacts?, started: Bool, usedSaved: Bool)>

        init(folder: URL, accounts: ReferenceAccountStore, consent: ReferenceConsentStore, profiles: ReferenceProfileStore, saved: SavedFacts?) {
            self.folder = folder
            self.accounts = accounts
            self.consent = consent
            self.profiles = profiles
            self.state = Locked((saved, false, false))
        }
    }

    /// Makes a hub over the given stores. It does no I/O; call ``start()`` before serving.
    ///
    /// - Parameters:
    ///   - stores: The stores (``CustomerHubStores/inMemory()`` or the host's adapters).
    ///   - configuration: Every module's configuration and the connectors'.
    ///   - clock: The source of "now"; a `ManualClock` in tests.
    ///   - ids: Identifier generator.
    ///   - events: The event stream every module announces on; a new one by default.
    ///   - hasher: The password hasher (PBKDF2-HMAC-SHA256 at the OWASP count by default).
    public init(
        stores: CustomerHubStores,
        configuration: CustomerHubConfiguration,
        clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random,
        events: EventBroadcaster = EventBroadcaster(),
        hasher: any PasswordHasher = PBKDF2PasswordHasher()
    ) {
        self.init(stores: stores, configuration: configuration, clock: clock, ids: ids, events: events, hasher: hasher, closer: {}, facts: nil)
    }

    private init(
        stores: CustomerHubStores, configuration: CustomerHubConfiguration, clock: any WallClock, ids: IDGenerator,
        events: EventBroadcaster, hasher: any PasswordHasher, closer: @escaping @Sendable () async throws -> Void,
        facts: FactsFile?
    ) {
        let consent = ConsentService(
            store: stores.consent, clock: clock, ids: ids, events: events, configuration: configuration.consent,
            catalog: configuration.purposes)
        self.accounts = AccountService(
            store: stores.accounts, clock: clock, ids: ids, events: events, configuration: configuration.accounts, hasher: hasher)
        self.consent = consent
        self.pricing = PriceBookService(
            store: stores.priceLists, clock: clock, ids: ids, events: events, configuration: configuration.pricing)
        self.profiling = ProfilingService(
            store: stores.profiles, clock: clock, ids: ids, events: events, configuration: configuration.profiling,
            catalog: configuration.profileCatalog, consent: ConsentGate(consent: consent))
        self.segmentation = SegmentationService(
            store: stores.segments, clock: clock, ids: ids, events: events, configuration: configuration.segmentation,
            schema: configuration.segmentSchema)
        self.stores = stores
        self.events = events
        self.clock = clock
        self.configuration = configuration
        self.closer = closer
        self.facts = facts
    }

    /// A hub over fresh in-memory reference stores: for tests and demos.
    public static func inMemory(
        configuration: CustomerHubConfiguration, clock: any WallClock = SystemClock(), ids: IDGenerator = .random,
        hasher: any PasswordHasher = PBKDF2PasswordHasher()
    ) -> CustomerHub {
        CustomerHub(stores: .inMemory(), configuration: configuration, clock: clock, ids: ids, hasher: hasher)
    }

    /// Opens (or creates) a hub over the file-backed reference stores in one folder, one
    /// subfolder per store: `accounts/`, `consent/`, `pricing/`, `profiles/`, `segments/`
    /// (see Docs/Storage.md). Each store locks its subfolder, so a second process opening
    /// the folder fails with `core.storeAlreadyOpen` and opens nothing.
    ///
    /// The accounts store opens beside the other four, which open one after another, each
    /// decoding its snapshot on every core. Meanwhile the facts a clean ``close()`` saved in
    /// the folder (`facts.saved`) are read; once the stores are open the file is deleted, and
    /// ``start()`` loads the facts instead of reading every customer when the stores and the
    /// configuration are as they were at the close (``SavedFacts``).
    ///
    /// - Throws: ClienteleCore's storage errors (the first store's in the order above, when
    ///   several fail); the stores that did open are closed again.
    public static func open(
        at folder: URL, configuration: CustomerHubConfiguration, clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random, events: EventBroadcaster = EventBroadcaster(),
        hasher: any PasswordHasher = PBKDF2PasswordHasher()
    ) async throws -> CustomerHub {
        // The saved facts are read and checked meanwhile (they are matched with the stores,
        // and deleted, once the stores are open).
        let savedFacts = Task.detached { SavedFacts.read(in: folder, schema: configuration.segmentSchema) }
        // The accounts store (the largest, its snapshot read on one core) beside the other
        // four, which open one after another: they decode their snapshots on every core
        // themselves (ParallelRecordDecoding), and five loads at once only made them wait for
        // each other.
        async let accounts = attempt { try await ReferenceAccountStore.open(folder: folder.appending(path: "accounts")) }
        let others = (
            await attempt { try await ReferenceConsentStore.open(folder: folder.appending(path: "consent")) },
            await attempt { try await ReferencePriceListStore.open(folder: folder.appending(path: "pricing")) },
            await attempt { try await ReferenceProfileStore.open(folder: folder.appending(path: "profiles")) },
            await attempt { try await ReferenceSegmentStore.open(folder: folder.appending(path: "segments")) })
        let opened = (await accounts, others.0, others.1, others.2, others.3)
        var closers: [@Sendable () async throws -> Void] = []
        if case .success(let store) = opened.0 { closers.append { try await store.close() } }
        if case .success(let store) = opened.1 { closers.append { try await store.close() } }
        if case .success(let store) = opened.2 { closers.append { try await store.close() } }
        if case .success(let store) = opened.3 { closers.append { try await store.close() } }
        if case .success(let store) = opened.4 { closers.append { try await store.close() } }
        do {
            // In store order, so that the first failure is the one thrown.
            let (accounts, consent, priceLists, profiles, segments) = (
                try opened.0.get(), try opened.1.get(), try opened.2.get(), try opened.3.get(), try opened.4.get())
            let stores = CustomerHubStores(
                accounts: accounts, consent: consent, priceLists: priceLists, profiles: profiles, segments: segments)
            let all = closers
            let repaired = [accounts.recoveryReport, consent.recoveryReport, profiles.recoveryReport].contains { !$0.isClean }
            let saved = try SavedFacts.take(
                await savedFacts.value, from: folder,
                expecting: SavedFacts.Stamp(configuration: configuration, accounts: accounts, consent: consent, profiles: profiles))
            return CustomerHub(
                stores: stores, configuration: configuration, clock: clock, ids: ids, events: events, hasher: hasher,
                closer: { for close in all.reversed() { try await close() } },
                facts: FactsFile(folder: folder, accounts: accounts, consent: consent, profiles: profiles, saved: repaired ? nil : saved))
        } catch {
            for close in closers.reversed() { try? await close() }
            throw error
        }
    }

    /// The outcome of `body`, its error included, so that concurrent opens can all finish
    /// before the ones that succeeded are closed.
    private static func attempt<Store: Sendable>(_ body: () async throws -> Store) async -> Result<Store, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Loads what the services derive from the stores: the price book, and every customer's
    /// segmentation facts (announcing the segment entries and exits that happened while the
    /// process was down). Call once after making or opening the hub.
    ///
    /// A hub opened over a folder whose last close saved the facts, with nothing changed
    /// since, loads the fact table read from that file and derives again only the customers
    /// whose facts time has changed (``SavedFacts``); the result is the same.
    ///
    /// - Returns: The segment changes announced.
    /// - Complexity: O(customers) store reads; with saved facts, O(customers) to set the
    ///   lifecycle stages and evaluate the segments, no store read but for expiring facts.
    @discardableResult
    public func start() async throws -> SegmentationReport {
        try await pricing.refresh()
        let saved = facts?.state.withLock { state in
            defer { state.saved = nil; state.started = true }
            return state.saved
        }
        if let saved, clock.now() >= saved.closedAt {
            var updated: [CustomerFacts] = []
            var removed: [CustomerID] = []
            for customer in saved.customers(expiringBy: clock.storedNow()) {
                if let fresh = try await facts(of: customer) { updated.append(fresh) } else { removed.append(customer) }
            }
            // The file's table becomes the loaded one (consumed: not copied when changed).
            let report = try await segmentation.load((consume saved).table, updating: updated, removing: removed)
            facts?.state.withLock { $0.usedSaved = true }
            return report
        }
        let count = try await stores.accounts.customerCount()
        return try await segmentation.load(EveryCustomerFacts(hub: self), expectedCount: count)
    }

    /// Whether ``start()`` loaded the facts the last clean ``close()`` saved, rather than
    /// deriving every customer's from the stores: worth a line in the host's start-up log.
    public var startedFromSavedFacts: Bool {
        facts?.state.withLock { $0.usedSaved } ?? false
    }

    /// Closes the stores the hub opened (``open(at:configuration:clock:ids:events:hasher:)``)
    /// after the writes in flight; a hub over the host's stores leaves them to the host.
    ///
    /// A hub over a folder that was started first derives every customer's facts from the
    /// stores (the time of one ``start()`` from the stores) and saves them in the folder's
    /// `facts.saved` for the next ``start()``, while it still holds the stores' locks. A
    /// write that lands meanwhile moves a store's change count, and the file is deleted
    /// again. Saving is best effort: when a store read or the write fails, no file is left
    /// and the next start derives every customer.
    public func close() async throws {
        guard let facts, facts.state.withLock({ $0.started }) else { return try await closer() }
        let path = facts.folder.appending(path: SavedFacts.fileName).path
        let stamp = SavedFacts.Stamp(configuration: configuration, accounts: facts.accounts, consent: facts.consent, profiles: facts.profiles)
        var every = EveryCustomerFacts(hub: self).makeAsyncIterator()
        do {
            try await SavedFacts.write(
                &every, schema: configuration.segmentSchema, expectedCount: try await stores.accounts.customerCount(), to: facts.folder,
                stamp: stamp, closedAt: clock.storedNow())
        } catch {
            try? StoreFile.remove(path)
        }
        do {
            try await closer()
        } catch {
            try? StoreFile.remove(path)
            throw error
        }
        // Closed: the counts are final. Facts derived while a write landed are not kept.
        let closed = SavedFacts.Stamp(configuration: configuration, accounts: facts.accounts, consent: facts.consent, profiles: facts.profiles)
        if closed != stamp { try? StoreFile.remove(path) }
    }
}
