import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

/// `PriceBookService.erase(customer:)`: the erased customer leaves every customer audience;
/// a list that named them alone goes; nothing else changes.
@Suite struct PricingErasureTests {
    static let anna = "C-anna", piet = "C-piet"

    /// solo (anna alone), shared (anna and piet), piet (piet alone), vip (a group).
    static func lists() throws -> [PriceList] {
        let annaID = try CustomerID(validating: anna), pietID = try CustomerID(validating: piet)
        return [
            try F.list("solo", audience: .customers([annaID]), priority: 3, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("10.00"))]),
            try F.list("shared", audience: .customers([annaID, pietID]), priority: 2, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("12.00"))]),
            try F.list("piet", audience: .customers([pietID]), priority: 1, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("14.00"))]),
            try F.list("vip", audience: .groups(["vip"]), entries: [F.entry("e", .allProducts, F.off("1.00"))]),
        ]
    }

    @Test func theErasedCustomerLeavesEveryAudienceAndASoloListGoes() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let store = ReferencePriceListStore.inMemory()
        let service = PriceBookService(store: store, clock: ManualClock(now), events: events)
        for list in try Self.lists() { _ = try await store.create(list) }
        try await service.refresh()
        let item = try F.item("P1", base: "20.00")
        let anna = try F.customer(Self.anna), piet = try F.customer(Self.piet)
        #expect(try service.resolvePrice(for: item, customer: anna).unitPrice == (try eur("10.00")))

        let erasure = try await service.erase(customer: try CustomerID(validating: Self.anna))
        #expect(erasure == PricingErasure(updated: [try PriceListID(validating: "shared")], deleted: [try PriceListID(validating: "solo")]))
        #expect(try service.resolvePrice(for: item, customer: anna).unitPrice == (try eur("20.00")))
        #expect(try service.resolvePrice(for: item, customer: piet).unitPrice == (try eur("12.00")))
        let shared = try #require(try await store.list(try PriceListID(validating: "shared")))
        #expect(shared.list.audience == .customers([try CustomerID(validating: Self.piet)]) && shared.revision == 2)
        #expect(try await store.list(try PriceListID(validating: "solo")) == nil)
        for untouched in ["piet", "vip"] {
            #expect(try await store.list(try PriceListID(validating: untouched))?.revision == 1)
        }
        events.finish()
        var received: [ClienteleEvent] = []
        for await event in stream { received.append(event) }
        #expect(Set(received) == [
            ClienteleEvent(name: "pricing.listUpdated", at: now, attributes: ["list": "shared", "revision": "2"]),
            ClienteleEvent(name: "pricing.listDeleted", at: now, attributes: ["list": "solo"]),
        ])
    }

    @Test func erasingAgainOrErasingACustomerNoListNamesChangesNothing() async throws {
        let store = ReferencePriceListStore.inMemory()
        let service = PriceBookService(store: store, clock: ManualClock(now))
        for list in try Self.lists() { _ = try await store.create(list) }
        let annaID = try CustomerID(validating: Self.anna)
        _ = try await service.erase(customer: annaID)
        let version = try await store.snapshot().version
        #expect(try await service.erase(customer: annaID).isEmpty)
        #expect(try await service.erase(customer: try CustomerID(validating: "C-nobody")).isEmpty)
        #expect(try await store.snapshot().version == version)
    }

    /// Another writer edits the shared list between the erasure's read and its write: the
    /// erasure re-reads and keeps that edit.
    @Test func aConcurrentEditOfAListIsKept() async throws {
        final class EditsFirst: PriceListStore {
            let inner = ReferencePriceListStore.inMemory()
            let edited = Locked(false)
            func create(_ list: PriceList) async throws -> StoredPriceList { try await inner.create(list) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                let first = edited.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first, var other = try await inner.list(list.id) {
                    other.list.priority = 99
                    _ = try await inner.update(other.list, expectedRevision: other.revision)
                }
                return try await inner.update(list, expectedRevision: expectedRevision)
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws { try await inner.delete(id, expectedRevision: expectedRevision) }
            func list(_ id: PriceListID) async throws -> StoredPriceList? { try await inner.list(id) }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] { try await inner.lists(after: after, limit: limit) }
            func snapshot() async throws -> PriceListSnapshot { try await inner.snapshot() }
        }
        let store = EditsFirst()
        let service = PriceBookService(store: store, clock: ManualClock(now))
        for list in try Self.lists() { _ = try await store.inner.create(list) }
        let erasure = try await service.erase(customer: try CustomerID(validating: Self.anna))
        #expect(erasure.updated.map(\.rawValue) == ["shared"])
        let shared = try #require(try await store.list(try PriceListID(validating: "shared")))
        #expect(shared.list.priority == 99 && shared.revision == 3)
        #expect(shared.list.audience == .customers([try CustomerID(validating: Self.piet)]))
    }

    @Test func aListThatKeepsConflictingStopsTheErasureAfterTheConfiguredAttempts() async throws {
        final class AlwaysConflicting: PriceListStore {
            let inner = ReferencePriceListStore.inMemory()
            let writes = Locked(0)
            func create(_ list: PriceList) async throws -> StoredPriceList { try await inner.create(list) }
            func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
                writes.withLock { $0 += 1 }
                throw PricingError(.conflict, "always")
            }
            func delete(_ id: PriceListID, expectedRevision: Int) async throws {
                writes.withLock { $0 += 1 }
                throw PricingError(.conflict, "always")
            }
            func list(_ id: PriceListID) async throws -> StoredPriceList? { try await inner.list(id) }
            func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] { try await inner.lists(after: after, limit: limit) }
            func snapshot() async throws -> PriceListSnapshot { try await inner.snapshot() }
        }
        let store = AlwaysConflicting()
        for list in try Self.lists() { _ = try await store.create(list) }
        let service = PriceBookService(
            store: store, clock: ManualClock(now), configuration: try PricingConfiguration(maximumConflictAttempts: 4))
        await #expect {
            try await service.erase(customer: try CustomerID(validating: Self.anna))
        } throws: { error in
            (error as? PricingError)?.code == .conflict
        }
        #expect(store.writes.withLock { $0 } == 4, "the first list (shared) tried 4 times, then the erasure stopped")
    }
}
