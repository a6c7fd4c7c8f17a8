public import ClienteleSegmentation
public import ClienteleTestKitCore
import Foundation

/// The contract every ``SegmentStore`` must keep, as named checks a host runs against its
/// own adapter (framework-free; a fresh store per check):
///
/// ```swift
/// @Test(arguments: SegmentStoreConformance.checksWithoutReopen)
/// func conformance(_ check: SegmentStoreConformance.Check) async throws {
///     try await SegmentStoreConformance { try await MyPostgresSegmentStore.fresh() }.run(check)
/// }
/// ```
public struct SegmentStoreConformance: ConformanceSuite {
    /// The checks.
    public enum Check: String, CaseIterable, Sendable {
        /// An empty store has no definitions; an unknown segment has no definition, its
        /// members and a change to it fail with `segmentation.unknownSegment`; a customer is
        /// in no segment and has no fired keys.
        case unknownSegmentIsNil
        /// A saved definition comes back as `save` returned it, at revision 1 whatever
        /// revision it carried, field by field (a long non-ASCII query, `updatedAt` to the
        /// millisecond); a second save from revision 1 replaces the query at revision 2;
        /// `definitions()` lists them in byte order of the name (`-` `.` digits `_` letters).
        case saveReadsBack
        /// A save is refused with `segmentation.conflict` and changes nothing when it expects
        /// a revision when none is stored, revision 0 when one is stored, another revision
        /// than the stored one, or a revision no store reaches (`-1`, `Int.max`).
        case staleSaveConflicts
        /// Of 20 concurrent saves from one revision (0, then 1) exactly one succeeds; the rest
        /// fail with `segmentation.conflict` and the winner is what is stored.
        case concurrentSavesOneWins
        /// Removing a definition takes its members with it (the segment is no longer listed
        /// for them, its members and changes fail with `segmentation.unknownSegment`); an
        /// unknown name fails with `segmentation.unknownSegment`, a stale revision with
        /// `segmentation.conflict` and nothing removed; a new definition of the same name
        /// starts at revision 1 with no members.
        case removeDefinitionTakesItsMembers
        /// Membership changes apply: entries and exits, an empty change, a customer who
        /// leaves and enters again; `segments(of:)` lists a customer's segments in byte
        /// order of the name.
        case membershipDeltasApply
        /// Members are listed in byte order of the id (upper case before lower case), page by
        /// page, strictly after the cursor (also one that is not a member), without repeats;
        /// a `limit` of `Int.max` lists them all.
        case membersArePaginatedInOrder
        /// A change is refused with `segmentation.conflict` and changes nothing when it is
        /// applied a second time, was computed for another revision, enters a member, exits
        /// a non-member, or names a customer both ways; also when only one of several
        /// customers is stale (no customer of the change is applied). An unknown segment
        /// fails with `segmentation.unknownSegment`.
        case staleDeltaConflicts
        /// Of 20 concurrent identical changes (an entry, then an exit) exactly one succeeds;
        /// the rest fail with `segmentation.conflict`.
        case concurrentDeltasOneWins
        /// Saving a new revision of a definition keeps its members; changes for the old
        /// revision are refused, changes for the new one apply.
        case redefinitionKeepsMembers
        /// Fired trigger keys are recorded per customer and read back exactly (non-ASCII
        /// ones too); a call naming any key already fired fails with `segmentation.conflict`
        /// and records none of its keys; an empty set succeeds; an empty key or one over
        /// ``SegmentStoreLimits/maximumTriggerKeyLength`` bytes fails with
        /// `segmentation.invalidTriggerKey` and records nothing, and a key of exactly that
        /// many bytes (fewer characters) is accepted.
        case firedKeysClaimOnce
        /// Of 20 concurrent claims of one key exactly one succeeds; of 20 concurrent claims
        /// overlapping in one key, exactly one, and only the winner's keys are recorded.
        case concurrentClaimsOneWins
        /// A member listing with a `limit` below 1 (0, -1, `Int.min`) fails with
        /// `segmentation.invalidPageSize`, for an empty segment and one with members; 1 and
        /// `Int.max` (there is no maximum) are pages.
        case pageLimitOutOfRangeIsRefused
        /// Erasing a customer removes it from every segment (members and `segments(of:)`)
        /// and forgets its fired keys; other customers' memberships and fired keys (the same
        /// keys included) and the definitions stay exactly as they were.
        case erasureLeavesNothingBehind
        /// Erasing twice, or erasing an unknown customer, succeeds; afterwards the erased
        /// customer can enter its segments again and its old trigger keys can be claimed
        /// again (nothing of it left to conflict with).
        case erasureIsRepeatable
        /// Definitions (revisions and instants), members and fired keys are all still there
        /// after the store is reopened, and the conflict rules hold on them
        /// (reopen-capable stores only).
        case survivesReopen
        /// An erased customer stays erased after a reopen (reopen-capable stores only).
        case erasureSurvivesReopen
    }

