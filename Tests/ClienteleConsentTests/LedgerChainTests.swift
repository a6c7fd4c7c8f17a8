import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct LedgerChainTests {
    /// A ledger of six records made through the service.
    func ledger() async throws -> (Harness, [ConsentRecord]) {
        let harness = try Harness()
        try await harness.subscribeToNewsletter()
        for purpose: PurposeID in ["offers", "recommendations"] {
            harness.advance(minutes: 5)
            try await harness.service.give(purpose, channel: .email, for: Fixture.alice, context: Fixture.form)
        }
        harness.advance(minutes: 5)
        try await harness.service.withdraw("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        let records = try await harness.service.ledger(of: Fixture.alice)
        #expect(records.count == 6)
        return (harness, records)
    }

    @Test func anUntouchedLedgerVerifies() async throws {
        let (harness, records) = try await ledger()
        let verification = LedgerChain.verify(records, of: Fixture.alice)
        #expect(verification.isIntact)
        #expect(verification.head == records[5].head)
        #expect(try await harness.service.verifyChain(of: Fixture.alice).isIntact)
        #expect(records.enumerated().allSatisfy { $0.element.sequence == $0.offset })
        #expect(records[0].previousHash == LedgerChain.genesisHash(of: Fixture.alice))
    }

    @Test func anEditedRecordIsFoundAtItsPosition() async throws {
        var (_, records) = try await ledger()
        records[3].action = .refused
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .altered)
        #expect(problem.position == 3)
    }

    @Test func anEditedAndRehashedRecordBreaksTheNextLink() async throws {
        var (_, records) = try await ledger()
        records[2].at = records[2].at.addingTimeInterval(-86_400)
        records[2].hash = LedgerChain.computeHash(of: records[2])
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .linkBroken)
        #expect(problem.position == 3)
    }

    @Test func aDeletedRecordIsFoundWhereTheSequenceJumps() async throws {
        var (_, records) = try await ledger()
        records.remove(at: 4)
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .missing)
        #expect(problem.position == 4)
        #expect(problem.sequence == 5)
    }

    @Test func aDeletionWithRenumberingAndRehashingBreaksALink() async throws {
        var (_, records) = try await ledger()
        records.remove(at: 1)
        for index in 1..<records.count {
            records[index].sequence = index
            records[index].hash = LedgerChain.computeHash(of: records[index])
        }
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .linkBroken)
        #expect(problem.position == 1)
    }

    @Test func reorderedRecordsAreFound() async throws {
        var (_, records) = try await ledger()
        records.swapAt(2, 3)
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .reordered)
        #expect(problem.position == 2)
    }

    @Test func aRecordOfAnotherCustomerIsFound() async throws {
        var (_, records) = try await ledger()
        let bobs = ConsentRecord(
            sealing: ConsentFixtures.entry(0),
            customer: Fixture.bob, sequence: 6, previousHash: records[5].hash)
        records.append(bobs)
        let problem = try #require(LedgerChain.verify(records, of: Fixture.alice).problem)
        #expect(problem.kind == .foreignRecord)
        #expect(problem.position == 6)
    }

    @Test func aLedgerCutOffAfterASendIsFoundThroughTheSendsHead() async throws {
        let store = TamperingStore()
        let harness = try Harness(store: store)
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        try await harness.service.give("offers", channel: .sms, for: Fixture.alice, context: Fixture.form)
        _ = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .sms, for: Fixture.alice)
        #expect(try await harness.service.verifyChain(of: Fixture.alice).isIntact)
        store.dropLastRecord()
        let problem = try #require(try await harness.service.verifyChain(of: Fixture.alice).problem)
        #expect(problem.kind == .truncated)
        #expect(problem.position == 1)
        #expect(LedgerChain.verify(try await store.records(for: Fixture.alice), of: Fixture.alice).isIntact,
                "without the anchor a cut-off tail is invisible, which is why sends keep the head")
    }

    @Test func theReferenceStoreRefusesRecordsWhoseHashDoesNotMatch() async throws {
        let store = ReferenceConsentStore.inMemory()
        var record = ConsentRecord(
            sealing: ConsentFixtures.entry(0),
            customer: Fixture.alice, after: nil)
        record.source = "edited"
        do {
            try await store.append(record)
            Issue.record("an unsealed record was stored")
        } catch let error as ConsentError {
            #expect(error.code == .invalidRecord)
        }
    }

    @Test func oneThousandConcurrentAppendsLeaveAValidChain() async throws {
        let harness = try Harness()
        let service = harness.service
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1_000 {
                group.addTask {
                    if index % 2 == 0 {
                        try await service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
                    } else {
                        try await service.withdraw("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
                    }
                }
            }
            try await group.waitForAll()
        }
        let records = try await service.ledger(of: Fixture.alice)
        #expect(records.count == 1_000)
        #expect(Set(records.map(\.id)).count == 1_000)
        #expect(try await service.verifyChain(of: Fixture.alice).isIntact)
    }
}

extension LedgerChainTests {
    @Test func servicesSharingAStoreRetryOnConflictsAndKeepTheChainValid() async throws {
        let store = ReferenceConsentStore.inMemory()
        let first = try Harness(store: store).service
        let second = try Harness(store: store).service
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                let service = index % 2 == 0 ? first : second
                group.addTask { try await service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form) }
            }
            try await group.waitForAll()
        }
        let records = try await first.ledger(of: Fixture.alice)
        #expect(records.count == 200)
        #expect(LedgerChain.verify(records, of: Fixture.alice).isIntact)
    }
}

/// A store that lets a test cut records off the end, as an attacker with database access could.
final class TamperingStore: ConsentStore {
    private let inner = ReferenceConsentStore.inMemory()
    private let dropped = LockedCount()

    func dropLastRecord() { dropped.increment() }

    func append(_ record: ConsentRecord) async throws { try await inner.append(record) }
    func records(for customer: CustomerID) async throws -> [ConsentRecord] {
        Array(try await inner.records(for: customer).dropLast(dropped.value))
    }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await inner.customers(after: after, limit: limit) }
    func appendSend(_ send: SendRecord) async throws { try await inner.appendSend(send) }
    func sendCount(for customer: CustomerID) async throws -> Int { try await inner.sendCount(for: customer) }
    func pruneSends(before instant: Date) async throws -> Int { try await inner.pruneSends(before: instant) }
    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] { try await inner.sends(for: customer, since: since) }
    func addSuppression(_ entry: SuppressionEntry) async throws { try await inner.addSuppression(entry) }
    func suppression(for digest: Digest256) async throws -> SuppressionEntry? { try await inner.suppression(for: digest) }
    func erase(customer: CustomerID) async throws { try await inner.erase(customer: customer) }
}


final class LockedCount: Sendable {
    private let count = Locked(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
