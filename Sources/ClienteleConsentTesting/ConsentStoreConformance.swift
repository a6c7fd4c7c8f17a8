public import ClienteleConsent
public import ClienteleTestKitCore
import Foundation

/// The contract every ``ConsentStore`` must keep, as named checks a host runs against
/// its own adapter (framework-free; a fresh store per check):
///
/// ```swift
/// @Test(arguments: ConsentStoreConformance.checksWithoutReopen)
/// func conformance(_ check: ConsentStoreConformance.Check) async throws {
///     try await ConsentStoreConformance { try await MyPostgresConsentStore.fresh() }.run(check)
/// }
/// ```
public struct ConsentStoreConformance: ConformanceSuite {
    /// The checks.
    public enum Check: String, CaseIterable, Sendable {
        /// An unknown customer has an empty ledger, no sends and is not listed.
        case unknownCustomerIsEmpty
        /// Appended records come back equal, field for field, in sequence order: plain ones
        /// and ``ConsentFixtures/richLedger(of:)`` (every optional field set and unset,
        /// soft-opt-in categories, sub-second instants).
        case recordsRoundTripInOrder
        /// A record sealed at a sequence already taken is refused with a conflict, and the ledger is unchanged.
        case appendAtTakenSequenceConflicts
        /// A record that skips a sequence is refused with a conflict.
        case appendWithGapConflicts
        /// A record with the right sequence but the wrong link to its predecessor is refused with a conflict.
        case appendWithWrongLinkConflicts
        /// Of many concurrent appends sealed at the same sequence, exactly one succeeds.
        case concurrentAppendsAtOneSequenceAdmitOne
        /// 1,000 concurrent writers (20 per customer, 50 customers) that re-read and retry on
        /// conflict leave every customer a gap-free, valid chain.
        case concurrentAppendsLeaveValidChains
        /// Each customer has their own ledger and sequence numbering.
        case ledgersAreSeparatePerCustomer
        /// Customers with records are listed ascending by ID, page by page, without repeats.
        case customersArePaginatedInOrder
        /// Sends come back equal, filtered by `since` (inclusive), and counted: plain ones and
        /// ``ConsentFixtures/richSends(for:)``.
        case sendsRoundTripAndFilterBySince
        /// A send at a taken sequence is refused with a conflict, and the log is unchanged.
        case sendAtTakenSequenceConflicts
        /// A suppression entry is found by its digest; an unknown digest is not.
        case suppressionRoundTrips
        /// Adding a digest again keeps the first entry.
        case suppressionKeepsFirstEntry
        /// Everything written is still there after the store is reopened (skipped without `reopen`).
        case survivesReopen
        /// A listing with a `limit` below 1 fails with `consent.invalidPageSize`.
        case pageLimitOutOfRangeIsRefused
        /// Records, sends and suppression entries with sub-second instants (whole
        /// milliseconds, ``StoredInstant``) read back exactly, and `since` filters at the
        /// millisecond.
        case instantsKeepMillisecondPrecision
        /// Erasing a customer removes the whole ledger and send log: no records, a send count
        /// of 0, no sends, not listed among customers; another customer's ledger and sends
        /// and every suppression entry stay exactly as they were.
        case erasureLeavesNothingBehind
        /// Erasing twice, or erasing an unknown customer, succeeds; the erased customer's
        /// ledger and send log start again at sequence 0 (from the genesis hash), and the old
        /// next sequence is refused.
        case erasureIsRepeatableAndRestartsTheLedger
        /// An erased customer stays erased after a reopen, suppressions kept (reopen-capable stores only).
        case erasureSurvivesReopen
        /// Pruning sends before an instant removes exactly those of every customer (one at the
        /// instant is kept), keeps each send count (the next sequence does not go back), and
        /// pruning again removes nothing.
        case pruningSendsKeepsTheirCount
        /// `append(contentsOf:)` appends each record on its own, in order: one result per
        /// record; records of one ledger chain onto the ones before them in the same batch; a
        /// record at a taken sequence fails alone with a conflict and the others are appended.
        case batchAppendIsPerRecord
    }

