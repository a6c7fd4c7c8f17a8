import Dispatch
import Foundation

/// Holds a ``JournaledState`` value, applies changes to it atomically, and serves reads.
///
/// Every reference store in Clientele is a thin layer over one of these, in memory or
/// backed by a journal in a folder:
///
/// ```swift
/// let memory = StateStore<AccountState>.inMemory()
/// let file = try await StateStore<AccountState>.open(folder: folderURL)
/// try await file.commit(.insert(record))             // durable when it returns
/// let stored = file.read { $0.record(record.customer.id) }
/// try await file.close()
/// ```
///
/// A change that fails to apply is rejected for its caller only, leaves the state
/// untouched and is never written. Reads see every committed change and nothing else;
/// in a file-backed store, only changes that are already durable.
///
/// A file-backed store batches concurrent commits into one write and one sync (group
/// commit), writes a snapshot when the journal grows past
/// ``JournalOptions/snapshotThreshold`` (or on ``compact()``), and holds an exclusive
/// lock on its folder until ``close()``. See Docs/Storage.md for the guarantees.
public final class StateStore<State: JournaledState>: Sendable {
    /// Options for a file-backed store.
    public typealias Options = JournalOptions

    /// The state and, for a file-backed store, the journal it writes to, under one lock.
    let core: Locked<StoreCore<State>>
    /// The group-commit queue, snapshot lock and folder lock of a file-backed store.
    let journal: JournalEngine<State.Change>?

    private init(state: State) {
        self.core = Locked(StoreCore(state: state, writer: nil))
        self.journal = nil
    }

    init(state: consuming sending State, writer: consuming sending JournalWriter, engine: JournalEngine<State.Change>) {
        self.core = Locked(StoreCore(state: state, writer: writer))
        self.journal = engine
    }

    /// A store that keeps its state in memory only.
    ///
    /// - Parameter initial: The state to start from; empty by default.
    public static func inMemory(_ initial: State = State()) -> StateStore {
        StateStore(state: initial)
    }

