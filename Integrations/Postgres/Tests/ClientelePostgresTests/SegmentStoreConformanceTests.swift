import ClienteleCore
import ClientelePostgres
import ClienteleSegmentation
import ClienteleSegmentationTesting
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct SegmentStoreConformanceTests {
    @Test(arguments: SegmentStoreConformance.Check.allCases)
    func thePostgresSegmentStoreConforms(_ check: SegmentStoreConformance.Check) async throws {
        try await SegmentStoreConformance(
            makeStore: { PostgresSegmentStore(client: try await TestDatabase.create().client) },
            reopen: { store in PostgresSegmentStore(client: try await TestDatabase.reopen(store.client)) },
            tearDown: { store in try await TestDatabase.drop(store.client) }
        ).run(check)
    }
}
