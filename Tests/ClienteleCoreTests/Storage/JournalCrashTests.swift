import ClienteleCore
import ClienteleStoreAttacks
import Foundation
import Testing

/// Kills a real writer process (`clientele-crash-writer journal`) with SIGKILL and checks
/// that nothing acknowledged is lost.
@Suite struct JournalCrashTests {
    @Test func everyAcknowledgedCommitSurvivesAKillAtAnyMoment() async throws {
        let executable = try CrashWriterProcess.executable()
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var schedule = SeededRandom(seed: 2026)
        var acknowledged: Set<UInt64> = []
        let kills = 24
        for round in 0..<kills {
            // Kill after the `#opening` line and 0 to 59 acknowledgements; 0 kills the writer while it opens the store.
            let lines = 1 + schedule.next(below: 60)
            let run = try await CrashWriterProcess.offThePool {
                try CrashWriterProcess.runAndKill(executable, arguments: ["journal", folder.path, "1000000"], afterLines: lines)
            }
            #expect(run.killed, "round \(round): the writer stopped before the kill: \(run.errors)")
            acknowledged.formUnion(run.acknowledged.compactMap { UInt64($0) })

            let store = try await StateStore<SequenceLog>.open(folder: folder.url)
            let report = store.recoveryReport
            #expect(!report.lostAcknowledgedChanges, "round \(round): \(report)")
            let values = store.read { $0.values }
            #expect(Set(values).count == values.count, "round \(round): a change was replayed twice")
            let missing = acknowledged.subtracting(values)
            #expect(missing.isEmpty, "round \(round): acknowledged but lost: \(missing.sorted().prefix(10))")
            try await store.close()
        }
        #expect(acknowledged.count > kills)
    }
}
