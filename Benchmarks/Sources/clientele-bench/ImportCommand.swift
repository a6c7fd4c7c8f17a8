import Clientele
import Foundation

/// `import --data DIR [--folder DIR] [--batch 10000] [--rerun] [--progress]`: how fast
/// `CustomerHub.importCustomers(from:)` brings `DIR/customers.csv` (the peers' schema, from
/// `dataset`) into a fresh file-backed hub (`CustomerHub.open(at:)`), the target of issue 18
/// being 1,000,000 customers within 60 s.
///
/// The hub has ``HubWorkload``'s configuration (the `newsletter` purpose, the `birth-date`
/// field) and its twenty segments. Prints `customers=` (rows imported), `rejected=`,
/// `import_seconds=` and `import_per_second=` (reading, checking and durably writing every
/// row, without the segment facts), `facts_seconds=` (the facts of every customer reloaded
/// afterwards, as `start()` does), `total_seconds=`, `<store>_store_bytes=` for the three
/// stores written, and with `--rerun` `rerun_seconds=` and `rerun_present=` (the same file
/// imported again: every row found present, nothing written).
///
/// Without `--folder` the hub lives in a temporary folder, removed at the end; with it the
/// folder is emptied first and kept.
enum ImportCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--data", "--folder", "--batch"], flags: ["--rerun", "--progress"])
        guard let data = arguments.value(for: "--data") else {
            throw BenchError(.usage, "import needs --data DIR (a folder made by 'dataset')", context: .init(field: "--data"))
        }
        let csv = URL(filePath: data, directoryHint: .isDirectory).appending(path: "customers.csv")
        let batch = try arguments.int(for: "--batch", default: 10_000)
        let root: URL
        let temporary: Bool
        if let folder = arguments.value(for: "--folder") {
            root = URL(filePath: folder, directoryHint: .isDirectory)
            temporary = false
        } else {
            root = URL(filePath: NSTemporaryDirectory(), directoryHint: .isDirectory)
                .appending(path: "clientele-bench-import-\(UUID().uuidString)", directoryHint: .isDirectory)
            temporary = true
        }
        defer { if temporary { try? FileManager.default.removeItem(at: root) } }
        try Folder.fresh(root)
        let showProgress = arguments.flag("--progress")
        let progress: (@Sendable (CustomerImportProgress) -> Void)? = showProgress ? Self.printProgress : nil

        let hub = try await CustomerHub.open(at: root, configuration: try HubWorkload.configuration(), hasher: try HubWorkload.hasher())
        try await hub.start()
        try await HubWorkload.defineSegments(in: hub)
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await hub.importCustomers(
            from: csv, options: CustomerImportOptions(batchSize: batch, refreshFacts: false), progress: progress)
        let imported = clock.now
        try await hub.start()
        let loaded = clock.now
        print("customers=\(summary.imported)")
        print("rejected=\(summary.rejected.count)")
        print("import_seconds=\(Seconds(imported - start))")
        let seconds = Double((imported - start).components.seconds) + Double((imported - start).components.attoseconds) / 1e18
        print("import_per_second=\(Int(Double(summary.imported) / max(seconds, 1e-9)))")
        print("facts_seconds=\(Seconds(loaded - imported))")
        print("total_seconds=\(Seconds(loaded - start))")
        if arguments.flag("--rerun") {
            let again = clock.now
            let rerun = try await hub.importCustomers(from: csv, options: CustomerImportOptions(batchSize: batch, refreshFacts: false))
            print("rerun_seconds=\(Seconds(clock.now - again))")
            print("rerun_present=\(rerun.alreadyPresent)")
            guard rerun.imported == 0, rerun.alreadyPresent == summary.imported else {
                throw BenchError(.output, "the second import wrote rows; it should find every row present", context: .init(item: "\(rerun.imported)"))
            }
        }
        try await hub.close()
        for store in ["accounts", "consent", "profiles"] {
            print("\(store)_store_bytes=\(try Folder.size(of: root.appending(path: store, directoryHint: .isDirectory)))")
        }
    }

    /// One progress line on standard error: rows, rate, estimated seconds left.
    @Sendable static func printProgress(_ step: CustomerImportProgress) {
        var standardError = StandardError()
        let eta = step.estimatedRemaining.map { Seconds($0).description } ?? "?"
        print("imported \(step.rows) rows, \(Int(step.rowsPerSecond))/s, eta \(eta) s", to: &standardError)
    }
}
