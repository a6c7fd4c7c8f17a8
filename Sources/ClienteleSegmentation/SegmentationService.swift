import Foundation

/// The segmentation API a shop calls: define segments, keep every customer's memberships
/// and lifecycle stage up to date as facts change and days pass, explain a membership, and
/// find the triggers that are due, each exactly once.
///
/// ```swift
/// let store = try await ReferenceSegmentStore.open(folder: folder)
/// let segmentation = SegmentationService(store: store, schema: schema)
/// _ = try await segmentation.load(allCustomerFacts)                    // at start-up
/// _ = try await segmentation.define("lapsed_vip", query: "groups CONTAINS 'vip' AND last_order_date < -365d")
/// let report = try await segmentation.update(factsAfterTheOrder)      // entered / exited, lifecycle
/// let vip = segmentation.contains(customer, in: "lapsed_vip")         // in memory, no I/O
/// for occurrence in try await segmentation.dueTriggers() { hand(occurrence) }
/// ```
///
/// **Where things live.** Facts are held in memory, in a ``FactTable`` (they are derived
/// from the other modules, so nothing is lost with the process; ``load(_:)`` rebuilds
/// them). The ``SegmentStore`` holds the definitions, the members last reported for each
/// segment, and the fired trigger keys. The in-memory evaluation is the truth; the stored
/// members are what has been announced. ``load(_:)`` compares the two, so a restart
/// announces only real entries and exits, and a store write that failed is made good by
/// the next write of the service.
///
/// **Order and races.** Writes (definitions, facts, refreshes, erasures) run one at a time
/// within a service, so the store receives membership changes in the order they were
/// evaluated; reads (``contains(_:in:)``, ``segments(of:)``, ``members(of:)``) never wait
/// for them. Across processes the store decides: a membership change that no longer matches
/// the stored members is refused (``SegmentationErrorCode/conflict``) and the service then
/// compares the whole segment with the store; a trigger key is claimed by one caller only.
///
/// **Lifecycle.** The service sets each customer's `lifecycleStage` from
/// ``SegmentationConfiguration/lifecycle`` (whatever the facts passed in say), so
/// `lifecycle_stage` queries and the transitions it reports agree.
///
/// Events (on `events`): `segmentation.entered` and `segmentation.exited` (customer,
/// attribute `segment`), `segmentation.lifecycle` (customer, `from`, `to`),
/// `segmentation.defined` (`segment`, `revision`), `segmentation.removed` (`segment`),
/// `segmentation.triggered` (customer, `kind`, `key`, `category`) and `segmentation.erased`
/// (customer). No fact value is ever in an event.
public struct SegmentationService: Sendable {
    /// Where definitions, members and fired trigger keys live.
    public let store: any SegmentStore
    /// The source of "now" for relative dates, lifecycle stages and triggers.
    public let clock: any WallClock
    /// Makes identifiers (segmentation makes none; held so every service is made alike).
    public let ids: IDGenerator
    /// Receives segmentation events, when given.
    public let events: EventBroadcaster?
    /// Lifecycle thresholds, triggers, store bounds.
    public let configuration: SegmentationConfiguration
    /// The shop currency and the profile fields and consent purposes queries may name.
    public let schema: SegmentSchema

    /// The evaluated memberships and what the service knows about the store.
    let live: Locked<Live>
    /// Lets one write through at a time (one key: the service).
    let writes = KeyedGate<Int>()

    struct Live: Sendable {
        /// Facts, evaluators and members.
        var memberships: SegmentMemberships
        /// The stored revision of each segment in ``memberships``.
        var revisions: [String: Int] = [:]
        /// Stored definitions that do not compile under ``schema``, with the reason.
        var unusable: [String: SegmentationError] = [:]
        /// Segments whose stored members may differ from ``memberships`` (a store write
        /// failed): compared with the store before the next write.
        var unsettled: Set<String> = []
    }

