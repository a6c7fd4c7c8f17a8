import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceListStoreConformanceTests {
    @Test(arguments: PriceListStoreConformance.Check.allCases)
    func inMemoryReferenceStoreConforms(_ check: PriceListStoreConformance.Check) async throws {
        try await PriceListStoreConformance { ReferencePriceListStore.inMemory() }.run(check)
    }

    @Test func aStoreThatIgnoresRevisionsFailsTheSuite() async throws {
        /// Wraps the reference store but lets stale updates through.
        struct Careless: PriceListStore {
            let inner = ReferencePriceListStore.inMemory()
            func create(_ list: PriceList) async throws -> StoredPriceList { try await inner.create(list) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                let current = try await inner.list(list.id)?.revision ?? expectedRevision
                return try await inner.update(list, expectedRevision: current)
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws {
                try await inner.delete(id, expectedRevision: expectedRevision)
            }
            func list(_ id: PriceListID) async throws -> StoredPriceList? { try await inner.list(id) }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
                try await inner.lists(after: after, limit: limit)
            }
            func snapshot() async throws -> PriceListSnapshot { try await inner.snapshot() }
        }
        let suite = PriceListStoreConformance { Careless() }
        await #expect(throws: ConformanceFailure.self) { try await suite.run(.staleWritesConflict) }
        let failures = await suite.runAll()
        #expect(failures.count >= 2)
    }
}
