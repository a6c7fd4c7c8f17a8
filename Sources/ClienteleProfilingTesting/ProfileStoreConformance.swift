public import ClienteleProfiling
public import ClienteleTestKitCore
import Foundation

/// The contract every ``ProfileStore`` must keep, as named checks a host runs against its
/// own adapter (framework-free; a fresh store per check):
///
/// ```swift
/// @Test(arguments: ProfileStoreConformance.checksWithoutReopen)
/// func conformance(_ check: ProfileStoreConformance.Check) async throws {
///     try await ProfileStoreConformance { try await MyPostgresProfileStore.fresh() }.run(check)
/// }
/// ```
public struct ProfileStoreConformance: ConformanceSuite {
    /// The checks.
    public enum Check: String, CaseIterable, Sendable {
        /// An unknown customer has no profile and no customer is listed.
        case unknownCustomerIsNil
        /// A saved profile comes back as `save` returned it, at revision 1, field by field: a
        /// plain one and ``ProfileFixtures/richProfile(of:)``; a second save from revision 1
        /// replaces it whole at revision 2.
        case saveReadsBack
        /// A save is refused with `profiling.conflict` and changes nothing when it expects
        /// revision 0 and one is stored, expects a revision other than the stored one, or
        /// expects a revision when none is stored.
        case staleSaveConflicts
        /// Of 20 concurrent saves from one revision (0, then 1) exactly one succeeds; the rest
        /// fail with `profiling.conflict` and the winner is what is stored.
        case concurrentSavesOneWins
        /// Customers are listed in byte order of the id (upper case before lower case), page
        /// by page, strictly after the cursor (also one that is not stored), without repeats.
        case customersArePaginatedInOrder
        /// A listing with a `limit` below 1 (0, -1, `Int.min`) fails with
        /// `profiling.invalidPageSize`, on an empty store and on one with profiles; 1 and
        /// `Int.max` (there is no maximum) are pages.
        case pageLimitOutOfRangeIsRefused
        /// Provenance, history, decline and prompt instants with sub-second parts (whole
        /// milliseconds, ``StoredInstant``) read back exactly.
        case instantsKeepMillisecondPrecision
        /// Erasing a customer removes the whole profile (no profile, not listed); another
        /// customer's profile stays exactly as it was.
        case erasureLeavesNothingBehind
        /// Erasing twice, or erasing an unknown customer, succeeds; the erased customer's old
        /// revision is refused and a new profile is saved from revision 0, with nothing of the
        /// old one (no old history, declines or prompts).
        case erasureIsRepeatable
        /// Everything saved is still there after the store is reopened, revisions included
        /// (reopen-capable stores only).
        case survivesReopen
        /// An erased customer stays erased after a reopen (reopen-capable stores only).
        case erasureSurvivesReopen
        /// `save(contentsOf:)` saves each profile on its own at its own revision: one result
        /// per profile, in order; a stale one fails alone with `conflict` and changes nothing,
        /// the others read back as returned.
        case batchSaveIsPerProfile
    }

    /// The factory and reopen closure the checks run against.
    public let stores: ConformanceStores<any ProfileStore>

    /// The checks that need `reopen`: ``Check/survivesReopen`` and ``Check/erasureSurvivesReopen``.
    public static let reopenChecks: Set<Check> = [.survivesReopen, .erasureSurvivesReopen]

    /// Creates the suite for an adapter type; the closures take and return that type, so
    /// `reopen` and `tearDown` need no downcast.
    ///
    /// - Parameters:
    ///   - makeStore: Makes a fresh, empty store for each check.
    ///   - reopen: For durable stores: closes the given store and opens its data again.
    ///     Without it, the ``reopenChecks`` are reported as skipped.
    ///   - tearDown: Called after every check, passed or failed, with the newest instance
    ///     of its store (the reopened one if the check reopened it): close it, drop its
    ///     temporary database or folder.
    public init<Adapter: ProfileStore>(
        makeStore: @escaping @Sendable () async throws -> Adapter,
        reopen: (@Sendable (Adapter) async throws -> Adapter)? = nil,
        tearDown: (@Sendable (Adapter) async throws -> Void)? = nil
    ) {
        self.stores = ConformanceStores(make: makeStore, reopen: reopen, tearDown: tearDown, erase: { $0 })
    }

