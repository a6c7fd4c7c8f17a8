import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceListStoreConformanceTests {
    @Test(arguments: PriceListStoreConformance.checksWithoutReopen)
    func inMemoryReferenceStoreConforms(_ check: PriceListStoreConformance.Check) async throws {
        try await PriceListStoreConformance { ReferencePriceListStore.inMemory() }.run(check)
    }

    @Test(arguments: PriceListStoreConformance.Check.allCases)
    func fileBackedReferenceStoreConforms(_ check: PriceListStoreConformance.Check) async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-pricing-\(check.rawValue)")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let suite = PriceListStoreConformance(
            makeStore: { try await ReferencePriceListStore.open(folder: folder) },
            reopen: { store in
                try await store.close()
                return try await ReferencePriceListStore.open(folder: folder)
            },
            tearDown: { store in try await store.close() })
        try await suite.run(check)
    }

    @Test func aFileBackedStoreKeepsListsAcrossReopenAndCompaction() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-pricing")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let list = try F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))])
        let first = try await ReferencePriceListStore.open(folder: folder)
        _ = try await first.create(list)
        try await first.compact()
        var deeper = list
        deeper.entries[0].adjustment = try F.percentOff(1_500)
        _ = try await first.update(deeper, expectedRevision: 1)
        try await first.close()

        let second = try await ReferencePriceListStore.open(folder: folder)
        #expect(second.folder == folder)
        #expect(try await second.list(list.id) == StoredPriceList(list: deeper, revision: 2))
        let service = PriceBookService(store: second, clock: ManualClock(now))
        try await service.refresh()
        let price = try service.resolvePrice(for: try F.item("P1", base: "20.00"), customer: try F.customer("C1", groups: ["vip"]))
        #expect(price.unitPrice == (try eur("17.00")))
        try await second.close()
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
        let report = await suite.runAll()
        #expect(report.failed.count >= 2)
        #expect(report.skipped.map(\.check) == ["survivesReopen"])
    }

    @Test func aStoreThatAnswersABadPageLimitWithAnEmptyPageFailsTheSuite() async throws {
        /// Wraps the reference store but answers a limit below 1 with an empty page.
        struct Lenient: PriceListStore {
            let inner = ReferencePriceListStore.inMemory()
            func create(_ list: PriceList) async throws -> StoredPriceList { try await inner.create(list) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                try await inner.update(list, expectedRevision: expectedRevision)
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws {
                try await inner.delete(id, expectedRevision: expectedRevision)
            }
            func list(_ id: PriceListID) async throws -> StoredPriceList? { try await inner.list(id) }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
                limit < 1 ? [] : try await inner.lists(after: after, limit: limit)
            }
            func snapshot() async throws -> PriceListSnapshot { try await inner.snapshot() }
        }
        let suite = PriceListStoreConformance { Lenient() }
        await #expect(throws: ConformanceFailure.self) { try await suite.run(.pageLimitOutOfRangeIsRefused) }
    }

    @Test(arguments: [0, -1, Int.min])
    func theStateRefusesAPageLimitBelowOne(_ limit: Int) {
        #expect {
            _ = try PriceListState().lists(after: nil, limit: limit)
        } throws: { error in
            let error = error as? PricingError
            return error?.code == .invalidPageSize && error?.context.field == "limit"
        }
    }
}
