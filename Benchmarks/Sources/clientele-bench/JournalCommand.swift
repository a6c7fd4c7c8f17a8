import ClienteleBenchSupport
import ClienteleCore
import Foundation

/// `journal --dir DIR [--records 1000000] [--writers 16] [--commits 3000]`: the
/// file-backed `StateStore` under the peer `durable_writes.py`'s workloads, with
/// ~300-byte customer records (``CustomerRecord``).
///
/// Prints:
/// - `durable_commits_per_s=`: one writer, each upsert its own durable commit (`--commits`
///   of them, over 5,000 customer ids, as the peer does);
/// - `concurrent_commits_per_s=`: `--writers` tasks committing at once (4 × `--commits`
///   in all), where group commit lets one sync cover many commits;
/// - `load_seconds=`: building a store of `--records` records (batches of 10,000 per
///   commit, then a snapshot), like the peer's bulk load in one transaction;
/// - `reopen_seconds=`: a cold open of that store until its state is ready;
/// - `store_bytes=`: the size of that store's folder.
///
/// Each part uses its own subfolder of `--dir`, removed first.
///
/// `--reopen-only` skips everything but the reopen, of the store an earlier run left in
/// `DIR/reopen` (for profiling the open path); it checks that `--records` records load.
enum JournalCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--dir", "--records", "--writers", "--commits"], flags: ["--reopen-only"])
        let folder = URL(filePath: try arguments.required("--dir"), directoryHint: .isDirectory)
        let records = try arguments.int(for: "--records", default: 1_000_000)
        if arguments.flag("--reopen-only") {
            try await reopenOnly(folder.appending(path: "reopen", directoryHint: .isDirectory), records: records)
            return
        }
        let writers = max(1, try arguments.int(for: "--writers", default: 16))
        let commits = max(1, try arguments.int(for: "--commits", default: 3000))

        let sequential = try await durableCommits(in: try fresh(folder, "durable"), commits: commits, writers: 1)
        print("durable_commits_per_s=\(Int(sequential.rounded()))")
        let concurrent = try await durableCommits(in: try fresh(folder, "concurrent"), commits: 4 * commits, writers: writers)
        print("concurrent_writers=\(writers)")
        print("concurrent_commits_per_s=\(Int(concurrent.rounded()))")

        let reopenFolder = try fresh(folder, "reopen")
        let load = try await build(in: reopenFolder, records: records)
        print("records=\(records)")
        print("load_seconds=\(Seconds(load))")
        try await reopenOnly(reopenFolder, records: records)
    }

    /// Reopens the store in `folder`, checks that it holds `records` records, and prints the time and size.
    private static func reopenOnly(_ folder: URL, records: Int) async throws {
        let (reopen, count) = try await reopenTime(folder)
        guard count == records else {
            throw BenchError(.output, "the reopened store holds a different number of records than were written", context: .init(file: folder.path, item: "\(count)"))
        }
        print("reopen_seconds=\(Seconds(reopen))")
        print("store_bytes=\(try Folder.size(of: folder))")
    }

    /// Commits `commits` upserts from `writers` concurrent tasks; returns commits per second.
    private static func durableCommits(in folder: URL, commits: Int, writers: Int) async throws -> Double {
        let store = try await StateStore<CustomerRecordState>.open(folder: folder)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in stride(from: writer, to: commits, by: writers) {
                        try await store.commit(.upsert(CustomerRecord(number: index % 5000 + 1, version: index + 1)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - start
        try await store.close()
        return Double(commits) / seconds(elapsed)
    }

    /// Fills a store with `records` records in commits of 10,000, snapshots and closes it.
    private static func build(in folder: URL, records: Int) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await StateStore<CustomerRecordState>.open(folder: folder)
        var next = 1
        while next <= records {
            let last = min(records, next + 9_999)
            try await store.commit(.upsertMany((next...last).map { CustomerRecord(number: $0) }))
            next = last + 1
        }
        try await store.compact()
        try await store.close()
        return clock.now - start
    }

    /// Opens the store in `folder` and waits until its state is ready; returns the time and the record count.
    private static func reopenTime(_ folder: URL) async throws -> (Duration, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await StateStore<CustomerRecordState>.open(folder: folder)
        let count = store.read { $0.records.count }
        let elapsed = clock.now - start
        try await store.close()
        return (elapsed, count)
    }

    private static func fresh(_ folder: URL, _ name: String) throws(BenchError) -> URL {
        let url = folder.appending(path: name, directoryHint: .isDirectory)
        try Folder.fresh(url)
        return url
    }

    private static func seconds(_ duration: Duration) -> Double {
        Seconds(duration).value
    }
}
