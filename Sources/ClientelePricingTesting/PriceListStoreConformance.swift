public import ClientelePricing
public import ClienteleTestKitCore
import Foundation

/// The contract of `PriceListStore`, as checks a host runs against its own adapter.
///
/// ```swift
/// @Test(arguments: PriceListStoreConformance.checksWithoutReopen)
/// func conformance(_ check: PriceListStoreConformance.Check) async throws {
///     try await PriceListStoreConformance { try await MyPostgresPriceListStore.fresh() }.run(check)
/// }
/// ```
///
/// Every check gets a fresh, empty store from the factory. ``Check/survivesReopen`` runs
/// only when the suite was given a `reopen` closure, and is reported as skipped otherwise
/// (see ``ConformanceSuite``).
public struct PriceListStoreConformance: ConformanceSuite {
    /// The checks, one per clause of the contract.
    public enum Check: String, CaseIterable, Sendable {
        /// A created list reads back equal, with revision 1, by id, in pages and in the
        /// snapshot: a plain list and ``PricingFixtures/richLists()``, compared field by field.
        case createdListReadsBack
        /// An unknown id reads as `nil`; updating or deleting it fails with `listNotFound`.
        case unknownListIsNil
        /// Creating an existing id fails with `duplicateList` and keeps the first list.
        case duplicateIDIsRefused
        /// An update stores revision + 1 and the new content.
        case updateBumpsRevision
        /// An update or delete with a stale revision fails with `conflict` and changes nothing.
        case staleWritesConflict
        /// A deleted list is gone from reads, pages and the snapshot; its id can be created again.
        case deleteRemovesList
        /// Invalid lists (empty window, bad minimum quantity, currency mismatch, negative amount,
        /// duplicate entry) are refused on create and update with the validation error; nothing changes.
        case invalidListsAreRefused
        /// Of 20 concurrent creates of one id exactly one succeeds; the rest fail with `duplicateList`.
        case concurrentCreatesOneWins
        /// Of 20 concurrent updates from one revision exactly one succeeds; the rest fail with `conflict`.
        case concurrentUpdatesOneWins
        /// Pages come in id order without gaps or repeats; a page size below 1 fails with `invalidPageSize`.
        case pagesInIDOrder
        /// The snapshot's version grows with every change and not on a refused one.
        case snapshotVersionGrows
        /// After a reopen every list and revision is still there (reopen-capable stores only).
        case survivesReopen
        /// A page `limit` below 1 (0, -1, `Int.min`) fails with `invalidPageSize`, on an empty
        /// store and on one with lists; 1 and `Int.max` (there is no maximum) are pages.
        case pageLimitOutOfRangeIsRefused
        /// Validity bounds with sub-second parts (whole milliseconds, ``StoredInstant``) read
        /// back exactly, on create and on update.
        case instantsKeepMillisecondPrecision
    }

    /// The factory and reopen closure the checks run against.
    public let stores: ConformanceStores<any PriceListStore>

    /// The checks that need `reopen`: ``Check/survivesReopen``.
    public static let reopenChecks: Set<Check> = [.survivesReopen]

    /// Creates the suite for an adapter type; the closures take and return that type, so
    /// `reopen` and `tearDown` need no downcast.
    ///
    /// - Parameters:
    ///   - makeStore: Makes a fresh, empty store for each check.
    ///   - reopen: For durable stores: closes the given store and opens its data again.
    ///     Without it, ``Check/survivesReopen`` is reported as skipped.
    ///   - tearDown: Called after every check, passed or failed, with the newest instance
    ///     of its store (the reopened one if the check reopened it): close it, drop its
    ///     temporary database or folder.
    public init<Adapter: PriceListStore>(
        makeStore: @escaping @Sendable () async throws -> Adapter,
        reopen: (@Sendable (Adapter) async throws -> Adapter)? = nil,
        tearDown: (@Sendable (Adapter) async throws -> Void)? = nil
    ) {
        self.stores = ConformanceStores(make: makeStore, reopen: reopen, tearDown: tearDown, erase: { $0 })
    }

