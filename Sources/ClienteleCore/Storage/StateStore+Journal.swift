import Dispatch

/// The file-backed mode: group commit and snapshots.
extension StateStore {
    /// Queues `change` and waits for its batch. The store's writer thread takes everything
    /// queued, writes it with one write and one sync, answers each caller, and repeats
    /// while commits keep arriving. Committers only suspend: the blocking write and sync
    /// never occupy the threads that run Swift tasks.
    func commitDurably(_ change: State.Change, _ journal: JournalEngine<State.Change>) async throws {
        let outcomes = await enqueue([change], bulk: false, journal)
        if case .failed(let error)? = outcomes.first { throw error }
    }

    /// Queues `changes` as one pending commit and waits for the batch that writes them:
    /// one outcome per change, in order.
    func enqueue(_ changes: [State.Change], bulk: Bool, _ journal: JournalEngine<State.Change>) async -> [CommitOutcome] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[CommitOutcome], Never>) in
            let pending = PendingCommit(changes: changes, bulk: bulk, continuation: continuation)
            let start = journal.queue.withLock { queue -> Bool? in
                if queue.closed { return nil }
                queue.waiting.append(pending)
                if queue.flushing { return false }
                queue.flushing = true
                return true
            }
            switch start {
            case nil: continuation.resume(returning: changes.map { _ in .failed(Self.closedError) })
            case true?: journal.writer.async { self.writeBatches(journal) }
            case false?: break
            }
        }
    }

    /// On the writer queue: writes batches until the queue is empty.
    private func writeBatches(_ journal: JournalEngine<State.Change>) {
        while true {
            let (batch, drained) = journal.queue.withLock { queue in
                let batch = queue.waiting
                queue.waiting = []
                guard batch.isEmpty else { return (batch, [CheckedContinuation<Void, Never>]()) }
                queue.flushing = false
                let drained = queue.drained
                queue.drained = []
                return (batch, drained)
            }
            if batch.isEmpty {
                for waiter in drained { waiter.resume() }
                return
            }
            let (outcomes, snapshotDue) = applyAndAppend(batch, threshold: journal.options.snapshotThreshold)
            // Before answering, so that a `close` after these commits also waits for the snapshot.
            // Bulk commits alone start none: each snapshot copies and encodes the whole state,
            // so snapshots every threshold's worth of a large import would cost O(n²); the
            // next ordinary commit, `compact()` or open writes the one that is due.
            if snapshotDue && batch.contains(where: { !$0.bulk }) { startAutomaticSnapshot(journal) }
            var next = 0
            for pending in batch {
                let end = next + pending.changes.count
                pending.continuation.resume(returning: Array(outcomes[next..<end]))
                next = end
            }
        }
    }

    /// Writes a snapshot on the snapshot queue, so no committer waits for it; `close` does.
    ///
    /// A failed automatic snapshot loses nothing (the journal still holds every change);
    /// it is retried after another threshold's worth of journal, and `compact()` reports
    /// the error. An interrupted one (the process died) leaves only a temporary file, which
    /// the next open removes; that open starts the snapshot again at once when the journal
    /// it replayed is past the threshold, so repeated crashes cannot keep a store from
    /// compacting, and no journal file is added per attempt.
    func startAutomaticSnapshot(_ journal: JournalEngine<State.Change>) {
        let start = journal.queue.withLock { queue -> Bool in
            guard !queue.snapshotPending else { return false }
            queue.snapshotPending = true
            return true
        }
        guard start else { return }
        journal.snapshots.async {
            journal.queue.withLock { $0.snapshotPending = false }
            do {
                try self.writeSnapshot(journal)
            } catch {
                self.core.withLock { core in
                    guard let writer = core.writer else { return }
                    writer.snapshotBackoff = writer.journalBytes
                }
            }
        }
    }

    /// Under the state lock: encodes and applies each change, then writes and syncs the
    /// accepted ones in one go. Readers never see a change before it is durable.
    /// The outcomes are one per change, in the order of the batch's pending commits and of
    /// each one's changes.
    private func applyAndAppend(_ batch: [PendingCommit<State.Change>], threshold: Int) -> ([CommitOutcome], Bool) {
        let changes = batch.count == 1 ? batch[0].changes : batch.flatMap(\.changes)
        return core.withLock { core -> ([CommitOutcome], Bool) in
            guard let writer = core.writer else { return (changes.map { _ in .failed(Self.closedError) }, false) }
            if let refusal = writer.refusal { return (changes.map { _ in .failed(refusal) }, false) }
            writer.buffer.removeAll(keepingCapacity: true)
            var outcomes: [CommitOutcome] = []
            outcomes.reserveCapacity(changes.count)
            var sequence = writer.sequence
            for change in changes {
                let start = writer.buffer.count
                do {
                    writer.buffer.append(contentsOf: repeatElement(0, count: JournalFormat.recordHeaderSize))
                    JournalFormat.append(sequence + 1, to: &writer.buffer)
                    try RecordEncoder.encode(change, appendingTo: &writer.buffer)
                    guard writer.buffer.count - start - JournalFormat.recordHeaderSize <= Int(UInt32.max) else {
                        throw CoreError(.storeEncodingFailed, "The change is larger than 4 GiB; split it into smaller changes.")
                    }
                } catch {
                    writer.buffer.removeSubrange(start...)
                    outcomes.append(.failed(Self.encodingError(error, of: "change")))
                    continue
                }
                do {
                    try core.state.apply(change)
                } catch {
                    writer.buffer.removeSubrange(start...)
                    outcomes.append(.failed(error))
                    continue
                }
                JournalFormat.sealRecord(in: &writer.buffer, from: start)
                sequence += 1
                outcomes.append(.committed)
            }
            if sequence > writer.sequence {
                do {
                    try writer.append(through: sequence)
                } catch {
                    outcomes = outcomes.map {
                        if case .committed = $0 { return .failed(error) }
                        return $0
                    }
                    // The batch is applied in memory but not durable: go back to what the
                    // disk holds, so readers never see a change whose commit failed.
                    if let durable = try? JournalLoader.durableState(
                        State.self, folder: writer.folder, snapshotBase: writer.snapshotBase,
                        journalBase: writer.base, journalSize: writer.size)
                    {
                        core.state = durable
                    }
                }
            }
            return (outcomes, writer.refusal == nil && writer.snapshotDue(threshold: threshold))
        }
    }

    /// Writes a snapshot of the current state and removes the files it supersedes.
    /// Runs on the snapshot queue only, so snapshots never overlap.
    ///
    /// Commits go on while the snapshot is encoded and written: the snapshot falls inside
    /// the current journal, whose later records replay after it. Once it is durable a new
    /// journal starts (when the current one has records), so that the next snapshot can
    /// remove the current one.
    func writeSnapshot(_ journal: JournalEngine<State.Change>) throws {
        let prepared = try core.withLock { core -> (state: State, sequence: UInt64, journalBytes: Int)? in
            guard let writer = core.writer else { return nil }
            if let refusal = writer.refusal { throw refusal }
            guard writer.sequence != writer.snapshotBase else { return nil }
            return (core.state, writer.sequence, writer.journalBytes)
        }
        guard let prepared else { return }
        let folder = journal.folder
        var bytes = JournalFormat.beginSnapshot(base: prepared.sequence)
        do {
            try RecordEncoder.encode(prepared.state, appendingTo: &bytes)
        } catch {
            throw Self.encodingError(error, of: "state")
        }
        JournalFormat.sealSnapshot(&bytes)
        let name = JournalFormat.fileName(.snapshot, base: prepared.sequence)
        try bytes.withUnsafeBytes { try StoreFile.writeDurably($0, to: folder + "/" + name, folder: folder) }
        try core.withLock { core in
            guard let writer = core.writer else { return }
            writer.snapshotBase = prepared.sequence
            writer.journalBytes -= prepared.journalBytes
            writer.snapshotBackoff = 0
            if writer.refusal == nil && writer.base != writer.sequence { try writer.restart() }
        }
        // Remove what the snapshot supersedes: older snapshots, and journals that end before
        // the newest journal starting at or before the snapshot.
        let names = try StoreFile.names(in: folder)
        let firstLive = names.compactMap { JournalFormat.base(of: $0, .journal) }.filter { $0 <= prepared.sequence }.max() ?? 0
        var removed = false
        for file in names {
            let superseded: Bool
            if let base = JournalFormat.base(of: file, .snapshot) {
                superseded = base < prepared.sequence
            } else if let base = JournalFormat.base(of: file, .journal) {
                superseded = base < firstLive
            } else {
                superseded = false
            }
            if superseded {
                try StoreFile.remove(folder + "/" + file)
                removed = true
            }
        }
        if removed { try StoreFile.syncFolder(folder) }
    }

    /// On the snapshot queue: snapshots until no snapshot or journal of the folder starts
    /// before change `sequence`, so no file holds the state from before it.
    ///
    /// One snapshot does it unless commits arrived while it was written (the current
    /// journal then goes on past the snapshot and survives it); the journal started after
    /// that snapshot begins at or after `sequence`, so a second one always does.
    func removeFiles(before sequence: UInt64, _ journal: JournalEngine<State.Change>) throws {
        let folder = journal.folder
        for _ in 0..<2 {
            try writeSnapshot(journal)
            let bases = try StoreFile.names(in: folder).compactMap {
                JournalFormat.base(of: $0, .snapshot) ?? JournalFormat.base(of: $0, .journal)
            }
            if bases.allSatisfy({ $0 >= sequence }) { return }
        }
        throw CoreError(
            .storeIOFailed, "Files written before an erasure are still in the store's folder after two snapshots; compact the store again.",
            context: ErrorContext(file: folder))
    }

    static var closedError: CoreError {
        CoreError(.storeClosed, "The store is closed; open it again to commit.")
    }

    static func encodingError(_ error: any Error, of what: String) -> CoreError {
        if let error = error as? CoreError { return error }
        return CoreError(
            .storeEncodingFailed,
            "The \(what) could not be encoded for the journal; its Encodable conformance threw.",
            context: ErrorContext(item: what == "state" ? "\(State.self)" : "\(State.Change.self)"),
            underlying: error)
    }
}
