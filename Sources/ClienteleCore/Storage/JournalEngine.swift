import Dispatch

/// The parts of a file-backed store besides its state: the group-commit queue, the
/// writer and snapshot queues, and the folder lock.
final class JournalEngine<Change: Sendable>: Sendable {
    let lock: StoreFolderLock
    let options: JournalOptions
    let report: RecoveryReport
    let queue = Locked(CommitQueue<Change>())
    /// Where batches are written and synced: blocking work, kept off the threads that run tasks.
    let writer = DispatchQueue(label: "clientele.journal.writer")
    /// Where snapshots are written, one at a time; `close` runs here too, after them.
    let snapshots = DispatchQueue(label: "clientele.journal.snapshots")

    init(lock: StoreFolderLock, options: JournalOptions, report: RecoveryReport) {
        self.lock = lock
        self.options = options
        self.report = report
    }

    var folder: String { lock.path }

    /// Runs `work` on the snapshot queue (after any snapshot already queued) and returns its result.
    func onSnapshotQueue<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            snapshots.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }

    /// Refuses new commits and waits until the commits already queued are done.
    func closeQueue() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = queue.withLock { queue -> Bool in
                queue.closed = true
                guard queue.flushing else { return true }
                queue.drained.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}

/// Commits waiting for the next batch.
struct CommitQueue<Change: Sendable>: ~Copyable {
    var waiting: [PendingCommit<Change>] = []
    /// True while the writer queue has batches to write.
    var flushing = false
    /// True while an automatic snapshot waits on the snapshot queue.
    var snapshotPending = false
    var closed = false
    /// `close` calls waiting for the queue to empty.
    var drained: [CheckedContinuation<Void, Never>] = []
}

/// The changes of one commit call (one for ``StateStore/commit(_:)``, many for
/// ``StateStore/commit(each:)``) and the committer waiting for their outcomes, in order.
struct PendingCommit<Change: Sendable>: Sendable {
    let changes: [Change]
    /// True for ``StateStore/commit(each:)``: bulk work that leaves a due snapshot to the
    /// next ordinary commit, ``StateStore/compact()`` or open.
    let bulk: Bool
    let continuation: CheckedContinuation<[CommitOutcome], Never>
}

/// What a waiting committer is told.
enum CommitOutcome: Sendable {
    case committed
    case failed(any Error)
}