    /// Runs the body of one check against `store`; hosts call ``ConformanceSuite/run(_:)``.
    ///
    /// - Throws: ``ConformanceFailure``, ``ConformanceSkipped``, or the store's error where the
    ///   contract allows the operation.
    public func run(_ check: Check, on store: any ProfileStore) async throws {
        switch check {
        case .unknownCustomerIsNil: try await unknownCustomerIsNil(store, check)
        case .saveReadsBack: try await saveReadsBack(store, check)
        case .staleSaveConflicts: try await staleSaveConflicts(store, check)
        case .concurrentSavesOneWins: try await concurrentSavesOneWins(store, check)
        case .customersArePaginatedInOrder: try await customersArePaginatedInOrder(store, check)
        case .pageLimitOutOfRangeIsRefused: try await pageLimitOutOfRangeIsRefused(store, check)
        case .instantsKeepMillisecondPrecision: try await instantsKeepMillisecondPrecision(store, check)
        case .erasureLeavesNothingBehind: try await erasureLeavesNothingBehind(store, check)
        case .erasureIsRepeatable: try await erasureIsRepeatable(store, check)
        case .survivesReopen: try await survivesReopen(store, check)
        case .erasureSurvivesReopen: try await erasureSurvivesReopen(store, check)
        case .batchSaveIsPerProfile: try await batchSaveIsPerProfile(store, check)
        }
    }

    // MARK: Checks

    private func batchSaveIsPerProfile(_ store: any ProfileStore, _ check: Check) async throws {
        let stored = try await store.save(ProfileFixtures.profile(of: alice, 1), expectedRevision: 0)
        var update = ProfileFixtures.richProfile(of: alice)
        update.revision = stored.revision
        var stale = ProfileFixtures.profile(of: alice, 3)
        stale.revision = 0
        let fresh = ProfileFixtures.profile(of: bob, 2)
        let results = try await store.save(contentsOf: [update, stale, fresh])
        var outcomes: [String] = []
        for result in results {
            switch result {
            case .success(let saved): outcomes.append("revision \(saved.revision)")
            case .failure(let error): outcomes.append(await errorOutcome(ProfilingErrorCode.self) { throw error }.description)
            }
        }
        let wanted = ["revision 2", ErrorOutcome<ProfilingErrorCode>.thrown(.conflict).description, "revision 1"]
        try require(outcomes == wanted, check, expected: "\(wanted)", actual: "\(outcomes)")
        try requireSame(expected(update, revision: 2), try await store.profile(of: alice), check, "the updated profile read back (the stale one refused)")
        try requireSame(expected(fresh, revision: 1), try await store.profile(of: bob), check, "the new profile read back")
    }

    private func unknownCustomerIsNil(_ store: any ProfileStore, _ check: Check) async throws {
        let profile = try await store.profile(of: alice)
        try require(profile == nil, check, expected: "no profile for an unknown customer", actual: "a profile")
        let listed = try await store.customers(after: nil, limit: 10)
        try require(listed.isEmpty, check, expected: "no customers listed", actual: "\(listed)")
    }

    private func saveReadsBack(_ store: any ProfileStore, _ check: Check) async throws {
        let plain = ProfileFixtures.profile(of: alice, 1)
        let saved = try await store.save(plain, expectedRevision: 0)
        try requireSame(expected(plain, revision: 1), saved, check, "the plain profile as save returned it")
        try requireSame(saved, try await store.profile(of: alice), check, "the plain profile read back")
        let rich = ProfileFixtures.richProfile(of: bob)
        let savedRich = try await store.save(rich, expectedRevision: 0)
        try requireSame(expected(rich, revision: 1), savedRich, check, "the rich profile as save returned it")
        try requireSame(savedRich, try await store.profile(of: bob), check, "the rich profile read back")
        let replacement = ProfileFixtures.profile(of: bob, 2)
        let replaced = try await store.save(replacement, expectedRevision: 1)
        try requireSame(expected(replacement, revision: 2), replaced, check, "the replacing profile as save returned it")
        try requireSame(replaced, try await store.profile(of: bob), check, "the replacing profile read back whole (nothing of the rich one kept)")
        try requireSame(saved, try await store.profile(of: alice), check, "the other customer's profile unchanged")
    }

