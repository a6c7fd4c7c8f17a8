import ClienteleConsent
import ClienteleTestKit
import Testing

@Suite struct ConsentStoreConformanceTests {
    @Test(arguments: ConsentStoreConformance.Check.allCases)
    func theInMemoryStoreConforms(_ check: ConsentStoreConformance.Check) async throws {
        try await ConsentStoreConformance { ReferenceConsentStore.inMemory() }.run(check)
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
