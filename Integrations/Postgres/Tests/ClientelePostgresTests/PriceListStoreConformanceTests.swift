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