    /// The factory and reopen closure the checks run against.
    public let stores: ConformanceStores<any SegmentStore>

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
    public init<Adapter: SegmentStore>(
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
    public func run(_ check: Check, on store: any SegmentStore) async throws {
        switch check {
        case .unknownSegmentIsNil: try await unknownSegmentIsNil(store, check)
        case .saveReadsBack: try await saveReadsBack(store, check)
        case .staleSaveConflicts: try await staleSaveConflicts(store, check)
        case .concurrentSavesOneWins: try await concurrentSavesOneWins(store, check)
        case .removeDefinitionTakesItsMembers: try await removeDefinitionTakesItsMembers(store, check)
        case .membershipDeltasApply: try await membershipDeltasApply(store, check)
        case .membersArePaginatedInOrder: try await membersArePaginatedInOrder(store, check)
        case .staleDeltaConflicts: try await staleDeltaConflicts(store, check)
        case .concurrentDeltasOneWins: try await concurrentDeltasOneWins(store, check)
        case .redefinitionKeepsMembers: try await redefinitionKeepsMembers(store, check)
        case .firedKeysClaimOnce: try await firedKeysClaimOnce(store, check)
        case .concurrentClaimsOneWins: try await concurrentClaimsOneWins(store, check)
        case .pageLimitOutOfRangeIsRefused: try await pageLimitOutOfRangeIsRefused(store, check)
        case .erasureLeavesNothingBehind: try await erasureLeavesNothingBehind(store, check)
        case .erasureIsRepeatable: try await erasureIsRepeatable(store, check)
        case .survivesReopen: try await survivesReopen(store, check)
        case .erasureSurvivesReopen: try await erasureSurvivesReopen(store, check)
        }
    }

    // MARK: Definitions

    private func unknownSegmentIsNil(_ store: any SegmentStore, _ check: Check) async throws {
        let all = try await store.definitions()
        try require(all.isEmpty, check, expected: "no definitions in an empty store", actual: "\(all.map(\.name))")
        let none = try await store.definition(named: "conformance-none")
        try require(none == nil, check, expected: "no definition for an unknown name", actual: "\(none.map(\.description) ?? "")")
        try await requireOutcome(.unknownSegment, check, "listing the members of an unknown segment") {
            _ = try await store.members(of: "conformance-none", after: nil, limit: 10)
        }
        try await requireOutcome(.unknownSegment, check, "a change to an unknown segment") {
            try await store.record(SegmentMembershipDelta(segment: "conformance-none", definitionRevision: 1, entered: [alice], exited: [CustomerID]()))
        }
        try await requireOutcome(.unknownSegment, check, "removing an unknown segment") {
            try await store.removeDefinition(named: "conformance-none", expectedRevision: 1)
        }
        let segments = try await store.segments(of: alice)
        try require(segments.isEmpty, check, expected: "an unknown customer in no segment", actual: "\(segments)")
        let fired = try await store.firedKeys(of: alice)
        try require(fired.isEmpty, check, expected: "no fired keys for an unknown customer", actual: "\(fired.count) keys")
    }

    private func saveReadsBack(_ store: any SegmentStore, _ check: Check) async throws {
        var rich = try SegmentFixtures.definition("lapsed_vip", query: SegmentFixtures.richQuery, at: 123)
        rich.revision = 5  // the store sets the revision, whatever the definition carries
        let saved = try await store.save(rich, expectedRevision: 0)
        try requireSame(revised(rich, 1), saved, check, "the definition as save returned it")
        try requireSame(saved, try await store.definition(named: "lapsed_vip"), check, "the definition read back")
        let replacement = try SegmentFixtures.definition("lapsed_vip", query: SegmentFixtures.plainQuery, at: 1_999)
        let replaced = try await store.save(replacement, expectedRevision: 1)
        try requireSame(revised(replacement, 2), replaced, check, "the replacing definition as save returned it")
        try requireSame(replaced, try await store.definition(named: "lapsed_vip"), check, "the replacing definition read back (query replaced)")
        // Byte order: '-' < '.' < digits < '_' < letters; a collation that ignores punctuation
        // or orders it otherwise lists these differently. Instants with sub-second parts.
        let names = ["b", "a_b", "a-b", "a0", "a.b", "ab", "a"]
        let milliseconds: [Int64] = [1, 999, 1_001, 59_999, 86_400_001, 7, 0]
        var stored: [String: SegmentDefinition] = ["lapsed_vip": replaced]
        for (name, at) in zip(names, milliseconds) {
            stored[name] = try await store.save(try SegmentFixtures.definition(name, at: at), expectedRevision: 0)
        }
        let listed = try await store.definitions()
        let order = SegmentFixtures.byteOrdered(Array(stored.keys))
        try require(
            listed.map(\.name) == order, check, expected: "definitions() in byte order of the name: \(order)",
            actual: "\(listed.map(\.name))")
        for definition in listed {
            guard let want = stored[definition.name] else { continue }
            try requireSame(want, definition, check, "\(definition.name) as definitions() lists it")
        }
    }

    private func staleSaveConflicts(_ store: any SegmentStore, _ check: Check) async throws {
        try await requireOutcome(.conflict, check, "a save expecting revision 1 when none is stored") {
            _ = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 1)
        }
        let none = try await store.definition(named: "vip")
        try require(none == nil, check, expected: "no definition after the refused save", actual: "revision \(none?.revision ?? 0)")
        let first = try await store.save(try SegmentFixtures.definition("vip", at: 1), expectedRevision: 0)
        try await requireOutcome(.conflict, check, "a second save from revision 0") {
            _ = try await store.save(try SegmentFixtures.definition("vip", query: "a = 1", at: 2), expectedRevision: 0)
        }
        let second = try await store.save(try SegmentFixtures.definition("vip", query: "b = 2", at: 3), expectedRevision: 1)
        for expectedRevision in [0, 1, 3, 7, -1, Int.max] {
            try await requireOutcome(.conflict, check, "a save expecting revision \(expectedRevision) when 2 is stored") {
                _ = try await store.save(try SegmentFixtures.definition("vip", query: "c = 3", at: 4), expectedRevision: expectedRevision)
            }
        }
        try requireSame(second, try await store.definition(named: "vip"), check, "the definition at revision 2 unchanged by the refused saves")
        try require(first.revision == 1 && second.revision == 2, check, expected: "revisions 1 and 2", actual: "\(first.revision) and \(second.revision)")
        let listed = try await store.definitions()
        try require(listed.map(\.name) == ["vip"], check, expected: "one definition listed", actual: "\(listed.map(\.name))")
    }

