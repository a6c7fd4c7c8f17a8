import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceBookServiceTests {
    @Test func changesToListsRebuildTheBook() async throws {
        let clock = ManualClock(now)
        let service = try await PriceBookService(store: ReferencePriceListStore.inMemory(), clock: clock)
        let item = try F.item("P1", base: "20.00")
        let vip = try F.customer("C1", groups: ["vip"])
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("20.00")))

        let list = try F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))])
        let created = try await service.create(list)
        #expect(created.revision == 1)
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("18.00")))
        #expect(service.book.version == 1)

        var deeper = list
        deeper.entries[0].adjustment = try F.percentOff(2_000)
        try await service.update(deeper, expectedRevision: 1)
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("16.00")))

        // A stale update fails and leaves the book as it was.
        await #expect(throws: PricingError.self) { try await service.update(list, expectedRevision: 1) }
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("16.00")))

        try await service.delete(list.id, expectedRevision: 2)
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("20.00")))
        #expect(try await service.list(list.id) == nil)
    }

    @Test func pricesFollowTheInjectedClock() async throws {
        let clock = ManualClock(now)
        let store = ReferencePriceListStore.inMemory()
        let service = try await PriceBookService(store: store, clock: clock)
        try await service.create(
            F.list("weekend", validFrom: now + day, validTo: now + 3 * day, entries: [F.entry("e", .allProducts, F.off("5.00"))]))
        let item = try F.item("P1", base: "20.00")
        #expect(try service.resolvePrice(for: item, customer: .anonymous).unitPrice == (try eur("20.00")))
        clock.advance(by: .seconds(86_400))
        #expect(try service.resolvePrice(for: item, customer: .anonymous).unitPrice == (try eur("15.00")))
        #expect(try service.priceListing([item], for: .anonymous).map(\.unitPrice) == [try eur("15.00")])
        #expect(try service.priceCart([CartLine(item: item, quantity: 2)], for: .anonymous).total == (try eur("30.00")))
        #expect(try service.explainPrice(for: item, customer: .anonymous).resolution.winner?.list.rawValue == "weekend")
        clock.advance(by: .seconds(2 * 86_400))
        #expect(try service.resolvePrice(for: item, customer: .anonymous).unitPrice == (try eur("20.00")))
    }

    @Test func refreshPicksUpChangesMadeThroughTheStore() async throws {
        let store = ReferencePriceListStore.inMemory()
        let service = try await PriceBookService(store: store, clock: ManualClock(now))
        _ = try await store.create(try F.list("direct", entries: [F.entry("e", .allProducts, F.fixed("1.00"))]))
        #expect(service.book.lists.isEmpty)
        try await service.refresh()
        #expect(service.book.lists.map(\.id.rawValue) == ["direct"])
        let before = service.book.version
        try await service.refresh()
        #expect(service.book.version == before)
    }

    @Test func readersNeverSeeAHalfBuiltBook() async throws {
        let service = try await PriceBookService(store: ReferencePriceListStore.inMemory(), clock: ManualClock(now))
        let item = try F.item("P1", base: "100.00")
        // List i takes 1.00 off more than list i − 1, so book version v prices P1 at 100 − v.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for i in 1...30 {
                    try await service.create(
                        F.list(String(format: "L%02d", i), entries: [F.entry("e", .allProducts, F.off("\(i).00"))]))
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<300 {
                        let book = service.book
                        let price = try book.resolve(request(item))
                        #expect(book.lists.count == Int(book.version))
                        #expect(price.unitPrice.minorUnits == 10_000 - Int64(book.version) * 100)
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(service.book.version == 30)
    }

    @Test func aServiceOverAnInvalidStoreFailsToStart() async throws {
        struct Corrupt: PriceListStore {
            func create(_ list: PriceList) async throws -> StoredPriceList { StoredPriceList(list: list, revision: 1) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                StoredPriceList(list: list, revision: expectedRevision + 1)
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws {}
            func list(_ id: PriceListID) async throws -> StoredPriceList? { nil }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] { [] }
            func snapshot() async throws -> PriceListSnapshot {
                var list = try F.list("bad", entries: [F.entry("e", .allProducts, F.fixed("1.00"))])
                list.entries[0].minimumQuantity = 0
                return PriceListSnapshot(lists: [StoredPriceList(list: list, revision: 1)], version: 1)
            }
        }
        await #expect {
            _ = try await PriceBookService(store: Corrupt(), clock: ManualClock(now))
        } throws: { error in
            (error as? PricingError)?.code == .invalidMinimumQuantity
        }
    }
}