    /// Runs the body of one check against `store`; hosts call ``ConformanceSuite/run(_:)``.
    ///
    /// - Throws: ``ConformanceFailure``, ``ConformanceSkipped`` or an unexpected store error.
    public func run(_ check: Check, on store: any PriceListStore) async throws {
        switch check {
        case .createdListReadsBack: try await createdListReadsBack(store, check)
        case .unknownListIsNil: try await unknownListIsNil(store, check)
        case .duplicateIDIsRefused: try await duplicateIDIsRefused(store, check)
        case .updateBumpsRevision: try await updateBumpsRevision(store, check)
        case .staleWritesConflict: try await staleWritesConflict(store, check)
        case .deleteRemovesList: try await deleteRemovesList(store, check)
        case .invalidListsAreRefused: try await invalidListsAreRefused(store, check)
        case .concurrentCreatesOneWins: try await concurrentCreatesOneWins(store, check)
        case .concurrentUpdatesOneWins: try await concurrentUpdatesOneWins(store, check)
        case .pagesInIDOrder: try await pagesInIDOrder(store, check)
        case .snapshotVersionGrows: try await snapshotVersionGrows(store, check)
        case .survivesReopen: try await survivesReopen(store, check)
        case .pageLimitOutOfRangeIsRefused: try await pageLimitOutOfRangeIsRefused(store, check)
        case .instantsKeepMillisecondPrecision: try await instantsKeepMillisecondPrecision(store, check)
        }
    }

    // MARK: Sample lists

    private func sample(_ id: String, priority: Int = 10) throws -> PriceList {
        try PricingFixtures.list(
            id,
            validFrom: Date(timeIntervalSince1970: 1_790_000_000),
            validTo: Date(timeIntervalSince1970: 1_800_000_000),
            audience: .groups(["vip", "b2b"]), priority: priority, mode: .sale,
            entries: [
                PricingFixtures.entry("all", .allProducts, try PricingFixtures.percentOff(1_000)),
                PricingFixtures.entry(
                    "shoes", try PricingFixtures.category("shoes"), minimumQuantity: 2, try PricingFixtures.off("2.50")),
                PricingFixtures.entry("p1", try PricingFixtures.product("P1"), try PricingFixtures.fixed("9.99")),
            ])
    }

    /// The code of a ``PricingError``, or a description of what was thrown instead.
    private func outcome(_ body: () async throws -> Void) async -> String {
        await errorOutcome(PricingErrorCode.self, of: body).description
    }

    // MARK: Checks

    private func createdListReadsBack(_ store: any PriceListStore, _ check: Check) async throws {
        let list = try sample("L1")
        let created = try await store.create(list)
        try require(created == StoredPriceList(list: list, revision: 1), check,
                    expected: "create returns the list with revision 1", actual: "\(created.revision)")
        let read = try await store.list(list.id)
        try require(read == created, check, expected: "the list reads back equal", actual: String(describing: read))
        let page = try await store.lists(after: nil, limit: 10)
        try require(page == [created], check, expected: "one list in the first page", actual: "\(page.map(\.id))")
        let snapshot = try await store.snapshot()
        try require(
            snapshot.lists == [created], check,
            expected: "the snapshot holds the list",
            actual: "\(snapshot.lists.map(\.id))")
        let rich = try PricingFixtures.richLists()
        for list in rich { _ = try await store.create(list) }
        for list in rich {
            try requireSame(StoredPriceList(list: list, revision: 1), try await store.list(list.id), check, "\(list.id) read back by id")
        }
        let richPage = try await store.lists(after: nil, limit: 10).filter { $0.id != list.id }
        try require(
            richPage.map(\.list) == rich, check, expected: "the rich lists in a page, equal in every field",
            actual: "\(richPage.map(\.id))")
    }

    private func unknownListIsNil(_ store: any PriceListStore, _ check: Check) async throws {
        let missing = try PriceListID(validating: "missing")
        let read = try await store.list(missing)
        try require(read == nil, check, expected: "nil for an unknown id", actual: String(describing: read))
        let update = await outcome { _ = try await store.update(try sample("missing"), expectedRevision: 1) }
        try require(
            update == PricingErrorCode.listNotFound.rawValue, check,
            expected: "update of an unknown id fails with listNotFound",
            actual: update)
        let delete = await outcome { try await store.delete(missing, expectedRevision: 1) }
        try require(
            delete == PricingErrorCode.listNotFound.rawValue, check,
            expected: "delete of an unknown id fails with listNotFound",
            actual: delete)
    }

