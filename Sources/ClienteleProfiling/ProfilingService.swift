import Foundation

/// The profiling API a shop calls: which questions to ask now, storing answers with their
/// provenance, self-service edits, completeness, and what consent and erasure require.
///
/// ```swift
/// let profiling = ProfilingService(
///     store: ReferenceProfileStore.inMemory(), catalog: catalog, consent: consentBridge)
/// let questions = try await profiling.nextQuestions(for: customer, at: .registrationStep2, limit: 3)
/// let report = try await profiling.submit([birthDate: .value(.date(day))], for: customer, at: .registrationStep2)
/// if !report.isValid { /* show report.errors next to their fields */ }
/// ```
///
/// Making the service does no I/O and cannot fail: the catalog and configuration are
/// checked when they are made. Every write reads the profile, changes it with one of the
/// pure changes of ``CustomerProfile`` and saves it with the revision it read; a
/// ``ProfilingErrorCode/conflict`` (another request changed the profile meanwhile) is
/// retried from a fresh read, at most ``ProfilingConfiguration/maximumConflictAttempts``
/// times.
///
/// Events (on `events`, with the customer): `profiling.answered` (attributes `moment`,
/// `values` and `declines`, the counts stored), `profiling.edited` (`field`),
/// `profiling.purged` (`purpose`) and `profiling.erased`. No value is ever in an event.
public struct ProfilingService: Sendable {
    /// Where profiles live.
    public let store: any ProfileStore
    /// The source of "now" for provenance, declines, prompts and date rules.
    public let clock: any WallClock
    /// Makes identifiers (profiling makes none yet; held so every service is made alike).
    public let ids: IDGenerator
    /// Receives profiling events, when given.
    public let events: EventBroadcaster?
    /// History length, prompt cap, conflict bound.
    public let configuration: ProfilingConfiguration
    /// The fields the shop asks for.
    public let catalog: FieldCatalog
    /// Which consent purposes a customer holds.
    public let consent: any ProfilingConsent
    /// The selection rule over ``catalog`` with the configuration's prompt cap.
    let selection: QuestionSelection
    /// The purposes the catalog's fields serve, asked of ``consent``.
    let gatedPurposes: Set<String>

    /// Creates the service. It does no I/O.
    ///
    /// - Parameters:
    ///   - store: Where profiles live.
    ///   - clock: The source of "now"; a `ManualClock` in tests.
    ///   - ids: Identifier generator.
    ///   - events: Where to announce changes, if anywhere.
    ///   - configuration: History length, prompt cap, conflict bound.
    ///   - catalog: The fields the shop asks for.
    ///   - consent: Which purposes a customer holds; ``NoConsentGating`` when no field
    ///     names a purpose.
    public init(
        store: any ProfileStore,
        clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random,
        events: EventBroadcaster? = nil,
        configuration: ProfilingConfiguration = .init(),
        catalog: FieldCatalog,
        consent: any ProfilingConsent = NoConsentGating()
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.events = events
        self.configuration = configuration
        self.catalog = catalog
        self.consent = consent
        self.selection = QuestionSelection(catalog: catalog, configuration: configuration)
        self.gatedPurposes = Set(catalog.purposes)
    }

    /// The customer's profile; an empty one (revision 0) when nothing is stored yet.
    public func profile(of customer: CustomerID) async throws -> CustomerProfile {
        try await store.profile(of: customer) ?? CustomerProfile(customer: customer)
    }

    /// The catalog purposes `customer` holds at `instant`; no call when no field is gated.
    func heldPurposes(of customer: CustomerID, at instant: Date) async throws -> Set<String> {
        guard !gatedPurposes.isEmpty else { return [] }
        return try await consent.heldPurposes(of: customer, among: gatedPurposes, at: instant).intersection(gatedPurposes)
    }

    /// Reads the profile, applies `change` and saves the result with the revision read,
    /// retrying from a fresh read on a conflict. Saves nothing when `change` leaves the
    /// profile as it was.
    ///
    /// - Returns: The profile as stored afterwards and what `change` returned.
    func modify<Result: Sendable>(
        _ customer: CustomerID, _ change: (inout CustomerProfile) throws -> Result
    ) async throws -> (profile: CustomerProfile, result: Result) {
        try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
            let stored = try await profile(of: customer)
            var changed = stored
            let result = try change(&changed)
            guard changed != stored else { return (stored, result) }
            return (try await store.save(changed, expectedRevision: stored.revision), result)
        }
    }

    static func isConflict(_ error: any Error) -> Bool {
        (error as? ProfilingError)?.code == .conflict
    }

    func emit(_ name: String, _ customer: CustomerID, at instant: Date, _ attributes: [String: String] = [:]) {
        events?.emit(ClienteleEvent(name: "profiling.\(name)", customer: customer, at: instant, attributes: attributes))
    }
}