    /// Creates the service with no facts and no segments loaded. It does no I/O; call
    /// ``load(_:)`` before the first write.
    ///
    /// Copies of the service share its loaded facts and segments.
    ///
    /// - Parameters:
    ///   - store: Where definitions, members and fired trigger keys live.
    ///   - clock: The source of "now"; a `ManualClock` in tests.
    ///   - ids: Identifier generator.
    ///   - events: Where to announce changes, if anywhere.
    ///   - configuration: Lifecycle, triggers, store bounds.
    ///   - schema: What queries may name; stored definitions are compiled under it.
    public init(
        store: any SegmentStore,
        clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random,
        events: EventBroadcaster? = nil,
        configuration: SegmentationConfiguration = SegmentationConfiguration(),
        schema: SegmentSchema
    ) {
        self.store = store
        self.schema = schema
        self.clock = clock
        self.ids = ids
        self.events = events
        self.configuration = configuration
        self.live = Locked(Live(memberships: SegmentMemberships(table: FactTable(schema: schema))))
    }

    // MARK: Reads (in memory, no I/O)

    /// Whether `customer` is in segment `name` now (as last evaluated).
    public func contains(_ customer: CustomerID, in name: String) -> Bool {
        live.withLock { $0.memberships.contains(customer, in: name) }
    }

    /// The segments `customer` is in, in name order: what Pricing's `CustomerContext`
    /// takes as `segments`.
    ///
    /// - Complexity: O(segments).
    public func segments(of customer: CustomerID) -> [String] {
        live.withLock { $0.memberships.segments(containing: customer) }
    }

    /// The members of segment `name`, in the order customers were first loaded; empty for
    /// an unknown segment.
    public func members(of name: String) -> [CustomerID] {
        live.withLock { $0.memberships.customers(in: name) }
    }

    /// The customer's facts as the service holds them (dates at UTC-day granularity, the
    /// lifecycle stage set), or `nil` for a customer it does not know.
    public func facts(of customer: CustomerID) -> CustomerFacts? {
        live.withLock { live in
            live.memberships.table.row(of: customer).flatMap { live.memberships.table.facts(at: $0) }
        }
    }

    /// Stored definitions that do not compile under ``schema`` (a profile field was
    /// dropped from the catalog, say), by name, with the compiler's error. They are not
    /// evaluated and their stored members are left alone until they are defined again.
    public var unusableDefinitions: [String: SegmentationError] {
        live.withLock { $0.unusable }
    }

    /// Why `customer` is or is not in segment `name`: each predicate's truth value and
    /// reason, at now.
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment`` for a segment that is not loaded.
    public func explain(_ name: String, for customer: CustomerID) throws(SegmentationError) -> SegmentExplanation {
        let (evaluator, facts) = live.withLock { live in
            (live.memberships.evaluator(named: name), live.memberships.table.row(of: customer).flatMap { live.memberships.table.facts(at: $0) })
        }
        guard let evaluator else {
            throw SegmentationError(.unknownSegment, "No segment named \(name) is loaded.", context: ErrorContext(field: "segment", item: name))
        }
        return evaluator.explain(facts ?? CustomerFacts(customer: customer, createdAt: Date(timeIntervalSince1970: 0)), at: clock.now())
    }

    // MARK: Helpers

    /// The lifecycle stage the service stores in `facts`.
    func staged(_ facts: CustomerFacts, at instant: Date) -> CustomerFacts {
        var staged = facts
        staged.lifecycleStage = configuration.lifecycle.stage(of: facts, at: instant).rawValue
        return staged
    }

    static func isConflict(_ error: any Error) -> Bool {
        (error as? SegmentationError)?.code == .conflict
    }

    func emit(_ name: String, _ customer: CustomerID?, at instant: Date, _ attributes: [String: String] = [:]) {
        events?.emit(ClienteleEvent(name: "segmentation.\(name)", customer: customer, at: instant, attributes: attributes))
    }

    func announce(_ report: SegmentationReport, at instant: Date) {
        guard events != nil else { return }
        for change in report.changes {
            emit(change.kind.rawValue, change.customer, at: instant, ["segment": change.segment])
        }
        for transition in report.transitions {
            emit("lifecycle", transition.customer, at: instant, ["from": transition.from?.rawValue ?? "none", "to": transition.to.rawValue])
        }
    }
}
