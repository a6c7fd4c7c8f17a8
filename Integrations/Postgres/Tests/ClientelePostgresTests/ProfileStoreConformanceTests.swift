import ClienteleCore
import ClientelePostgres
import ClienteleProfiling
import ClienteleProfilingTesting
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct ProfileStoreConformanceTests {
    @Test(arguments: ProfileStoreConformance.Check.allCases)
    func thePostgresProfileStoreConforms(_ check: ProfileStoreConformance.Check) async throws {
        try await ProfileStoreConformance(
            makeStore: { PostgresProfileStore(client: try await TestDatabase.create().client) },
            reopen: { store in PostgresProfileStore(client: try await TestDatabase.reopen(store.client)) },
            tearDown: { store in try await TestDatabase.drop(store.client) }
        ).run(check)
    }
}