    /// Opens (or creates) the file-backed store in `folder`: loads the newest snapshot,
    /// replays the journal after it, and takes an exclusive lock on the folder.
    ///
    /// The folder is created (with intermediate folders) if missing and made owner-only
    /// (0700); files are created owner-only (0600). An incomplete record at the end of the
    /// journal (a crash during a write) is cut off and described in ``recoveryReport``.
    ///
    /// - Parameters:
    ///   - folder: The store's folder; one folder per store.
    ///   - options: Snapshot threshold and what to do with damaged files.
    /// - Throws: ``CoreError`` with ``CoreErrorCode/storeAlreadyOpen`` (the folder is open
    ///   in this or another process), ``CoreErrorCode/storeCorrupted`` (damage in the
    ///   middle of a file; the context names the file and offset),
    ///   ``CoreErrorCode/storeFormatUnsupported`` or ``CoreErrorCode/storeIOFailed``.
    /// - Complexity: O(size of the newest snapshot + journal).
    public static func open(folder: URL, options: Options = .init()) async throws -> StateStore {
        let path = folder.standardizedFileURL.path
        // Loading blocks on file I/O for a while: keep it off the threads that run tasks.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try StoreFile.prepareFolder(path)
                    let lock = try StoreFolderLock.acquire(path)
                    do {
                        let loaded = try JournalLoader.load(State.self, folder: lock.path, options: options)
                        let engine = JournalEngine<State.Change>(lock: lock, options: options, report: loaded.report)
                        let snapshotDue = loaded.writer.snapshotDue(threshold: options.snapshotThreshold)
                        let store = StateStore(state: loaded.state, writer: loaded.writer, engine: engine)
                        // A long replay (e.g. after crashes during snapshots) is snapshotted at once.
                        if snapshotDue { store.startAutomaticSnapshot(engine) }
                        return store
                    } catch {
                        lock.release()
                        throw error
                    }
                })
            }
        }
    }

    /// What ``open(folder:options:)`` found and repaired; empty for an in-memory store.
    public var recoveryReport: RecoveryReport {
        journal?.report ?? RecoveryReport()
    }

    /// Applies `change`; returns once it is applied and, for a file-backed store, durable.
    ///
    /// - Throws: Whatever `State.apply` throws (the state is then unchanged and nothing is
    ///   written); for a file-backed store also ``CoreError`` with
    ///   ``CoreErrorCode/storeClosed``, ``CoreErrorCode/storeEncodingFailed``,
    ///   ``CoreErrorCode/storeIOFailed`` (this commit's write or sync failed) or
    ///   ``CoreErrorCode/storeUnusable`` (an earlier write or sync failed).
    public func commit(_ change: State.Change) async throws {
        guard let journal else {
            try core.withLock { try $0.state.apply(change) }
            return
        }
        try await commitDurably(change, journal)
    }

    /// Applies each change on its own, in order, as many ``commit(_:)`` calls would, but
    /// writes them with one write and one sync: for bulk work (an import), where a sync
    /// per change would cost more than the changes.
    ///
    /// Atomic per change, not per batch: a change that fails to apply is refused alone
    /// (its result holds the error, nothing of it is written) and the others go on. A
    /// failed write or sync fails every change of the batch that was applied, and the
    /// store refuses later commits, as for ``commit(_:)``. Returns once every change is
    /// applied and, for a file-backed store, durable.
    ///
    /// A batch never starts an automatic snapshot (each would copy and encode the whole
    /// state, so a large import would pay for the state again every
    /// ``JournalOptions/snapshotThreshold`` bytes): the journal grows past the threshold, and
    /// the next ``commit(_:)``, ``compact()`` or open writes the one snapshot that is due.
    ///
    /// - Returns: One result per change, in order: success, or what ``commit(_:)`` would
    ///   have thrown for that change.
    /// - Complexity: O(size of the changes); one sync for a file-backed store.
    public func commit(each changes: [State.Change]) async -> [Result<Void, any Error>] {
        guard let journal else {
            return core.withLock { core in
                changes.map { change in Result { try core.state.apply(change) } }
            }
        }
        guard !changes.isEmpty else { return [] }
        return await enqueue(changes, bulk: true, journal).map { outcome in
            switch outcome {
            case .committed: .success(())
            case .failed(let error): .failure(error)
            }
        }
    }

    /// Applies a change that removes data (an erasure), and returns once no file of the
    /// store holds what it removed: like ``commit(_:)``, then, for a file-backed store, a
    /// snapshot of the state after the change, with every snapshot and journal written
    /// before it removed from the folder.
    ///
    /// A plain ``commit(_:)`` leaves the removed values in the journal until a later
    /// snapshot supersedes it; an erasure must not wait for that. The price is one
    /// snapshot per call (O(size of the state)), which suits the rare calls this is for.
    /// Blocks a deleted file occupied are the file system's to reuse: Docs/Privacy.md says
    /// what that means for backups and disks.
    ///
    /// If the process dies after the change is durable but before the old files are
    /// removed, they stay until the next snapshot; calling this again with the same
    /// (idempotent) change finishes the job.
    ///
    /// - Throws: What ``commit(_:)`` throws; what ``compact()`` throws, after the change is
    ///   applied and durable; ``CoreErrorCode/storeIOFailed`` when older files could not
    ///   be removed.
    /// - Complexity: O(size of the state), for a file-backed store.
    public func commitErasure(_ change: State.Change) async throws {
        try await commit(change)
        guard let journal else { return }
        let erased = core.withLock { $0.writer?.sequence ?? 0 }
        try await journal.onSnapshotQueue {
            try self.removeFiles(before: erased, journal)
        }
    }

    /// How many changes the store holds since it was created: the journal's sequence, kept
    /// across opens and unchanged by snapshots; 0 for an in-memory store. Two reads with the
    /// same value saw the same stored state (the hub's saved facts rely on it).
    package var committedChanges: UInt64 {
        core.withLock { $0.writer?.sequence ?? 0 }
    }

    /// Reads from the current state. Keep `body` short: it runs under the store's lock.
    ///
    /// - Complexity: O(1) plus the work `body` does.
    public func read<Result: Sendable>(_ body: (borrowing State) throws -> Result) rethrows -> Result {
        try core.withLock { try body($0.state) }
    }

    /// Writes a snapshot of the current state now and restarts the journal, so the next
    /// open replays nothing. Does nothing for an in-memory store.
    ///
    /// Commits continue while the snapshot is written. Older files are removed only after
    /// the new snapshot is durable.
    ///
    /// - Throws: ``CoreError`` with ``CoreErrorCode/storeIOFailed`` or
    ///   ``CoreErrorCode/storeEncodingFailed`` (the store stays usable and loses nothing),
    ///   ``CoreErrorCode/storeClosed`` or ``CoreErrorCode/storeUnusable``.
    /// - Complexity: O(size of the state).
    public func compact() async throws {
        guard let journal else { return }
        try await journal.onSnapshotQueue {
            try self.writeSnapshot(journal)
        }
    }

    /// Waits for commits in flight and a snapshot being written, closes the journal and
    /// releases the folder lock.
    ///
    /// Later commits throw ``CoreErrorCode/storeClosed``; reads keep working. Closing
    /// twice, or closing an in-memory store, does nothing.
    public func close() async throws {
        guard let journal else { return }
        await journal.closeQueue()
        try await journal.onSnapshotQueue {
            defer { journal.lock.release() }
            try self.core.withLock { try $0.writer?.closeCleanly() }
        }
    }
}

/// The state of a store and the journal writer of a file-backed one, guarded together.
struct StoreCore<State: JournaledState> {
    var state: State
    let writer: JournalWriter?
}