    private func staleSaveConflicts(_ store: any ProfileStore, _ check: Check) async throws {
        try await requireConflict(check, "a save expecting revision 1 when none is stored") {
            _ = try await store.save(ProfileFixtures.profile(of: alice, 1), expectedRevision: 1)
        }
        let none = try await store.profile(of: alice)
        try require(none == nil, check, expected: "no profile after the refused save", actual: "a profile")
        let first = try await store.save(ProfileFixtures.profile(of: alice, 1), expectedRevision: 0)
        let second = try await store.save(ProfileFixtures.richProfile(of: alice), expectedRevision: 1)
        for expectedRevision in [0, 1, 3, 7] {
            try await requireConflict(check, "a save expecting revision \(expectedRevision) when 2 is stored") {
                _ = try await store.save(ProfileFixtures.profile(of: alice, 9), expectedRevision: expectedRevision)
            }
        }
        try requireSame(second, try await store.profile(of: alice), check, "the profile at revision 2 unchanged by the refused saves")
        try require(first.revision == 1 && second.revision == 2, check, expected: "revisions 1 and 2", actual: "\(first.revision) and \(second.revision)")
    }

    private func concurrentSavesOneWins(_ store: any ProfileStore, _ check: Check) async throws {
        for expectedRevision in [0, 1] {
            let contenders = 20
            let outcomes = await withTaskGroup(of: (Int, ErrorOutcome<ProfilingErrorCode>).self) { group in
                for index in 0..<contenders {
                    let profile = ProfileFixtures.profile(of: alice, 100 * (expectedRevision + 1) + index)
                    group.addTask {
                        (index, await ErrorOutcome<ProfilingErrorCode>.of { _ = try await store.save(profile, expectedRevision: expectedRevision) })
                    }
                }
                var outcomes: [(Int, ErrorOutcome<ProfilingErrorCode>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let winners = outcomes.filter { $0.1 == .succeeded }.map(\.0)
            try require(
                winners.count == 1, check, expected: "exactly 1 of \(contenders) saves from revision \(expectedRevision) to succeed",
                actual: "\(winners.count) succeeded")
            let others = Set(outcomes.filter { $0.1 != .succeeded }.map(\.1.description))
            try require(
                others == [ProfilingErrorCode.conflict.rawValue], check, expected: "the other saves to fail with profiling.conflict",
                actual: "\(others.sorted())")
            let winner = ProfileFixtures.profile(of: alice, 100 * (expectedRevision + 1) + winners[0])
            try requireSame(
                expected(winner, revision: expectedRevision + 1), try await store.profile(of: alice), check,
                "the winning save stored at revision \(expectedRevision + 1)")
        }
    }

    private func customersArePaginatedInOrder(_ store: any ProfileStore, _ check: Check) async throws {
        let ids = Self.pagingNames.map(ProfileFixtures.customerID)
        for (index, id) in ids.enumerated() { _ = try await store.save(ProfileFixtures.profile(of: id, index), expectedRevision: 0) }
        // "Z" is not stored: between "Ca" and "Zed".
        try await requireByteOrderPaging(of: ids, after: ProfileFixtures.customerID("Z"), check) { after, limit in
            try await store.customers(after: after, limit: limit)
        }
    }

    private func pageLimitOutOfRangeIsRefused(_ store: any ProfileStore, _ check: Check) async throws {
        for stored in [false, true] {
            if stored { _ = try await store.save(ProfileFixtures.profile(of: alice), expectedRevision: 0) }
            for limit in [0, -1, Int.min] {
                let outcome = await errorOutcome(ProfilingErrorCode.self) { _ = try await store.customers(after: nil, limit: limit) }
                try require(
                    outcome == .invalidPageSize, check,
                    expected: "a limit of \(limit) to fail with profiling.invalidPageSize\(stored ? "" : " on an empty store")",
                    actual: outcome == .succeeded ? "a page" : "\(outcome)")
            }
        }
        let one = try await store.customers(after: nil, limit: 1)
        try require(one == [alice], check, expected: "a limit of 1 to list the one customer", actual: "\(one.count) customers")
        let unlimited = try await store.customers(after: nil, limit: Int.max)
        try require(unlimited == [alice], check, expected: "a limit of Int.max to list the one customer", actual: "\(unlimited.count) customers")
    }

    private func instantsKeepMillisecondPrecision(_ store: any ProfileStore, _ check: Check) async throws {
        let instants = [ProfileFixtures.instant(1), ProfileFixtures.instant(999), ProfileFixtures.instant(1_001), ProfileFixtures.instant(59_999)]
        let profile = CustomerProfile(
            customer: alice,
            entries: [
                ProfileEntry(field: "a", value: .boolean(true), provenance: Provenance(source: .customer, collectionPoint: "p", at: instants[0])),
                ProfileEntry(field: "b", value: .boolean(true), provenance: Provenance(source: .customer, collectionPoint: "p", at: instants[1])),
            ],
            history: [ProfileChange(field: "a", oldValue: nil, newValue: .boolean(true), provenance: Provenance(source: .shop, collectionPoint: "p", at: instants[2]))],
            declines: [FieldDecline(field: "c", at: instants[3])],
            prompts: instants)
        let saved = try await store.save(profile, expectedRevision: 0)
        let read = try await store.profile(of: alice)
        let times = read.map { read in
            read.entries.map(\.provenance.at) + read.history.map(\.provenance.at) + read.declines.map(\.at) + read.prompts
        }
        let written = saved.entries.map(\.provenance.at) + saved.history.map(\.provenance.at) + saved.declines.map(\.at) + saved.prompts
        try require(
            times == written, check, expected: "instants at 0.001, 0.999, 1.001 and 59.999 s read back exactly",
            actual: "\(times.map { $0.map(offset) } ?? ["no profile"])")
    }

    // MARK: Erasure

    /// Saves Alice (the rich profile, then updated once) to erase and Bob to keep.
    private func storeErasureFixture(_ store: any ProfileStore) async throws -> (aliceRevision: Int, bob: CustomerProfile) {
        _ = try await store.save(ProfileFixtures.richProfile(of: alice), expectedRevision: 0)
        let alice = try await store.save(ProfileFixtures.richProfile(of: alice), expectedRevision: 1)
        let bob = try await store.save(ProfileFixtures.richProfile(of: bob), expectedRevision: 0)
        return (alice.revision, bob)
    }

    /// Fails `check` when `store` still holds anything of Alice's, or lost anything of Bob's.
    private func requireOnlyAliceErased(_ store: any ProfileStore, _ bobProfile: CustomerProfile, _ check: Check, _ when: String) async throws {
        let profile = try await store.profile(of: alice)
        try require(profile == nil, check, expected: "no profile \(when)", actual: "a profile")
        let listed = try await store.customers(after: nil, limit: 10)
        try require(listed == [bob], check, expected: "only the other customer listed \(when)", actual: "\(listed.map(\.rawValue))")
        try requireSame(bobProfile, try await store.profile(of: bob), check, "the other customer's profile \(when)")
    }

    private func erasureLeavesNothingBehind(_ store: any ProfileStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        try await requireOnlyAliceErased(store, fixture.bob, check, "after erasure")
    }

    private func erasureIsRepeatable(_ store: any ProfileStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        let again = await errorOutcome(ProfilingErrorCode.self) { try await store.erase(customer: alice) }
        try require(again == .succeeded, check, expected: "a second erasure of the same customer to succeed", actual: again.description)
        let unknown = await errorOutcome(ProfilingErrorCode.self) { try await store.erase(customer: ProfileFixtures.customerID("conformance-nobody")) }
        try require(unknown == .succeeded, check, expected: "erasing an unknown customer to succeed", actual: unknown.description)
        try await requireOnlyAliceErased(store, fixture.bob, check, "after erasing twice")
        try await requireConflict(check, "a save at the erased profile's old revision \(fixture.aliceRevision)") {
            _ = try await store.save(ProfileFixtures.profile(of: alice, 5), expectedRevision: fixture.aliceRevision)
        }
        let fresh = ProfileFixtures.profile(of: alice, 6)
        let saved = try await store.save(fresh, expectedRevision: 0)
        try requireSame(expected(fresh, revision: 1), saved, check, "a new profile saved from revision 0 after erasure")
        try requireSame(saved, try await store.profile(of: alice), check, "the new profile read back with nothing of the erased one")
    }

    private func survivesReopen(_ store: any ProfileStore, _ check: Check) async throws {
        let plain = try await store.save(ProfileFixtures.profile(of: alice, 1), expectedRevision: 0)
        _ = try await store.save(ProfileFixtures.profile(of: bob, 2), expectedRevision: 0)
        let rich = try await store.save(ProfileFixtures.richProfile(of: bob), expectedRevision: 1)
        let reopened = try await reopen(store, for: check)
        try requireSame(plain, try await reopened.profile(of: alice), check, "the plain profile after reopening")
        try requireSame(rich, try await reopened.profile(of: bob), check, "the rich profile at revision 2 after reopening")
        let listed = try await reopened.customers(after: nil, limit: 10)
        try require(listed == [alice, bob], check, expected: "both customers listed after reopening", actual: "\(listed.map(\.rawValue))")
        try await requireConflict(check, "a save at a stale revision after reopening") {
            _ = try await reopened.save(ProfileFixtures.profile(of: bob, 3), expectedRevision: 1)
        }
        let next = try await reopened.save(ProfileFixtures.profile(of: bob, 4), expectedRevision: 2)
        try require(next.revision == 3, check, expected: "a save from revision 2 after reopening to store revision 3", actual: "\(next.revision)")
    }

    private func erasureSurvivesReopen(_ store: any ProfileStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        let reopened = try await reopen(store, for: check)
        try await requireOnlyAliceErased(reopened, fixture.bob, check, "after erasure and reopen")
        _ = try await reopened.save(ProfileFixtures.profile(of: alice, 7), expectedRevision: 0)
    }

    // MARK: Helpers

    private let alice = ProfileFixtures.customerID("conformance-alice")
    private let bob = ProfileFixtures.customerID("conformance-bob")

    /// `profile` as a store returns it after saving at `revision`.
    private func expected(_ profile: CustomerProfile, revision: Int) -> CustomerProfile {
        var profile = profile
        profile.revision = revision
        return profile
    }

    /// Fails unless `actual` is `expected` in every field, naming the fields that differ.
    private func requireSame(_ expected: CustomerProfile, _ actual: CustomerProfile?, _ check: Check, _ what: String, line: UInt = #line) throws {
        guard let actual else {
            try require(false, check, expected: what, actual: "no profile", line: line)
            return
        }
        let differences = ProfileFixtures.differences(between: expected, and: actual)
        try require(differences.isEmpty, check, expected: "\(what) equal in every field", actual: "it differs in \(differences)", line: line)
    }

    /// `date` as seconds after ``ProfileFixtures/start`` with its milliseconds, for failure messages.
    private func offset(_ date: Date) -> String {
        String(format: "%.3f s", date.timeIntervalSince(ProfileFixtures.start))
    }

    private func requireConflict(_ check: Check, _ what: String, _ body: () async throws -> Void) async throws {
        let outcome = await errorOutcome(ProfilingErrorCode.self, of: body)
        try require(
            outcome == .conflict, check, expected: "\(what) to fail with profiling.conflict",
            actual: outcome == .succeeded ? "it succeeded" : "it failed with \(outcome)")
    }
}
