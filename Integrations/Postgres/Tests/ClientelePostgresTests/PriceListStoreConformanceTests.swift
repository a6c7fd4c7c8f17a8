import ClienteleCore
import ClientelePostgres
import ClientelePricing
import ClientelePricingTesting
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct PriceListStoreConformanceTests {
    @Test(arguments: PriceListStoreConformance.Check.allCases)
    func thePostgresPriceListStoreConforms(_ check: PriceListStoreConformance.Check) async throws {
        try await PriceListStoreConformance(
            makeStore: { PostgresPriceListStore(client: try await TestDatabase.create().client) },
            reopen: { store in PostgresPriceListStore(client: try await TestDatabase.reopen(store.client)) },
            tearDown: { store in try await TestDatabase.drop(store.client) }
        ).run(check)
    }
}

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct PriceBookAcrossAppServersTests {
    /// A price-list change made through one app server's price book service is in the other
    /// server's book after its next refresh: the store's version moves in the write's own
    /// transaction.
    @Test func aPriceListChangeOnOneAppServerIsInTheOtherServersNextBook() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let one = PriceBookService(store: PostgresPriceListStore(client: database.client))
        let two = PriceBookService(store: PostgresPriceListStore(client: second.client))
        try await one.refresh()
        try await two.refresh()
        #expect(try two.book.lists.isEmpty)

        let list = try PricingFixtures.list(
            "spring", priority: 3,
            entries: [try PricingFixtures.entry("e1", try PricingFixtures.product("P1"), try PricingFixtures.fixed("39.95"))])
        let created = try await one.create(list)
        try await two.refresh()
        #expect(try two.book.lists == [list])

        var changed = created.list
        changed.priority = 7
        _ = try await one.update(changed, expectedRevision: created.revision)
        #expect(try two.book.lists == [list])
        try await two.refresh()
        #expect(try two.book.lists == [changed])
        #expect(try two.book.version == one.book.version)

        await second.close()
        try await database.drop()
    }
}