    private func duplicateIDIsRefused(_ store: any PriceListStore, _ check: Check) async throws {
        let first = try await store.create(try sample("L1", priority: 1))
        let second = await outcome { _ = try await store.create(try sample("L1", priority: 2)) }
        try require(
            second == PricingErrorCode.duplicateList.rawValue, check,
            expected: "a second create of L1 fails with duplicateList",
            actual: second)
        let read = try await store.list(first.id)
        try require(
            read == first, check,
            expected: "the first list stays",
            actual: String(describing: read?.list.priority))
    }

    private func updateBumpsRevision(_ store: any PriceListStore, _ check: Check) async throws {
        let created = try await store.create(try sample("L1"))
        var changed = created.list
        changed.priority = 99
        changed.entries.removeLast()
        let updated = try await store.update(changed, expectedRevision: 1)
        try require(
            updated == StoredPriceList(list: changed, revision: 2), check,
            expected: "update returns revision 2",
            actual: "\(updated.revision)")
        let read = try await store.list(created.id)
        try require(
            read == updated, check,
            expected: "the new content at revision 2 reads back",
            actual: String(describing: read?.revision))
        let again = try await store.update(created.list, expectedRevision: 2)
        try require(
            again.revision == 3, check,
            expected: "a second update gives revision 3",
            actual: "\(again.revision)")
    }

    private func staleWritesConflict(_ store: any PriceListStore, _ check: Check) async throws {
        let created = try await store.create(try sample("L1"))
        var changed = created.list
        changed.priority = 50
        let current = try await store.update(changed, expectedRevision: 1)
        var stale = created.list
        stale.priority = 7
        let update = await outcome { _ = try await store.update(stale, expectedRevision: 1) }
        try require(
            update == PricingErrorCode.conflict.rawValue, check,
            expected: "an update at revision 1 after revision 2 fails with conflict",
            actual: update)
        let delete = await outcome { try await store.delete(created.id, expectedRevision: 1) }
        try require(
            delete == PricingErrorCode.conflict.rawValue, check,
            expected: "a delete at a stale revision fails with conflict",
            actual: delete)
        let read = try await store.list(created.id)
        try require(
            read == current, check,
            expected: "the list is unchanged at revision 2",
            actual: String(describing: read?.revision))
    }

    private func deleteRemovesList(_ store: any PriceListStore, _ check: Check) async throws {
        let created = try await store.create(try sample("L1"))
        _ = try await store.create(try sample("L2"))
        try await store.delete(created.id, expectedRevision: 1)
        let read = try await store.list(created.id)
        try require(read == nil, check, expected: "a deleted list reads as nil", actual: String(describing: read))
        let page = try await store.lists(after: nil, limit: 10).map(\.id.rawValue)
        try require(page == ["L2"], check, expected: "pages skip the deleted list", actual: "\(page)")
        let snapshot = try await store.snapshot().lists.map(\.id.rawValue)
        try require(snapshot == ["L2"], check, expected: "the snapshot skips the deleted list", actual: "\(snapshot)")
        let recreated = try await store.create(try sample("L1"))
        try require(
            recreated.revision == 1, check,
            expected: "the id can be created again at revision 1",
            actual: "\(recreated.revision)")
    }

    private func invalidListsAreRefused(_ store: any PriceListStore, _ check: Check) async throws {
        let valid = try await store.create(try sample("L1"))
        let before = try await store.snapshot()
        var emptyWindow = valid.list
        emptyWindow.validTo = emptyWindow.validFrom
        var lowQuantity = valid.list
        lowQuantity.entries[1].minimumQuantity = 0
        var otherCurrency = valid.list
        otherCurrency.entries[2].adjustment = .fixedPrice(Money(minorUnits: 999, currency: .usd))
        var negative = valid.list
        negative.entries[1].adjustment = .amountOff(Money(minorUnits: -1, currency: .eur))
        var duplicateEntry = valid.list
        duplicateEntry.entries.append(duplicateEntry.entries[0])
        let cases: [(PriceList, PricingErrorCode)] = [
            (emptyWindow, .emptyValidity), (lowQuantity, .invalidMinimumQuantity), (otherCurrency, .currencyMismatch),
            (negative, .negativeAmount), (duplicateEntry, .duplicateEntry),
        ]
        for (list, code) in cases {
            var renamed = list
            renamed.id = try PriceListID(validating: "L2")
            let create = await outcome { _ = try await store.create(renamed) }
            try require(create == code.rawValue, check, expected: "create fails with \(code)", actual: create)
            let update = await outcome { _ = try await store.update(list, expectedRevision: 1) }
            try require(update == code.rawValue, check, expected: "update fails with \(code)", actual: update)
        }
        let after = try await store.snapshot()
        try require(
            after == before, check,
            expected: "refused lists change nothing",
            actual: "version \(before.version) → \(after.version)")
    }

