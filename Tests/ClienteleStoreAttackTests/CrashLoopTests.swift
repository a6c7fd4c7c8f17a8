import ClienteleStoreAttacks
import Testing

/// SIGKILL crash loops: for each store kind, a writer process is killed at seeded moments
/// (while it opens the store, mid-commit, mid-snapshot) and the store is reopened in-process.
/// Runs per kind: `CLIENTELE_CRASH_RUNS` (default 6; `.ci/run` sets 30).
@Suite struct CrashLoopTests {
    @Test(arguments: StoresUnderAttack.all.map { $0.kind })
    func everyAcknowledgedItemSurvivesKillsOnce(_ kind: String) async throws {
        let store = try #require(StoresUnderAttack.named(kind))
        let figures = try await CrashLoop.run(store)
        print(figures)
        for problem in figures.problems { Issue.record("\(kind): \(problem)") }
        #expect(figures.runs == CrashLoop.runs)
        #expect(figures.acknowledged > 0, "\(kind): the writer acknowledged nothing")
        #expect(figures.lost == 0 && figures.duplicated == 0 && figures.failedOpens == 0 && figures.brokenChains == 0)
    }
}
