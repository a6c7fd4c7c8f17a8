import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ConsentStoreConformanceTests {
    @Test(arguments: ConsentStoreConformance.checksWithoutReopen)
    func theInMemoryStoreConforms(_ check: ConsentStoreConformance.Check) async throws {
        try await ConsentStoreConformance { ReferenceConsentStore.inMemory() }.run(check)
    }

    @Test(arguments: ConsentStoreConformance.Check.allCases)
    func theFileBackedStoreConforms(_ check: ConsentStoreConformance.Check) async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-consent-\(check.rawValue)")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let suite = ConsentStoreConformance(
            makeStore: { try await ReferenceConsentStore.open(folder: folder) },
            reopen: { store in
                try await store.close()
                return try await ReferenceConsentStore.open(folder: folder)
            },
            tearDown: { store in try await store.close() })
        try await suite.run(check)
    }

    @Test func theFileBackedStoreKeepsAServicesLedgerAcrossReopeningAndCompaction() async throws {
        let folders = try TemporaryFolders()
        defer { folders.removeAll() }
        let folder = folders.make()
        let first = try await ReferenceConsentStore.open(folder: folder)
        let harness = try Harness(store: first)
        try await harness.subscribeToNewsletter()
        try await harness.service.recordSoftOptIn("newsletter", channel: .sms, for: Fixture.alice, order: "O-7", productCategories: ["tea"])
        let (_, send) = try await harness.service.decideAndRecordSend(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        _ = try await harness.service.suppress(emailKey: "bob@example.nl", reason: .complaint)
        try await first.compact()
        try await harness.service.withdraw("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        let before = try await harness.service.ledger(of: Fixture.alice)
        try await first.close()

        let second = try await ReferenceConsentStore.open(folder: folder)
        let reopened = try Harness(store: second)
        #expect(try await reopened.service.ledger(of: Fixture.alice) == before)
        #expect(try await reopened.service.verifyChain(of: Fixture.alice).isIntact)
        let proof = try await reopened.service.proof(ofSend: try #require(send).id, for: Fixture.alice)
        #expect(proof.holds)
        #expect(try await reopened.service.suppression(emailKey: "bob@example.nl")?.reason == .complaint)
        #expect(second.recoveryReport.isClean)
        try await second.close()
    }

    @Test func theFileBackedStoreTakes1000ConcurrentAppendsIntoOneValidChain() async throws {
        let folders = try TemporaryFolders()
        defer { folders.removeAll() }
        let store = try await ReferenceConsentStore.open(folder: folders.make())
        let service = try Harness(store: store).service
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<1_000 {
                group.addTask { try await service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form) }
            }
            try await group.waitForAll()
        }
        #expect(try await service.ledger(of: Fixture.alice).count == 1_000)
        #expect(try await service.verifyChain(of: Fixture.alice).isIntact)
        try await store.close()
    }

    @Test func aStoreThatLosesRecordsFailsTheSuiteWithTheCheckNamed() async throws {
        let suite = ConsentStoreConformance { TamperingStore.droppingTheLastRecord() }
        do {
            try await suite.run(.recordsRoundTripInOrder)
            Issue.record("a store that loses records passed")
        } catch let failure as ConformanceFailure {
            #expect(failure.suite == "ConsentStoreConformance")
            #expect(failure.check == "recordsRoundTripInOrder")
        }
    }
}

extension TamperingStore {
    static func droppingTheLastRecord() -> TamperingStore {
        let store = TamperingStore()
        store.dropLastRecord()
        return store
    }
}

/// Fresh temporary folders for file-backed stores, removed after the test.
final class TemporaryFolders: Sendable {
    private let temporary: TemporaryFolder
    private let opened = Locked<[(store: ReferenceConsentStore, folder: URL)]>([])
    private let counter = Locked(0)

    init() throws {
        temporary = try TemporaryFolder(prefix: "clientele-consent")
    }

    func make() -> URL {
        let index = counter.withLock { value in
            defer { value += 1 }
            return value
        }
        return temporary.subfolder("store-\(index)")
    }

    func remember(_ store: ReferenceConsentStore, at folder: URL) {
        opened.withLock { $0.append((store, folder)) }
    }

    func folder(of store: ReferenceConsentStore) -> URL? {
        opened.withLock { list in list.last { $0.store === store }?.folder }
    }

    func closeAll() async throws {
        for entry in opened.withLock({ $0 }) { try await entry.store.close() }
    }

    func removeAll() {
        temporary.remove()
    }
}