    private func concurrentCreatesOneWins(_ store: any PriceListStore, _ check: Check) async throws {
        let results = await withTaskGroup(of: String.self) { group in
            for priority in 0..<20 {
                group.addTask {
                    await outcome { _ = try await store.create(try sample("L1", priority: priority)) }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        let wins = results.filter { $0 == "success" }.count
        let refused = results.filter { $0 == PricingErrorCode.duplicateList.rawValue }.count
        try require(
            wins == 1 && refused == 19, check,
            expected: "1 create succeeds, 19 fail with duplicateList",
            actual: "\(results)")
    }

    private func concurrentUpdatesOneWins(_ store: any PriceListStore, _ check: Check) async throws {
        let created = try await store.create(try sample("L1"))
        let results = await withTaskGroup(of: String.self) { group in
            for priority in 0..<20 {
                group.addTask {
                    var changed = created.list
                    changed.priority = priority
                    return await outcome { _ = try await store.update(changed, expectedRevision: 1) }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        let wins = results.filter { $0 == "success" }.count
        let conflicts = results.filter { $0 == PricingErrorCode.conflict.rawValue }.count
        try require(
            wins == 1 && conflicts == 19, check,
            expected: "1 update succeeds, 19 fail with conflict",
            actual: "\(results)")
        let read = try await store.list(created.id)
        try require(
            read?.revision == 2, check,
            expected: "revision 2 after the race",
            actual: String(describing: read?.revision))
    }

    private func pagesInIDOrder(_ store: any PriceListStore, _ check: Check) async throws {
        let ids = ["L3", "L10", "A", "L1", "b", "L2", "Z"]
        for id in ids { _ = try await store.create(try sample(id)) }
        var seen: [String] = []
        var cursor: PriceListID?
        while true {
            let page = try await store.lists(after: cursor, limit: 3)
            try require(page.count <= 3, check, expected: "at most 3 lists per page", actual: "\(page.count)")
            guard let last = page.last else { break }
            seen += page.map(\.id.rawValue)
            cursor = last.id
            // An `after` answered inclusively would page forever; more ids than created is a failure.
            try require(seen.count <= ids.count, check, expected: "\(ids.count) lists across the pages", actual: "\(seen) and more")
        }
        let expected = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try require(seen == expected, check, expected: "pages in byte order \(expected)", actual: "\(seen)")
        let snapshot = try await store.snapshot().lists.map(\.id.rawValue)
        try require(snapshot == expected, check, expected: "the snapshot in id order", actual: "\(snapshot)")
        let zero = await outcome { _ = try await store.lists(after: nil, limit: 0) }
        try require(
            zero == PricingErrorCode.invalidPageSize.rawValue, check,
            expected: "a page size of 0 fails with invalidPageSize",
            actual: zero)
    }

    private func snapshotVersionGrows(_ store: any PriceListStore, _ check: Check) async throws {
        var versions = [try await store.snapshot().version]
        let created = try await store.create(try sample("L1"))
        versions.append(try await store.snapshot().version)
        _ = try await store.update(created.list, expectedRevision: 1)
        versions.append(try await store.snapshot().version)
        _ = await outcome { _ = try await store.update(created.list, expectedRevision: 1) }
        versions.append(try await store.snapshot().version)
        try await store.delete(created.id, expectedRevision: 2)
        versions.append(try await store.snapshot().version)
        let grows =
            versions[1] > versions[0] && versions[2] > versions[1] && versions[3] == versions[2]
            && versions[4] > versions[3]
        try require(
            grows, check,
            expected: "the version grows on create, update and delete, not on a refused update",
            actual: "\(versions)")
    }

    private func survivesReopen(_ store: any PriceListStore, _ check: Check) async throws {
        let first = try await store.create(try sample("L1"))
        var changed = first.list
        changed.priority = 3
        let second = try await store.update(changed, expectedRevision: 1)
        let other = try await store.create(try sample("L2"))
        let removed = try await store.create(try sample("L3"))
        try await store.delete(removed.id, expectedRevision: 1)
        let rich = try PricingFixtures.richLists()
        for list in rich { _ = try await store.create(list) }
        let before = try await store.snapshot()
        let reopened = try await reopen(store, for: check)
        let after = try await reopened.snapshot()
        try require(
            after.lists == [second, other] + rich.map { StoredPriceList(list: $0, revision: 1) }, check,
            expected: "L1 at revision 2, L2 and the rich lists R1–R3 after the reopen",
            actual: "\(after.lists.map { "\($0.id)@\($0.revision)" })")
        try require(
            after.version >= before.version, check,
            expected: "the version does not go back",
            actual: "\(before.version) → \(after.version)")
        for list in rich {
            try requireSame(StoredPriceList(list: list, revision: 1), try await reopened.list(list.id), check, "\(list.id) after the reopen")
        }
    }

    private func instantsKeepMillisecondPrecision(_ store: any PriceListStore, _ check: Check) async throws {
        let from = PricingFixtures.instant(123), to = PricingFixtures.instant(1_999)
        let created = try await store.create(try PricingFixtures.list("ms", validFrom: from, validTo: to))
        let read = try await store.list(created.id)
        try require(
            read?.list.validFrom == from && read?.list.validTo == to, check,
            expected: "validFrom and validTo read back to the millisecond",
            actual: "\(seconds(read?.list.validFrom)) and \(seconds(read?.list.validTo))")
        var changed = created.list
        changed.validFrom = PricingFixtures.instant(1_001)
        changed.validTo = PricingFixtures.instant(1_002)
        _ = try await store.update(changed, expectedRevision: created.revision)
        let updated = try await store.list(created.id)
        try require(
            updated?.list.validFrom == changed.validFrom && updated?.list.validTo == changed.validTo, check,
            expected: "a window of one millisecond kept on update",
            actual: "\(seconds(updated?.list.validFrom)) and \(seconds(updated?.list.validTo))")
        let snapshot = try await store.snapshot().lists.first?.list
        try require(snapshot == changed, check, expected: "the snapshot's list equal to the updated one", actual: "\(seconds(snapshot?.validFrom)) and \(seconds(snapshot?.validTo))")
    }

    // MARK: Helpers

    /// Fails unless `actual` equals `expected`, naming the fields that differ.
    private func requireSame(_ expected: StoredPriceList, _ actual: StoredPriceList?, _ check: Check, _ what: String, line: UInt = #line) throws {
        guard let actual else {
            throw ConformanceFailure(suite: Self.suiteName, check: check.rawValue, expected: "\(what) to be found", actual: "nil", line: line)
        }
        let want = expected.list, got = actual.list
        let fields = [
            ("revision", expected.revision != actual.revision), ("name", want.name != got.name),
            ("currency", want.currency != got.currency), ("status", want.status != got.status),
            ("validFrom", want.validFrom != got.validFrom), ("validTo", want.validTo != got.validTo),
            ("audience", want.audience != got.audience), ("priority", want.priority != got.priority),
            ("mode", want.mode != got.mode), ("entries", want.entries != got.entries), ("==", actual != expected),
        ].filter(\.1).map(\.0)
        try require(fields.isEmpty, check, expected: "\(what) equal in every field", actual: "it differs in \(fields)", line: line)
    }

    /// `date` as seconds since 1970 with its milliseconds, for failure messages.
    private func seconds(_ date: Date?) -> String {
        date.map { String(format: "%.3f s", $0.timeIntervalSince1970) } ?? "nil"
    }

    private func pageLimitOutOfRangeIsRefused(_ store: any PriceListStore, _ check: Check) async throws {
        for filled in [false, true] {
            if filled {
                for id in ["L1", "L2", "L3"] { _ = try await store.create(try sample(id)) }
            }
            for limit in [0, -1, Int.min] {
                let refused = await outcome { _ = try await store.lists(after: nil, limit: limit) }
                try require(
                    refused == PricingErrorCode.invalidPageSize.rawValue, check,
                    expected: "a page limit of \(limit) fails with invalidPageSize (\(filled ? "3 lists" : "empty store"))",
                    actual: refused)
            }
        }
        let one = try await store.lists(after: nil, limit: 1).map(\.id.rawValue)
        try require(one == ["L1"], check, expected: "a limit of 1 gives one list", actual: "\(one)")
        let all = try await store.lists(after: nil, limit: Int.max).map(\.id.rawValue)
        try require(all == ["L1", "L2", "L3"], check, expected: "a limit of Int.max gives every list", actual: "\(all)")
    }
}