    /// The factory and reopen closure the checks run against.
    public let stores: ConformanceStores<any ConsentStore>

    /// The checks that need `reopen`: ``Check/survivesReopen`` and ``Check/erasureSurvivesReopen``.
    public static let reopenChecks: Set<Check> = [.survivesReopen, .erasureSurvivesReopen]

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
    public init<Adapter: ConsentStore>(
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
    public func run(_ check: Check, on store: any ConsentStore) async throws {
        switch check {
        case .unknownCustomerIsEmpty: try await unknownCustomerIsEmpty(store, check)
        case .recordsRoundTripInOrder: try await recordsRoundTripInOrder(store, check)
        case .appendAtTakenSequenceConflicts: try await appendAtTakenSequenceConflicts(store, check)
        case .appendWithGapConflicts: try await appendWithGapConflicts(store, check)
        case .appendWithWrongLinkConflicts: try await appendWithWrongLinkConflicts(store, check)
        case .concurrentAppendsAtOneSequenceAdmitOne: try await concurrentAppendsAtOneSequenceAdmitOne(store, check)
        case .concurrentAppendsLeaveValidChains: try await concurrentAppendsLeaveValidChains(store, check)
        case .ledgersAreSeparatePerCustomer: try await ledgersAreSeparatePerCustomer(store, check)
        case .customersArePaginatedInOrder: try await customersArePaginatedInOrder(store, check)
        case .sendsRoundTripAndFilterBySince: try await sendsRoundTripAndFilterBySince(store, check)
        case .sendAtTakenSequenceConflicts: try await sendAtTakenSequenceConflicts(store, check)
        case .suppressionRoundTrips: try await suppressionRoundTrips(store, check)
        case .suppressionKeepsFirstEntry: try await suppressionKeepsFirstEntry(store, check)
        case .survivesReopen: try await survivesReopen(store, check)
        case .pageLimitOutOfRangeIsRefused: try await pageLimitOutOfRangeIsRefused(store, check)
        case .instantsKeepMillisecondPrecision: try await instantsKeepMillisecondPrecision(store, check)
        case .erasureLeavesNothingBehind: try await erasureLeavesNothingBehind(store, check)
        case .erasureIsRepeatableAndRestartsTheLedger: try await erasureIsRepeatable(store, check)
        case .erasureSurvivesReopen: try await erasureSurvivesReopen(store, check)
        case .pruningSendsKeepsTheirCount: try await pruningSendsKeepsTheirCount(store, check)
        case .batchAppendIsPerRecord: try await batchAppendIsPerRecord(store, check)
        }
    }

    // MARK: Checks

    private func unknownCustomerIsEmpty(_ store: any ConsentStore, _ check: Check) async throws {
        let records = try await store.records(for: alice)
        try require(records.isEmpty, check, expected: "no records", actual: "\(records.count) records")
        let count = try await store.sendCount(for: alice)
        try require(count == 0, check, expected: "0 sends", actual: "\(count)")
        let listed = try await store.customers(after: nil, limit: 10)
        try require(listed.isEmpty, check, expected: "no customers listed", actual: "\(listed)")
        let suppressed = try await store.suppression(for: digest(0))
        try require(suppressed == nil, check, expected: "no suppression entry", actual: "an entry")
    }

    private func batchAppendIsPerRecord(_ store: any ConsentStore, _ check: Check) async throws {
        let existing = try await appendChain(store, for: alice, count: 1)
        let first = ConsentRecord(sealing: entry(1), customer: bob, after: nil)
        let second = ConsentRecord(sealing: entry(2), customer: bob, after: first)
        let taken = ConsentRecord(sealing: entry(3), customer: alice, sequence: 0, previousHash: LedgerChain.genesisHash(of: alice))
        let next = ConsentRecord(sealing: entry(4), customer: alice, after: existing.last)
        let results = try await store.append(contentsOf: [first, taken, second, next])
        var outcomes: [String] = []
        for result in results {
            switch result {
            case .success: outcomes.append("appended")
            case .failure(let error): outcomes.append(await errorOutcome(ConsentErrorCode.self) { throw error }.description)
            }
        }
        let conflict = ErrorOutcome<ConsentErrorCode>.thrown(.conflict).description
        try require(outcomes == ["appended", conflict, "appended", "appended"], check,
            expected: "appended, \(conflict), appended, appended", actual: "\(outcomes)")
        try requireSameRecords([first, second], try await store.records(for: bob), check, "the two chained records of one batch")
        try requireSameRecords(existing + [next], try await store.records(for: alice), check, "the ledger without the refused record")
    }

    private func recordsRoundTripInOrder(_ store: any ConsentStore, _ check: Check) async throws {
        let written = try await appendChain(store, for: alice, count: 5)
        let read = try await store.records(for: alice)
        try require(read == written, check, expected: "the 5 records as written", actual: "\(read.map(\.sequence))")
        let verification = LedgerChain.verify(read, of: alice)
        try require(verification.isIntact, check, expected: "an intact chain", actual: "\(String(describing: verification.problem))")
        let rich = try await appendAll(store, ConsentFixtures.richLedger(of: bob))
        try requireSameRecords(rich, try await store.records(for: bob), check, "the rich ledger")
    }

    private func appendAtTakenSequenceConflicts(_ store: any ConsentStore, _ check: Check) async throws {
        let written = try await appendChain(store, for: alice, count: 2)
        let duplicate = ConsentRecord(sealing: entry(99), customer: alice, sequence: 1, previousHash: written[0].hash)
        try await requireConflict(check, "a second record at sequence 1") { try await store.append(duplicate) }
        let read = try await store.records(for: alice)
        try require(read == written, check, expected: "the ledger unchanged", actual: "\(read.count) records")
    }

    private func appendWithGapConflicts(_ store: any ConsentStore, _ check: Check) async throws {
        let written = try await appendChain(store, for: alice, count: 1)
        let gap = ConsentRecord(sealing: entry(7), customer: alice, sequence: 2, previousHash: written[0].hash)
        try await requireConflict(check, "a record at sequence 2 after only 1 record") { try await store.append(gap) }
    }

    private func appendWithWrongLinkConflicts(_ store: any ConsentStore, _ check: Check) async throws {
        _ = try await appendChain(store, for: alice, count: 2)
        let wrongLink = ConsentRecord(
            sealing: entry(8), customer: alice, sequence: 2, previousHash: LedgerChain.genesisHash(of: alice))
        try await requireConflict(check, "a record linked to the wrong predecessor") { try await store.append(wrongLink) }
    }

    private func concurrentAppendsAtOneSequenceAdmitOne(_ store: any ConsentStore, _ check: Check) async throws {
        let contenders = 32
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<contenders {
                let record = ConsentRecord(sealing: entry(index), customer: alice, after: nil)
                group.addTask {
                    do {
                        try await store.append(record)
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        try require(successes == 1, check, expected: "exactly 1 of \(contenders) appends at sequence 0 to succeed", actual: "\(successes) succeeded")
        let count = try await store.records(for: alice).count
        try require(count == 1, check, expected: "1 record", actual: "\(count)")
    }

    private func concurrentAppendsLeaveValidChains(_ store: any ConsentStore, _ check: Check) async throws {
        let customers = (0..<50).compactMap { CustomerID(rawValue: "conformance-\($0)") }
        let perCustomer = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<(customers.count * perCustomer) {
                let customer = customers[index % customers.count]
                group.addTask { try await appendRetrying(store, entry(index), for: customer) }
            }
            try await group.waitForAll()
        }
        for customer in customers {
            let records = try await store.records(for: customer)
            try require(records.count == perCustomer, check, expected: "\(perCustomer) records for \(customer)", actual: "\(records.count)")
            let verification = LedgerChain.verify(records, of: customer)
            try require(
                verification.isIntact, check, expected: "a valid chain for \(customer)",
                actual: verification.problem?.explanation ?? "")
            let distinct = Set(records.map(\.id)).count
            try require(distinct == perCustomer, check, expected: "every writer's record once", actual: "\(distinct) distinct records")
        }
    }

    private func ledgersAreSeparatePerCustomer(_ store: any ConsentStore, _ check: Check) async throws {
        let first = try await appendChain(store, for: alice, count: 3)
        let second = try await appendChain(store, for: bob, count: 2)
        let readAlice = try await store.records(for: alice)
        let readBob = try await store.records(for: bob)
        try require(readAlice == first && readBob == second, check, expected: "3 records for one customer and 2 for the other", actual: "\(readAlice.count) and \(readBob.count)")
    }

    private func customersArePaginatedInOrder(_ store: any ConsentStore, _ check: Check) async throws {
        let ids = (0..<7).map { CustomerID(rawValue: "C\(1000 - $0 * 7)") }.compactMap { $0 }
        for id in ids { _ = try await appendChain(store, for: id, count: 1) }
        var listed: [CustomerID] = []
        var after: CustomerID?
        while true {
            let page = try await store.customers(after: after, limit: 3)
            try require(page.count <= 3, check, expected: "pages of at most 3", actual: "a page of \(page.count)")
            listed += page
            guard let last = page.last, page.count == 3 else { break }
            after = last
        }
        try require(listed == ids.sorted(), check, expected: "\(ids.sorted())", actual: "\(listed)")
    }

    private func sendsRoundTripAndFilterBySince(_ store: any ConsentStore, _ check: Check) async throws {
        let sends = (0..<4).map { send(sequence: $0, minutes: $0 * 10) }
        for send in sends { try await store.appendSend(send) }
        let all = try await store.sends(for: alice, since: .distantPast)
        try require(all == sends, check, expected: "the 4 sends as written", actual: "\(all.map(\.sequence))")
        let recent = try await store.sends(for: alice, since: sends[2].at)
        try require(recent == Array(sends[2...]), check, expected: "the sends at or after the 3rd", actual: "\(recent.map(\.sequence))")
        let count = try await store.sendCount(for: alice)
        try require(count == 4, check, expected: "4 sends", actual: "\(count)")
        let rich = ConsentFixtures.richSends(for: bob)
        for send in rich { try await store.appendSend(send) }
        let readRich = try await store.sends(for: bob, since: .distantPast)
        try require(readRich == rich, check, expected: "the rich sends as written", actual: "they differ in \(sendDifferences(rich, readRich))")
        let tied = try await store.sends(for: bob, since: rich[1].at)
        try require(tied == Array(rich[1...]), check, expected: "the two sends at one instant and the later one", actual: "\(tied.map(\.sequence))")
    }

    private func sendAtTakenSequenceConflicts(_ store: any ConsentStore, _ check: Check) async throws {
        try await store.appendSend(send(sequence: 0, minutes: 0))
        try await requireConflict(check, "a second send at sequence 0") { try await store.appendSend(send(sequence: 0, minutes: 1)) }
        try await requireConflict(check, "a send at sequence 2 after only 1 send") { try await store.appendSend(send(sequence: 2, minutes: 1)) }
        let count = try await store.sendCount(for: alice)
        try require(count == 1, check, expected: "1 send", actual: "\(count)")
    }

    private func pruningSendsKeepsTheirCount(_ store: any ConsentStore, _ check: Check) async throws {
        let aliceSends = (0..<4).map { send(sequence: $0, minutes: $0 * 10) }
        for send in aliceSends { try await store.appendSend(send) }
        let bobSends = [ConsentFixtures.send(for: bob, sequence: 0, minutes: 5), ConsentFixtures.send(for: bob, sequence: 1, minutes: 40)]
        for send in bobSends { try await store.appendSend(send) }
        let removed = try await store.pruneSends(before: aliceSends[2].at)  // minute 20: alice's 0 and 1, bob's 0
        try require(removed == 3, check, expected: "3 sends removed (before minute 20)", actual: "\(removed)")
        let alices = try await store.sends(for: alice, since: .distantPast)
        try require(alices == Array(aliceSends[2...]), check, expected: "alice's sends from minute 20 kept, the one at the instant too", actual: "\(alices.map(\.sequence))")
        let bobs = try await store.sends(for: bob, since: .distantPast)
        try require(bobs == [bobSends[1]], check, expected: "bob's later send kept", actual: "\(bobs.map(\.sequence))")
        let count = try await store.sendCount(for: alice)
        try require(count == 4, check, expected: "alice's send count still 4", actual: "\(count)")
        try await requireConflict(check, "a send at sequence 2 after pruning (the count did not go back)") {
            try await store.appendSend(send(sequence: 2, minutes: 50))
        }
        try await store.appendSend(send(sequence: 4, minutes: 50))
        let again = try await store.pruneSends(before: aliceSends[2].at)
        try require(again == 0, check, expected: "pruning again removes nothing", actual: "\(again)")
        let everything = try await store.pruneSends(before: .distantFuture)
        try require(everything == 4, check, expected: "the 4 remaining sends removed", actual: "\(everything)")
        let emptied = try await store.sendCount(for: alice)
        try require(emptied == 5, check, expected: "alice's send count 5 with her log empty", actual: "\(emptied)")
    }

    private func suppressionRoundTrips(_ store: any ConsentStore, _ check: Check) async throws {
        let entry = SuppressionEntry(digest: digest(171), since: start, reason: .erasure)
        try await store.addSuppression(entry)
        let found = try await store.suppression(for: digest(171))
        try require(found == entry, check, expected: "the entry as written", actual: "\(String(describing: found))")
        let other = try await store.suppression(for: digest(172))
        try require(other == nil, check, expected: "no entry for another digest", actual: "an entry")
    }

    private func suppressionKeepsFirstEntry(_ store: any ConsentStore, _ check: Check) async throws {
        let first = SuppressionEntry(digest: digest(205), since: start, reason: .bounce)
        try await store.addSuppression(first)
        try await store.addSuppression(SuppressionEntry(digest: digest(205), since: start.addingTimeInterval(60), reason: .erasure))
        let found = try await store.suppression(for: digest(205))
        try require(found == first, check, expected: "the first entry kept", actual: "\(String(describing: found))")
    }

    private func survivesReopen(_ store: any ConsentStore, _ check: Check) async throws {
        let records = try await appendChain(store, for: alice, count: 3)
        let sent = send(sequence: 0, minutes: 5)
        try await store.appendSend(sent)
        let entry = SuppressionEntry(digest: digest(239), since: start, reason: .complaint)
        try await store.addSuppression(entry)
        let rich = try await appendAll(store, ConsentFixtures.richLedger(of: bob))
        let richSends = ConsentFixtures.richSends(for: bob)
        for send in richSends { try await store.appendSend(send) }
        let richEntry = ConsentFixtures.richSuppression(digest(240))
        try await store.addSuppression(richEntry)
        let reopened = try await reopen(store, for: check)
        try requireSameRecords(rich, try await reopened.records(for: bob), check, "the rich ledger after reopening")
        let readRichSends = try await reopened.sends(for: bob, since: .distantPast)
        try require(readRichSends == richSends, check, expected: "the rich sends after reopening", actual: "they differ in \(sendDifferences(richSends, readRichSends))")
        let readRichEntry = try await reopened.suppression(for: digest(240))
        try require(readRichEntry == richEntry, check, expected: "the rich suppression entry after reopening", actual: "\(String(describing: readRichEntry))")
        let readRecords = try await reopened.records(for: alice)
        try require(readRecords == records, check, expected: "3 records after reopening", actual: "\(readRecords.count)")
        let readSends = try await reopened.sends(for: alice, since: .distantPast)
        try require(readSends == [sent], check, expected: "the send after reopening", actual: "\(readSends.count) sends")
        let readEntry = try await reopened.suppression(for: digest(239))
        try require(readEntry == entry, check, expected: "the suppression entry after reopening", actual: "\(String(describing: readEntry))")
        try await requireConflict(check, "an append at a taken sequence after reopening") {
            try await reopened.append(ConsentRecord(sealing: self.entry(50), customer: alice, sequence: 0, previousHash: LedgerChain.genesisHash(of: alice)))
        }
    }

    private func instantsKeepMillisecondPrecision(_ store: any ConsentStore, _ check: Check) async throws {
        var entry = entry(0)
        entry.at = ConsentFixtures.instant(123)
        entry.confirmBy = ConsentFixtures.instant(3_600_999)
        let record = ConsentRecord(sealing: entry, customer: alice, after: nil)
        try await store.append(record)
        let read = try await store.records(for: alice).first
        try require(
            read?.at == record.at && read?.confirmBy == record.confirmBy, check,
            expected: "a record's at and confirmBy read back to the millisecond",
            actual: "\(seconds(read?.at)) and \(seconds(read?.confirmBy))")
        let sends = [send(sequence: 0, minutes: 0), send(sequence: 1, minutes: 0)].enumerated().map { index, send in
            var send = send
            send.at = ConsentFixtures.instant(index == 0 ? 1_001 : 1_999)
            return send
        }
        for send in sends { try await store.appendSend(send) }
        let readSends = try await store.sends(for: alice, since: .distantPast)
        try require(readSends.map(\.at) == sends.map(\.at), check, expected: "sends at 1.001 s and 1.999 s read back exactly", actual: "\(readSends.map { seconds($0.at) })")
        let later = try await store.sends(for: alice, since: ConsentFixtures.instant(1_002))
        try require(later.map(\.sequence) == [1], check, expected: "since 1.002 s to give only the send at 1.999 s", actual: "\(later.map(\.sequence))")
        let exact = try await store.sends(for: alice, since: ConsentFixtures.instant(1_001))
        try require(exact.count == 2, check, expected: "since 1.001 s to include the send at exactly that instant", actual: "\(exact.count) sends")
        let suppression = ConsentFixtures.richSuppression(digest(241))
        try await store.addSuppression(suppression)
        let readSuppression = try await store.suppression(for: digest(241))
        try require(readSuppression?.since == suppression.since, check, expected: "a suppression entry's since read back exactly", actual: seconds(readSuppression?.since))
    }

    // MARK: Erasure

    /// Alice (a rich ledger, rich sends) to erase, Bob (a chain and sends) to keep, and two
    /// suppression entries, one of them for Alice's address as an erasure writes it.
    private func storeErasureFixture(_ store: any ConsentStore) async throws -> (bob: [ConsentRecord], bobSends: [SendRecord], suppressions: [SuppressionEntry]) {
        _ = try await appendAll(store, ConsentFixtures.richLedger(of: alice))
        for send in ConsentFixtures.richSends(for: alice) { try await store.appendSend(send) }
        let bob = try await appendChain(store, for: bob, count: 3)
        let bobSends = (0..<2).map { ConsentFixtures.send(for: self.bob, sequence: $0, minutes: $0) }
        for send in bobSends { try await store.appendSend(send) }
        let suppressions = [SuppressionEntry(digest: digest(33), since: start, reason: .erasure), ConsentFixtures.richSuppression(digest(34))]
        for entry in suppressions { try await store.addSuppression(entry) }
        return (bob, bobSends, suppressions)
    }

    /// Fails `check` when `store` still holds anything of Alice's, or lost anything of the rest.
    private func requireOnlyAliceErased(
        _ store: any ConsentStore, _ fixture: (bob: [ConsentRecord], bobSends: [SendRecord], suppressions: [SuppressionEntry]),
        _ check: Check, _ when: String
    ) async throws {
        let records = try await store.records(for: alice)
        try require(records.isEmpty, check, expected: "no ledger records \(when)", actual: "\(records.count) records")
        let count = try await store.sendCount(for: alice)
        try require(count == 0, check, expected: "a send count of 0 \(when)", actual: "\(count)")
        let sends = try await store.sends(for: alice, since: .distantPast)
        try require(sends.isEmpty, check, expected: "no sends \(when)", actual: "\(sends.count) sends")
        let listed = try await store.customers(after: nil, limit: 10)
        try require(listed == [bob], check, expected: "only the other customer listed \(when)", actual: "\(listed)")
        try requireSameRecords(fixture.bob, try await store.records(for: bob), check, "the other customer's ledger \(when)")
        let bobSends = try await store.sends(for: bob, since: .distantPast)
        try require(bobSends == fixture.bobSends, check, expected: "the other customer's 2 sends \(when)", actual: "\(bobSends.map(\.sequence))")
        for entry in fixture.suppressions {
            let found = try await store.suppression(for: entry.digest)
            try require(found == entry, check, expected: "the suppression entry (\(entry.reason.rawValue)) kept \(when)", actual: "\(String(describing: found))")
        }
    }

    private func erasureLeavesNothingBehind(_ store: any ConsentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        try await requireOnlyAliceErased(store, fixture, check, "after erasure")
    }

    private func erasureIsRepeatable(_ store: any ConsentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        let oldCount = ConsentFixtures.richLedger(of: alice).count
        try await store.erase(customer: alice)
        let again = await errorOutcome(ConsentErrorCode.self) { try await store.erase(customer: alice) }
        try require(again == .succeeded, check, expected: "a second erasure of the same customer to succeed", actual: again.description)
        let unknown = await errorOutcome(ConsentErrorCode.self) { try await store.erase(customer: ConsentFixtures.customerID("conformance-nobody")) }
        try require(unknown == .succeeded, check, expected: "erasing an unknown customer to succeed", actual: unknown.description)
        try await requireOnlyAliceErased(store, fixture, check, "after erasing twice")
        var continued: [ConsentRecord] = []
        for index in 0...oldCount {
            continued.append(ConsentRecord(sealing: entry(index), customer: alice, after: continued.last))
        }
        let stale = continued[oldCount]
        try await requireConflict(check, "a record at the erased ledger's old next sequence \(oldCount)") { try await store.append(stale) }
        let restarted = try await appendChain(store, for: alice, count: 2)
        try requireSameRecords(restarted, try await store.records(for: alice), check, "a new ledger from sequence 0 after erasure")
        try await store.appendSend(send(sequence: 0, minutes: 90))
        let count = try await store.sendCount(for: alice)
        try require(count == 1, check, expected: "a new send log from sequence 0 after erasure", actual: "\(count) sends")
    }

    private func erasureSurvivesReopen(_ store: any ConsentStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: alice)
        let reopened = try await reopen(store, for: check)
        try await requireOnlyAliceErased(reopened, fixture, check, "after erasure and reopen")
    }

    // MARK: Fixtures

    private let alice = ConsentFixtures.customerID("conformance-alice")
    private let bob = ConsentFixtures.customerID("conformance-bob")
    private let start = ConsentFixtures.start

    private func entry(_ index: Int) -> ConsentEntry {
        ConsentFixtures.entry(index)
    }

    private func digest(_ fill: UInt8) -> Digest256 {
        ConsentFixtures.digest(fill)
    }

    private func send(sequence: Int, minutes: Int) -> SendRecord {
        ConsentFixtures.send(for: alice, sequence: sequence, minutes: minutes)
    }

    private func appendChain(_ store: any ConsentStore, for customer: CustomerID, count: Int) async throws -> [ConsentRecord] {
        var records: [ConsentRecord] = []
        for index in 0..<count {
            let record = ConsentRecord(sealing: entry(index), customer: customer, after: records.last)
            try await store.append(record)
            records.append(record)
        }
        return records
    }

    private func appendAll(_ store: any ConsentStore, _ records: [ConsentRecord]) async throws -> [ConsentRecord] {
        for record in records { try await store.append(record) }
        return records
    }

    /// Fails unless `actual` is `expected` record for record, naming the first fields that
    /// differ (soft-opt-in categories, evidence, instants, the stored hash, ...).
    private func requireSameRecords(_ expected: [ConsentRecord], _ actual: [ConsentRecord], _ check: Check, _ what: String, line: UInt = #line) throws {
        var problems: [String] = []
        if expected.count != actual.count { problems.append("\(actual.count) records instead of \(expected.count)") }
        for (want, got) in zip(expected, actual) where want != got {
            var fields: [String] = []
            func compare<Value: Equatable>(_ name: String, _ path: KeyPath<ConsentRecord, Value>) {
                if want[keyPath: path] != got[keyPath: path] { fields.append(name) }
            }
            compare("id", \.id)
            compare("customer", \.customer)
            compare("sequence", \.sequence)
            compare("at", \.at)
            compare("action", \.action)
            compare("purpose", \.purpose)
            compare("purposeVersion", \.purposeVersion)
            compare("channel", \.channel)
            compare("source", \.source)
            compare("actor", \.actor)
            compare("evidence", \.evidence)
            compare("confirmBy", \.confirmBy)
            compare("confirms", \.confirms)
            compare("softOptIn", \.softOptIn)
            compare("softOptIn.productCategories", \.softOptIn?.productCategories)
            compare("previousHash", \.previousHash)
            compare("hash", \.hash)
            problems.append("record \(want.sequence): \(fields.isEmpty ? ["=="] : fields)")
        }
        try require(problems.isEmpty, check, expected: "\(what) equal in every field", actual: problems.joined(separator: "; "), line: line)
    }

    /// The sequences and fields of the sends that differ, for failure messages.
    private func sendDifferences(_ expected: [SendRecord], _ actual: [SendRecord]) -> String {
        guard expected.count == actual.count else { return "count: \(actual.count) instead of \(expected.count)" }
        return zip(expected, actual).filter { $0 != $1 }.map { want, got in
            let fields = [
                ("at", want.at != got.at), ("kind", want.kind != got.kind), ("channel", want.channel != got.channel),
                ("category", want.category != got.category), ("purposeVersion", want.purposeVersion != got.purposeVersion),
                ("basis", want.basis != got.basis), ("ledgerHead", want.ledgerHead != got.ledgerHead),
                ("reference", want.reference != got.reference), ("id", want.id != got.id), ("sequence", want.sequence != got.sequence),
            ].filter(\.1).map(\.0)
            return "send \(want.sequence): \(fields)"
        }.joined(separator: "; ")
    }

    /// `date` as seconds since 1970 with its milliseconds, for failure messages.
    private func seconds(_ date: Date?) -> String {
        date.map { String(format: "%.3f s", $0.timeIntervalSince1970) } ?? "nil"
    }

    private func appendRetrying(_ store: any ConsentStore, _ entry: ConsentEntry, for customer: CustomerID) async throws {
        // A conflict after a fresh read means another writer appended, which happens at most
        // 19 times per writer here; 1,000 attempts is ample, and a store that returns the
        // ledger out of order fails in seconds instead of retrying for hours.
        for _ in 0..<1_000 {
            try Task.checkCancellation()  // another writer already failed the check
            let last = try await store.records(for: customer).last
            do {
                try await store.append(ConsentRecord(sealing: entry, customer: customer, after: last))
                return
            } catch let error as ConsentError where error.code == .conflict {
                await Task.yield()
            }
        }
        throw ConformanceFailure(
            suite: Self.suiteName, check: Check.concurrentAppendsLeaveValidChains.rawValue,
            expected: "a retried append to succeed once it is sealed after the current last record",
            actual: "1,000 attempts all conflicted")
    }

    private func pageLimitOutOfRangeIsRefused(_ store: any ConsentStore, _ check: Check) async throws {
        _ = try await appendChain(store, for: alice, count: 1)
        for limit in [0, -1, Int.min] {
            let outcome = await errorOutcome(ConsentErrorCode.self) { _ = try await store.customers(after: nil, limit: limit) }
            try require(
                outcome == .invalidPageSize, check,
                expected: "a limit of \(limit) to fail with consent.invalidPageSize",
                actual: outcome == .succeeded ? "a page" : "\(outcome)")
        }
        let one = try await store.customers(after: nil, limit: 1)
        try require(one == [alice], check, expected: "a limit of 1 to list the one customer", actual: "\(one.count) customers")
    }

    private func requireConflict(_ check: Check, _ what: String, _ body: () async throws -> Void) async throws {
        let outcome = await errorOutcome(ConsentErrorCode.self, of: body)
        try require(
            outcome == .conflict, check, expected: "\(what) to fail with consent.conflict",
            actual: outcome == .succeeded ? "it succeeded" : "it failed with \(outcome)")
    }
}
