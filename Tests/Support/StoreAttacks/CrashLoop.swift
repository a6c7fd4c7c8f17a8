import ClienteleCore
import Foundation

/// Kills a writer process of one store kind with SIGKILL at seeded moments, reopens the
/// store in-process after each kill, and checks that every acknowledged item survived,
/// once, with every chain intact.
package enum CrashLoop {
    /// The figures of one crash loop, printed at the end of its test.
    package struct Figures: Sendable, CustomStringConvertible {
        package var kind: String
        package var runs = 0
        package var acknowledged = 0
        package var lost = 0
        package var duplicated = 0
        package var failedOpens = 0
        package var brokenChains = 0
        /// Reopens that cut a torn tail, and that removed leftovers of an interrupted snapshot:
        /// evidence that kills landed mid-commit and mid-snapshot.
        package var tornTails = 0
        package var interruptedSnapshots = 0
        /// Runs in which the writer stopped by itself before the kill (it could not open or write).
        package var writerFailures = 0
        /// The most journal files the folder held after a reopen: a store killed during its
        /// snapshots must not pile them up (at most the journal a snapshot fell into, the one
        /// started after it, and one a kill during a journal start left empty).
        package var mostJournalFiles = 0
        /// The bound on ``mostJournalFiles``.
        package static let journalFileBound = 3
        /// One line per problem found; empty when the store held up.
        package var problems: [String] = []

        package var description: String {
            "crash loop \(kind): runs \(runs), acknowledged \(acknowledged), lost \(lost), duplicated \(duplicated), "
                + "failed opens \(failedOpens), broken chains \(brokenChains), writer failures \(writerFailures); "
                + "reopens with a torn tail \(tornTails), with an interrupted snapshot \(interruptedSnapshots); "
                + "most journal files \(mostJournalFiles)"
        }
    }

    /// Runs per store kind: `CLIENTELE_CRASH_RUNS`, default 6 (`.ci/run` sets 30).
    package static var runs: Int {
        ProcessInfo.processInfo.environment["CLIENTELE_CRASH_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? 6
    }

    /// Journal bytes between automatic snapshots in the writer: small, so kills land in snapshots too.
    package static let snapshotThreshold = 8 << 10

    /// Runs the loop for `store` in a fresh folder and returns its figures.
    package static func run(_ store: any StoreUnderAttack.Type, runs: Int = runs, seed: UInt64 = 2026) async throws -> Figures {
        let executable = try CrashWriterProcess.executable()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-crash-\(store.kind)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var schedule = SeededRandom(seed: seed)
        var figures = Figures(kind: store.kind)
        var acknowledged: Set<String> = []
        for round in 0..<runs {
            // 1 line is `#opening`: a kill while the store opens; up to 60 acknowledgements otherwise.
            let lines = 1 + schedule.next(below: 61)
            let arguments = [store.kind, folder.path, "--prefix", "r\(round)", "--snapshot-threshold", String(snapshotThreshold)]
            let run = try await CrashWriterProcess.offThePool {
                try CrashWriterProcess.runAndKill(executable, arguments: arguments, afterLines: lines)
            }
            figures.runs += 1
            figures.acknowledged += run.acknowledged.count
            acknowledged.formUnion(run.acknowledged)
            if !run.killed {
                figures.writerFailures += 1
                figures.problems.append("run \(round): the writer stopped before the kill: \(run.errors.prefix(400))")
            }
            let inspection: StoreInspection
            do {
                inspection = try await store.inspect(folder: folder, options: JournalOptions())
            } catch {
                figures.failedOpens += 1
                figures.problems.append("run \(round): the store did not open: \(error)")
                continue
            }
            let journals = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("journal-") }
            figures.mostJournalFiles = max(figures.mostJournalFiles, journals.count)
            if journals.count > Figures.journalFileBound {
                figures.problems.append("run \(round): journals pile up: \(journals.sorted())")
            }
            if inspection.report.truncations.contains(where: { $0.reason == .tornTail }) { figures.tornTails += 1 }
            if !inspection.report.removedFiles.isEmpty { figures.interruptedSnapshots += 1 }
            if inspection.report.lostAcknowledgedChanges {
                figures.problems.append("run \(round): the recovery report says acknowledged changes were lost: \(inspection.report)")
            }
            let missing = acknowledged.subtracting(inspection.keys)
            figures.lost += missing.count
            if !missing.isEmpty {
                figures.problems.append("run \(round): acknowledged but lost: \(missing.sorted().prefix(10)) (report: \(inspection.report))")
            }
            // Lost items stay lost: count each once.
            acknowledged.subtract(missing)
            figures.duplicated += inspection.duplicates.count
            if !inspection.duplicates.isEmpty {
                figures.problems.append("run \(round): present more than once: \(inspection.duplicates.prefix(10))")
            }
            figures.brokenChains += inspection.brokenChains.count
            if !inspection.brokenChains.isEmpty {
                figures.problems.append("run \(round): broken chains: \(inspection.brokenChains.prefix(5))")
            }
        }
        return figures
    }
}
