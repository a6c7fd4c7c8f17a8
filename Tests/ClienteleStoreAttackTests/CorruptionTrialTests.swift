import ClienteleStoreAttacks
import Testing

/// Corruption trials: every store kind's folder is truncated, bit-flipped, stripped of
/// files and shuffled, then opened with the default options and with `.salvage`. Each
/// outcome must be (a) identical data, (b) a loss the recovery report names, or (c) a
/// typed refusal naming the file; the table of outcomes is printed.
@Suite struct CorruptionTrialTests {
    @Test(arguments: StoresUnderAttack.all.map { $0.kind })
    func everyDamageIsSurvivedIdenticallyReportedOrRefusedByName(_ kind: String) async throws {
        let store = try #require(StoresUnderAttack.named(kind))
        let figures = try await CorruptionTrial.run(store)
        print(figures)
        #expect(figures.counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } > 0)
        // One issue per mutation kind and options that went wrong, with its first instance.
        for (row, count) in figures.failureCounts.sorted(by: { $0.key < $1.key }) {
            Issue.record("\(kind): \(row): \(count) unacceptable outcome(s); first: \(figures.firstFailure[row] ?? "")")
        }
    }
}