    private func concurrentSavesOneWins(_ store: any SegmentStore, _ check: Check) async throws {
        for expectedRevision in [0, 1] {
            let contenders = 20
            let outcomes = await withTaskGroup(of: (Int, ErrorOutcome<SegmentationErrorCode>).self) { group in
                for index in 0..<contenders {
                    group.addTask {
                        (index, await ErrorOutcome<SegmentationErrorCode>.of {
                            _ = try await store.save(try contender(expectedRevision, index), expectedRevision: expectedRevision)
                        })
                    }
                }
                var outcomes: [(Int, ErrorOutcome<SegmentationErrorCode>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let winners = outcomes.filter { $0.1 == .succeeded }.map(\.0)
            try require(
                winners.count == 1, check, expected: "exactly 1 of \(contenders) saves from revision \(expectedRevision) to succeed",
                actual: "\(winners.count) succeeded")
            let others = Set(outcomes.filter { $0.1 != .succeeded }.map(\.1.description))
            try require(
                others == [SegmentationErrorCode.conflict.rawValue], check, expected: "the other saves to fail with segmentation.conflict",
                actual: "\(others.sorted())")
            try requireSame(
                revised(try contender(expectedRevision, winners[0]), expectedRevision + 1), try await store.definition(named: "vip"), check,
                "the winning save stored at revision \(expectedRevision + 1)")
        }
    }

    /// Contender `index` of the concurrent saves from `expectedRevision`.
    private func contender(_ expectedRevision: Int, _ index: Int) throws -> SegmentDefinition {
        try SegmentFixtures.definition("vip", query: "number_of_orders >= \(100 * expectedRevision + index)", at: Int64(index))
    }

    private func removeDefinitionTakesItsMembers(_ store: any SegmentStore, _ check: Check) async throws {
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        let other = try await store.save(try SegmentFixtures.definition("other"), expectedRevision: 0)
        try await store.record(SegmentFixtures.delta(vip, entered: [alice, bob]))
        try await store.record(SegmentFixtures.delta(other, entered: [alice]))
        for expectedRevision in [0, 2] {
            try await requireOutcome(.conflict, check, "removing revision 1 expecting revision \(expectedRevision)") {
                try await store.removeDefinition(named: "vip", expectedRevision: expectedRevision)
            }
        }
        try requireSame(vip, try await store.definition(named: "vip"), check, "the definition after the refused removals")
        try await requireMembers(store, "vip", [alice, bob], check, "after the refused removals")
        try await store.removeDefinition(named: "vip", expectedRevision: 1)
        let gone = try await store.definition(named: "vip")
        try require(gone == nil, check, expected: "no definition after removal", actual: "revision \(gone?.revision ?? 0)")
        let listed = try await store.definitions()
        try require(listed.map(\.name) == ["other"], check, expected: "only the other definition listed", actual: "\(listed.map(\.name))")
        try await requireOutcome(.unknownSegment, check, "listing the members of a removed segment") {
            _ = try await store.members(of: "vip", after: nil, limit: 10)
        }
        try await requireSegments(store, alice, ["other"], check, "after the removal")
        try await requireSegments(store, bob, [], check, "after the removal")
        try await requireMembers(store, "other", [alice], check, "after removing another segment")
        try await requireOutcome(.unknownSegment, check, "removing a removed segment") {
            try await store.removeDefinition(named: "vip", expectedRevision: 1)
        }
        try await requireOutcome(.unknownSegment, check, "a change to a removed segment") {
            try await store.record(SegmentFixtures.delta(vip, exited: [alice]))
        }
        let again = try await store.save(try SegmentFixtures.definition("vip", query: "a = 1", at: 5), expectedRevision: 0)
        try require(again.revision == 1, check, expected: "a new definition of a removed name at revision 1", actual: "revision \(again.revision)")
        try await requireMembers(store, "vip", [], check, "of a new definition with a removed one's name")
        try await requireSegments(store, alice, ["other"], check, "before entering the new definition")
        try await store.record(SegmentFixtures.delta(again, entered: [alice, bob]))
        try await requireMembers(store, "vip", [alice, bob], check, "entered into the new definition")
    }

    // MARK: Memberships

    private func membershipDeltasApply(_ store: any SegmentStore, _ check: Check) async throws {
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        try await requireMembers(store, "vip", [], check, "of a new definition")
        try await store.record(SegmentFixtures.delta(vip, entered: [carol, alice, bob]))
        try await requireMembers(store, "vip", [alice, bob, carol], check, "after the first entries")
        try await store.record(SegmentFixtures.delta(vip, entered: [dave], exited: [carol, alice]))
        try await requireMembers(store, "vip", [bob, dave], check, "after entries and exits in one change")
        try await requireSegments(store, alice, [], check, "after exiting")
        try await requireSegments(store, dave, ["vip"], check, "after entering")
        try await store.record(SegmentFixtures.delta(vip))
        try await requireMembers(store, "vip", [bob, dave], check, "after an empty change")
        try await store.record(SegmentFixtures.delta(vip, entered: [alice]))
        try await requireMembers(store, "vip", [alice, bob, dave], check, "after a customer who left entered again")
        // Byte order of names: '-' < '.' < '_' < letters.
        for name in ["b-seg", "a_seg", "a.seg", "a-seg"] {
            let definition = try await store.save(try SegmentFixtures.definition(name), expectedRevision: 0)
            try await store.record(SegmentFixtures.delta(definition, entered: [bob]))
        }
        try await requireSegments(store, bob, ["a-seg", "a.seg", "a_seg", "b-seg", "vip"], check, "in byte order of the name")
        try await requireSegments(store, alice, ["vip"], check, "while another customer enters other segments")
    }

    private func membersArePaginatedInOrder(_ store: any SegmentStore, _ check: Check) async throws {
        // Byte order: digits, then upper case, then `_`, then lower case; a case-insensitive
        // collation orders these differently.
        let ids = Self.pagingNames.map(SegmentFixtures.customerID)
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        let other = try await store.save(try SegmentFixtures.definition("other"), expectedRevision: 0)
        try await store.record(SegmentFixtures.delta(vip, entered: Array(ids.prefix(4))))
        try await store.record(SegmentFixtures.delta(vip, entered: Array(ids.dropFirst(4))))
        try await store.record(SegmentFixtures.delta(other, entered: [alice, SegmentFixtures.customerID("Z")]))
        let cursor = SegmentFixtures.customerID("Z")  // a member of another segment only: between "Ca" and "Zed"
        try await requireByteOrderPaging(of: ids, after: cursor, check) { after, limit in
            try await store.members(of: "vip", after: after, limit: limit)
        }
        try await requireMembers(store, "other", [alice, cursor], check, "of the other segment, unchanged")
    }

    private func staleDeltaConflicts(_ store: any SegmentStore, _ check: Check) async throws {
        _ = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        let vip = try await store.save(try SegmentFixtures.definition("vip", query: "a = 1", at: 1), expectedRevision: 1)
        try await store.record(SegmentFixtures.delta(vip, entered: [alice, carol]))
        let refused: [(String, SegmentMembershipDelta)] = [
            ("the same change again", SegmentFixtures.delta(vip, entered: [alice, carol])),
            ("a change computed for the old revision 1", SegmentMembershipDelta(segment: "vip", definitionRevision: 1, entered: [bob], exited: [CustomerID]())),
            ("a change computed for revision 3", SegmentMembershipDelta(segment: "vip", definitionRevision: 3, entered: [bob], exited: [CustomerID]())),
            ("a change entering a member", SegmentFixtures.delta(vip, entered: [alice])),
            ("a change exiting a non-member", SegmentFixtures.delta(vip, exited: [bob])),
            ("a change entering two new customers and one member", SegmentFixtures.delta(vip, entered: [bob, carol, dave])),
            ("a change exiting a member and a non-member", SegmentFixtures.delta(vip, exited: [alice, bob])),
            ("a change entering a new customer and exiting a non-member", SegmentFixtures.delta(vip, entered: [bob], exited: [dave])),
            ("a change exiting a member and entering a member", SegmentFixtures.delta(vip, entered: [carol], exited: [alice])),
            ("a change entering and exiting the same member", SegmentFixtures.delta(vip, entered: [alice], exited: [alice])),
            ("a change entering and exiting the same non-member", SegmentFixtures.delta(vip, entered: [bob], exited: [bob])),
        ]
        for (what, delta) in refused {
            try await requireOutcome(.conflict, check, what) { try await store.record(delta) }
            try await requireMembers(store, "vip", [alice, carol], check, "unchanged after \(what)")
            try await requireSegments(store, bob, [], check, "after \(what)")
            try await requireSegments(store, dave, [], check, "after \(what)")
            try await requireSegments(store, alice, ["vip"], check, "after \(what)")
        }
        try await requireOutcome(.unknownSegment, check, "a change to an unknown segment") {
            try await store.record(SegmentMembershipDelta(segment: "vap", definitionRevision: 2, entered: [bob], exited: [CustomerID]()))
        }
        try await requireSegments(store, bob, [], check, "after a change to an unknown segment")
        try await store.record(SegmentFixtures.delta(vip, entered: [bob], exited: [alice]))
        try await requireMembers(store, "vip", [bob, carol], check, "after a valid change following the refused ones")
    }

    private func concurrentDeltasOneWins(_ store: any SegmentStore, _ check: Check) async throws {
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        let entry = SegmentFixtures.delta(vip, entered: [alice, bob])
        let exit = SegmentFixtures.delta(vip, exited: [alice])
        for (what, delta, members) in [("entry", entry, [alice, bob]), ("exit", exit, [bob])] {
            let contenders = 20
            let outcomes = await withTaskGroup(of: ErrorOutcome<SegmentationErrorCode>.self) { group in
                for _ in 0..<contenders {
                    group.addTask { await ErrorOutcome<SegmentationErrorCode>.of { try await store.record(delta) } }
                }
                var outcomes: [ErrorOutcome<SegmentationErrorCode>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let winners = outcomes.filter { $0 == .succeeded }.count
            try require(
                winners == 1, check, expected: "exactly 1 of \(contenders) identical \(what) changes to succeed", actual: "\(winners) succeeded")
            let others = Set(outcomes.filter { $0 != .succeeded }.map(\.description))
            try require(
                others == [SegmentationErrorCode.conflict.rawValue], check, expected: "the other changes to fail with segmentation.conflict",
                actual: "\(others.sorted())")
            try await requireMembers(store, "vip", members, check, "after the concurrent \(what) changes")
        }
    }

    private func redefinitionKeepsMembers(_ store: any SegmentStore, _ check: Check) async throws {
        let first = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        try await store.record(SegmentFixtures.delta(first, entered: [alice, bob]))
        let second = try await store.save(try SegmentFixtures.definition("vip", query: "number_of_orders >= 2", at: 10), expectedRevision: 1)
        try await requireMembers(store, "vip", [alice, bob], check, "after a new revision of the definition")
        try await requireSegments(store, alice, ["vip"], check, "after a new revision of the definition")
        try await requireOutcome(.conflict, check, "a change for the old revision") {
            try await store.record(SegmentFixtures.delta(first, exited: [bob]))
        }
        try await store.record(SegmentFixtures.delta(second, entered: [carol], exited: [bob]))
        try await requireMembers(store, "vip", [alice, carol], check, "after a change for the new revision")
        _ = try await store.save(try SegmentFixtures.definition("vip", query: "number_of_orders >= 3", at: 20), expectedRevision: 2)
        try await requireMembers(store, "vip", [alice, carol], check, "after a third revision")
    }

    // MARK: Fired trigger keys

    private func firedKeysClaimOnce(_ store: any SegmentStore, _ check: Check) async throws {
        let first: Set = ["birthday:2026", "welcome", "verjaardag·2026-ü", "🎂"]
        try await store.recordFired(first, of: alice)
        try await requireFired(store, alice, first, check, "as recorded")
        try await requireFired(store, bob, [], check, "of another customer")
        try await requireOutcome(.conflict, check, "re-recording a fired key with a new one") {
            try await store.recordFired(["welcome", "second-order"], of: alice)
        }
        try await requireOutcome(.conflict, check, "re-recording every fired key") { try await store.recordFired(first, of: alice) }
        try await requireFired(store, alice, first, check, "after the refused calls (none of their keys recorded)")
        try await store.recordFired(["second-order"], of: alice)
        try await store.recordFired([], of: alice)
        try await requireFired(store, alice, first.union(["second-order"]), check, "after a new key and an empty set")
        try await store.recordFired(["welcome"], of: bob)
        try await requireFired(store, bob, ["welcome"], check, "after another customer fired the same key")
        let longest = SegmentFixtures.triggerKey(bytes: SegmentStoreLimits.maximumTriggerKeyLength)
        let tooLong = SegmentFixtures.triggerKey(bytes: SegmentStoreLimits.maximumTriggerKeyLength + 1)
        let invalid: [(String, Set<String>)] = [("an empty key", Set([""])), ("a key of \(tooLong.utf8.count) bytes (\(tooLong.count) characters)", [tooLong]),
                             ("a valid key beside an empty one", ["fresh", ""])]
        for (what, keys) in invalid {
            try await requireOutcome(.invalidTriggerKey, check, what) { try await store.recordFired(keys, of: carol) }
        }
        try await requireFired(store, carol, [], check, "after the refused invalid keys")
        try await store.recordFired([longest], of: carol)
        try await requireFired(store, carol, [longest], check, "with a key of exactly \(longest.utf8.count) bytes")
        try await requireFired(store, alice, first.union(["second-order"]), check, "after other customers' calls")
    }

    private func concurrentClaimsOneWins(_ store: any SegmentStore, _ check: Check) async throws {
        let contenders = 20
        for (round, common) in ["once", "once-more"].enumerated() {
            let outcomes = await withTaskGroup(of: (Int, ErrorOutcome<SegmentationErrorCode>).self) { group in
                for index in 0..<contenders {
                    let keys: Set<String> = round == 0 ? [common] : [common, "own-\(index)"]
                    group.addTask { (index, await ErrorOutcome<SegmentationErrorCode>.of { try await store.recordFired(keys, of: alice) }) }
                }
                var outcomes: [(Int, ErrorOutcome<SegmentationErrorCode>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let winners = outcomes.filter { $0.1 == .succeeded }.map(\.0)
            try require(
                winners.count == 1, check, expected: "exactly 1 of \(contenders) concurrent claims of \(common) to succeed",
                actual: "\(winners.count) succeeded")
            let others = Set(outcomes.filter { $0.1 != .succeeded }.map(\.1.description))
            try require(
                others == [SegmentationErrorCode.conflict.rawValue], check, expected: "the other claims to fail with segmentation.conflict",
                actual: "\(others.sorted())")
            if round == 1 {
                try await requireFired(store, alice, ["once", "once-more", "own-\(winners[0])"], check, "only the winner's keys")
            }
        }
    }

    private func pageLimitOutOfRangeIsRefused(_ store: any SegmentStore, _ check: Check) async throws {
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        for withMembers in [false, true] {
            if withMembers { try await store.record(SegmentFixtures.delta(vip, entered: [alice])) }
            for limit in [0, -1, Int.min] {
                try await requireOutcome(
                    .invalidPageSize, check, "a limit of \(limit)\(withMembers ? "" : " on an empty segment")"
                ) { _ = try await store.members(of: "vip", after: nil, limit: limit) }
            }
        }
        let one = try await store.members(of: "vip", after: nil, limit: 1)
        try require(one == [alice], check, expected: "a limit of 1 to list the one member", actual: "\(one.count) members")
        let unlimited = try await store.members(of: "vip", after: nil, limit: Int.max)
        try require(unlimited == [alice], check, expected: "a limit of Int.max to list the one member", actual: "\(unlimited.count) members")
    }

    // MARK: Erasure

    /// What the erasure checks store: Alice in three segments with fired keys, Bob in two of
    /// them with fired keys of his own and one of Alice's.
    private struct ErasureFixture {
        var definitions: [SegmentDefinition]
    }

    private static let bobFired: Set<String> = ["b1", "a1"]
    private static let aliceFired: Set<String> = ["a1", "a2", "verjaardag·2026"]

    private func storeErasureFixture(_ store: any SegmentStore) async throws -> ErasureFixture {
        var definitions: [SegmentDefinition] = []
        for name in ["b2b", "lapsed", "vip"] {
            _ = try await store.save(try SegmentFixtures.definition(name), expectedRevision: 0)
            definitions.append(try await store.save(try SegmentFixtures.definition(name, query: "a = 2", at: 3), expectedRevision: 1))
        }
        try await store.record(SegmentFixtures.delta(definitions[0], entered: [alice]))
        try await store.record(SegmentFixtures.delta(definitions[1], entered: [alice, bob]))
        try await store.record(SegmentFixtures.delta(definitions[2], entered: [bob, alice, carol]))
        try await store.recordFired(Self.aliceFired, of: alice)
        try await store.recordFired(Self.bobFired, of: bob)
        return ErasureFixture(definitions: definitions)
    }

    /// Fails `check` when `store` still holds anything of Alice's, or lost anything of Bob's,
    /// Carol's or the definitions.
    private func requireOnlyAliceErased(_ store: any SegmentStore, _ fixture: ErasureFixture, _ check: Check, _ when: String) async throws {
        try await requireSegments(store, alice, [], check, when)
        try await requireFired(store, alice, [], check, when)
        try await requireMembers(store, "b2b", [], check, when)
        try await requireMembers(store, "lapsed", [bob], check, when)
        try await requireMembers(store, "vip", [bob, carol], check, when)
        try await requireSegments(store, bob, ["lapsed", "vip"], check, when)
        try await requireSegments(store, carol, ["vip"], check, when)
        try await requireFired(store, bob, Self.bobFired, check, when)
        let listed = try await store.definitions()
        try require(
            listed == fixture.definitions, check, expected: "the definitions unchanged \(when)",
            actual: "\(listed.map(\.description))")
    }

    private func erasureLeavesNothingBehind(_ store: any SegmentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        try await requireOnlyAliceErased(store, fixture, check, "after erasure")
    }

    private func erasureIsRepeatable(_ store: any SegmentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        try await requireOutcome(nil, check, "a second erasure of the same customer") { try await store.erase(customer: alice) }
        try await requireOutcome(nil, check, "erasing an unknown customer") {
            try await store.erase(customer: SegmentFixtures.customerID("conformance-nobody"))
        }
        try await requireOnlyAliceErased(store, fixture, check, "after erasing twice")
        for definition in fixture.definitions {
            try await requireOutcome(nil, check, "the erased customer entering \(definition.name) again") {
                try await store.record(SegmentFixtures.delta(definition, entered: [alice]))
            }
        }
        try await requireSegments(store, alice, ["b2b", "lapsed", "vip"], check, "after entering again")
        try await requireOutcome(nil, check, "claiming the erased customer's old trigger keys again") {
            try await store.recordFired(Self.aliceFired, of: alice)
        }
        try await requireFired(store, alice, Self.aliceFired, check, "claimed again after erasure")
    }

    // MARK: Reopen

    private func survivesReopen(_ store: any SegmentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        let rich = try await store.save(try SegmentFixtures.definition("rich", query: SegmentFixtures.richQuery, at: 59_999), expectedRevision: 0)
        try await store.removeDefinition(named: "b2b", expectedRevision: 2)
        let reopened = try await reopen(store, for: check)
        let listed = try await reopened.definitions()
        let want = [fixture.definitions[1], rich, fixture.definitions[2]]
        try require(listed == want, check, expected: "the definitions after reopening: \(want.map(\.description).map { $0.prefix(40) })",
                    actual: "\(listed.map(\.description).map { $0.prefix(40) })")
        try await requireMembers(reopened, "lapsed", [alice, bob], check, "after reopening")
        try await requireMembers(reopened, "vip", [alice, bob, carol], check, "after reopening")
        try await requireSegments(reopened, alice, ["lapsed", "vip"], check, "after reopening")
        try await requireFired(reopened, alice, Self.aliceFired, check, "after reopening")
        try await requireFired(reopened, bob, Self.bobFired, check, "after reopening")
        try await requireOutcome(.unknownSegment, check, "listing the members of a removed segment after reopening") {
            _ = try await reopened.members(of: "b2b", after: nil, limit: 10)
        }
        try await requireOutcome(.conflict, check, "a save at a stale revision after reopening") {
            _ = try await reopened.save(try SegmentFixtures.definition("vip", at: 9), expectedRevision: 1)
        }
        try await requireOutcome(.conflict, check, "entering a member after reopening") {
            try await reopened.record(SegmentFixtures.delta(fixture.definitions[2], entered: [alice]))
        }
        try await requireOutcome(.conflict, check, "claiming a fired key after reopening") {
            try await reopened.recordFired(["a2"], of: alice)
        }
        let next = try await reopened.save(try SegmentFixtures.definition("vip", at: 9), expectedRevision: 2)
        try require(next.revision == 3, check, expected: "a save from revision 2 after reopening to store revision 3", actual: "\(next.revision)")
        try await reopened.record(SegmentFixtures.delta(next, exited: [alice]))
        try await requireMembers(reopened, "vip", [bob, carol], check, "after a change following the reopen")
    }

    private func erasureSurvivesReopen(_ store: any SegmentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        let reopened = try await reopen(store, for: check)
        try await requireOnlyAliceErased(reopened, fixture, check, "after erasure and reopen")
        try await reopened.recordFired(Self.aliceFired, of: alice)
    }

    // MARK: Helpers

    private let alice = SegmentFixtures.customerID("conformance-alice")
    private let bob = SegmentFixtures.customerID("conformance-bob")
    private let carol = SegmentFixtures.customerID("conformance-carol")
    private let dave = SegmentFixtures.customerID("conformance-dave")

    /// `definition` as a store returns it after saving at `revision`.
    private func revised(_ definition: SegmentDefinition, _ revision: Int) -> SegmentDefinition {
        var definition = definition
        definition.revision = revision
        return definition
    }

    /// Fails unless `actual` is `expected` in every field, naming the fields that differ.
    private func requireSame(_ expected: SegmentDefinition, _ actual: SegmentDefinition?, _ check: Check, _ what: String, line: UInt = #line) throws {
        guard let actual else {
            try require(false, check, expected: what, actual: "no definition", line: line)
            return
        }
        let differences = SegmentFixtures.differences(between: expected, and: actual)
        try require(
            differences.isEmpty, check, expected: "\(what) equal in every field",
            actual: "it differs in \(differences) (revision \(actual.revision), updated \(offset(actual.updatedAt)), \(actual.query.utf8.count) query bytes)",
            line: line)
    }

    /// Fails unless the members of `segment` are exactly `expected` (in byte order).
    private func requireMembers(
        _ store: any SegmentStore, _ segment: String, _ expected: [CustomerID], _ check: Check, _ when: String, line: UInt = #line
    ) async throws {
        let members = try await store.members(of: segment, after: nil, limit: Int.max)
        let want = SegmentFixtures.byteOrdered(expected)
        try require(
            members == want, check, expected: "members of \(segment) \(want.map(\.rawValue)) \(when)", actual: "\(members.map(\.rawValue))",
            line: line)
    }

    /// Fails unless `customer` is listed in exactly the segments `expected`, in that order.
    private func requireSegments(
        _ store: any SegmentStore, _ customer: CustomerID, _ expected: [String], _ check: Check, _ when: String, line: UInt = #line
    ) async throws {
        let segments = try await store.segments(of: customer)
        try require(
            segments == expected, check, expected: "segments of \(customer.rawValue) \(expected) \(when)", actual: "\(segments)", line: line)
    }

    /// Fails unless the fired keys of `customer` are exactly `expected`.
    private func requireFired(
        _ store: any SegmentStore, _ customer: CustomerID, _ expected: Set<String>, _ check: Check, _ when: String, line: UInt = #line
    ) async throws {
        let fired = try await store.firedKeys(of: customer)
        try require(
            fired == expected, check, expected: "fired keys of \(customer.rawValue) \(expected.sorted()) \(when)", actual: "\(fired.sorted())",
            line: line)
    }

    /// `date` as seconds after ``SegmentFixtures/start`` with its milliseconds, for failure messages.
    private func offset(_ date: Date) -> String {
        String(format: "%.3f s", date.timeIntervalSince(SegmentFixtures.start))
    }

    /// Fails unless `body` throws `code` (succeeds, for `nil`).
    private func requireOutcome(
        _ code: SegmentationErrorCode?, _ check: Check, _ what: String, line: UInt = #line, _ body: () async throws -> Void
    ) async throws {
        let outcome = await errorOutcome(SegmentationErrorCode.self, of: body)
        let wanted = code.map { outcome == $0 } ?? (outcome == .succeeded)
        try require(
            wanted, check, expected: "\(what) to \(code.map { "fail with \($0.rawValue)" } ?? "succeed")",
            actual: outcome == .succeeded ? "it succeeded" : "it failed with \(outcome)", line: line)
    }
}
