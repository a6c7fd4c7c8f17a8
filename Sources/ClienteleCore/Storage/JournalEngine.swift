import Synchronization

/// The parts of a file-backed store besides its state: the group-commit queue, the
/// snapshot lock and the folder lock.
final class JournalEngine<Change: Sendable>: Sendable {
    let lock: StoreFolderLock
    let options: JournalOptions
    let report: RecoveryReport
    let queue = Mutex(CommitQueue<Change>())
    /// Held while a snapshot is written, and by `close`.
    let compaction = Mutex(())

    init(lock: StoreFolderLock, options: JournalOptions, report: RecoveryReport) {
        self.lock = lock
        self.options = options
        self.report = report
    }

    var folder: String { lock.path }

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
    /// True while some committer writes a batch; it hands the role on when done.
    var flushing = false
    var closed = false
    /// `close` calls waiting for the queue to empty.
    var drained: [CheckedContinuation<Void, Never>] = []
}

/// A change and the committer waiting for it.
struct PendingCommit<Change: Sendable>: Sendable {
    let change: Change
    let continuation: CheckedContinuation<CommitOutcome, Never>
}

/// What a waiting committer is told.
enum CommitOutcome: Sendable {
    case committed
    case failed(any Error)
    /// Your change has not been written yet: you write the next batch (including it).
    case writeNextBatch
}
