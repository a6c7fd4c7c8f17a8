import ClientelePricing
import ClienteleTestKit
import Foundation
import Synchronization
import Testing

@Suite struct PriceBookServiceTests {
    @Test func changesToListsRebuildTheBook() async throws {
        let clock = ManualClock(now)
        let service = PriceBookService(store: ReferencePriceListStore.inMemory(), clock: clock)
        try await service.refresh()
        let item = try F.item("P1", base: "20.00")
        let vip = try F.customer("C1", groups: ["vip"])
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("20.00")))

        let list = try F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))])
        let created = try await service.create(list)
        #expect(created.revision == 1)
        #expect(try service.resolvePrice(for: item, customer: vip).unitPrice == (try eur("18.00")))
        #expect(try service.book.version == 1)

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

    @Test func aListsValidityIsKeptToTheMillisecond() async throws {
        let service = PriceBookService(store: ReferencePriceListStore.inMemory(), clock: ManualClock(now))
        let from = Date(timeIntervalSince1970: 1_700_000_000.123_456_7)
        let to = Date(timeIntervalSince1970: 1_700_086_400.987_654_3)
        let created = try await service.create(
            F.list("timed", validFrom: from, validTo: to, entries: [F.entry("e", .allProducts, F.off("5.00"))]))
        #expect(created.list.validFrom == StoredInstant.normalized(from))
        #expect(created.list.validTo == StoredInstant.normalized(to))
        var later = created.list
        later.validFrom = from + 0.000_4
        let updated = try await service.update(later, expectedRevision: created.revision)
        #expect(updated.list.validFrom.map(StoredInstant.isNormalized) == true)
    }

    @Test func pricesFollowTheInjectedClock() async throws {
        let clock = ManualClock(now)
        let store = ReferencePriceListStore.inMemory()
        let service = PriceBookService(store: store, clock: clock)
        try await service.refresh()
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
        let service = PriceBookService(store: store, clock: ManualClock(now))
        try await service.refresh()
        _ = try await store.create(try F.list("direct", entries: [F.entry("e", .allProducts, F.fixed("1.00"))]))
        #expect(try service.book.lists.isEmpty)
        try await service.refresh()
        #expect(try service.book.lists.map(\.id.rawValue) == ["direct"])
        let before = try service.book.version
        try await service.refresh()
        #expect(try service.book.version == before)
    }

    @Test func readersNeverSeeAHalfBuiltBook() async throws {
        let service = PriceBookService(store: ReferencePriceListStore.inMemory(), clock: ManualClock(now))
        try await service.refresh()
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
                        let book = try service.book
                        let price = try book.resolve(request(item))
                        #expect(book.lists.count == Int(book.version))
                        #expect(price.unitPrice.minorUnits == 10_000 - Int64(book.version) * 100)
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try service.book.version == 30)
    }

    @Test func aRefreshOverAnInvalidStoreFailsAndLeavesTheBookUnloaded() async throws {
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
        let service = PriceBookService(store: Corrupt(), clock: ManualClock(now))
        await #expect {
            try await service.refresh()
        } throws: { error in
            (error as? PricingError)?.code == .invalidMinimumQuantity
        }
        #expect(!service.isLoaded)
        #expect(Self.code { _ = try service.book } == .notLoaded)
    }

    @Test func pricesBeforeTheFirstRefreshAreRefusedAsNotLoaded() async throws {
        let store = ReferencePriceListStore.inMemory()
        _ = try await store.create(try F.list("sale", entries: [F.entry("e", .allProducts, F.off("5.00"))]))
        let service = PriceBookService(store: store, clock: ManualClock(now))
        let item = try F.item("P1", base: "20.00")
        #expect(!service.isLoaded)
        let codes: [PricingErrorCode?] = [
            Self.code { _ = try service.book },
            Self.code { _ = try service.resolvePrice(for: item, customer: .anonymous) },
            Self.code { _ = try service.explainPrice(for: item, customer: .anonymous) },
            Self.code { _ = try service.priceCart([CartLine(item: item, quantity: 1)], for: .anonymous) },
            Self.code { _ = try service.priceListing([item], for: .anonymous) },
        ]
        #expect(codes == Array(repeating: .notLoaded, count: 5))

        try await service.refresh()
        #expect(service.isLoaded)
        #expect(try service.resolvePrice(for: item, customer: .anonymous).unitPrice == (try eur("15.00")))
    }

    @Test func aChangeMadeThroughTheServiceLoadsTheBook() async throws {
        let store = ReferencePriceListStore.inMemory()
        _ = try await store.create(try F.list("old", entries: [F.entry("e", .allProducts, F.off("1.00"))]))
        let service = PriceBookService(store: store, clock: ManualClock(now))
        try await service.create(F.list("new", entries: [F.entry("e", .allProducts, F.off("2.00"))]))
        #expect(try service.book.lists.map(\.id.rawValue) == ["new", "old"])
    }

    @Test func copiesOfTheServiceShareOneBook() async throws {
        let service = PriceBookService(store: ReferencePriceListStore.inMemory(), clock: ManualClock(now))
        let copy = service
        try await service.create(F.list("sale", entries: [F.entry("e", .allProducts, F.off("5.00"))]))
        #expect(try copy.book.version == 1)
    }

    @Test func changesToListsAreAnnouncedAsEvents() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let service = PriceBookService(
            store: ReferencePriceListStore.inMemory(), clock: ManualClock(now), events: events)
        let list = try F.list("vip", entries: [F.entry("e", .allProducts, F.off("5.00"))])
        try await service.create(list)
        try await service.update(list, expectedRevision: 1)
        await #expect(throws: PricingError.self) { try await service.update(list, expectedRevision: 1) }
        try await service.delete(list.id, expectedRevision: 2)
        events.finish()
        var received: [ClienteleEvent] = []
        for await event in stream { received.append(event) }
        #expect(received == [
            ClienteleEvent(name: "pricing.listCreated", at: now, attributes: ["list": "vip", "revision": "1"]),
            ClienteleEvent(name: "pricing.listUpdated", at: now, attributes: ["list": "vip", "revision": "2"]),
            ClienteleEvent(name: "pricing.listDeleted", at: now, attributes: ["list": "vip"]),
        ])
    }

    @Test func aConflictGoesBackToTheCallerAfterOneAttempt() async throws {
        /// Counts writes and answers every update and delete with a conflict.
        final class AlwaysConflicting: PriceListStore {
            let inner = ReferencePriceListStore.inMemory()
            let writes = Counter()
            func create(_ list: PriceList) async throws -> StoredPriceList { try await inner.create(list) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                writes.increment()
                throw PricingError(.conflict, "always")
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws {
                writes.increment()
                throw PricingError(.conflict, "always")
            }
            func list(_ id: PriceListID) async throws -> StoredPriceList? { try await inner.list(id) }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
                try await inner.lists(after: after, limit: limit)
            }
            func snapshot() async throws -> PriceListSnapshot { try await inner.snapshot() }
        }
        let store = AlwaysConflicting()
        let service = PriceBookService(
            store: store, clock: ManualClock(now), configuration: try PricingConfiguration(maximumConflictAttempts: 5))
        let created = try await service.create(F.list("vip", entries: [F.entry("e", .allProducts, F.off("5.00"))]))
        await #expect {
            try await service.update(created.list, expectedRevision: 1)
        } throws: { error in
            (error as? PricingError)?.code == .conflict
        }
        await #expect {
            try await service.delete(created.id, expectedRevision: 1)
        } throws: { error in
            (error as? PricingError)?.code == .conflict
        }
        #expect(store.writes.value == 2)
    }

    /// The code of the ``PricingError`` `body` throws; `nil` when it returns or throws something else.
    private static func code(_ body: () throws -> Void) -> PricingErrorCode? {
        do {
            try body()
            return nil
        } catch {
            return (error as? PricingError)?.code
        }
    }
}

/// A thread-safe count for test doubles.
final class Counter: Sendable {
    private let count = Atomic(0)
    /// The count so far.
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
    /// Adds one.
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
}
