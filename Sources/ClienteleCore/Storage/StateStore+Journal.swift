import Synchronization

/// The file-backed mode: group commit and snapshots.
extension StateStore {
    /// Queues `change`; the first committer to find no batch in progress writes the next
    /// batch (everyone queued so far) and then hands the role to the next waiter.
    func commitDurably(_ change: State.Change, _ journal: JournalEngine<State.Change>) async throws {
        var writesNextBatch = false
        while true {
            let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<CommitOutcome, Never>) in
                let pending = PendingCommit(change: change, continuation: continuation)
                let role = journal.queue.withLock { queue -> QueueRole in
                    if writesNextBatch {
                        queue.waiting.insert(pending, at: 0)
                        return .write
                    }
                    if queue.closed { return .refuse }
                    queue.waiting.append(pending)
                    if queue.flushing { return .wait }
                    queue.flushing = true
                    return .write
                }
                switch role {
                case .refuse:
                    continuation.resume(returning: .failed(Self.closedError))
                case .wait:
                    break
                case .write:
                    writeBatch(journal)
                }
            }
            switch outcome {
            case .committed: return
            case .failed(let error): throw error
            case .writeNextBatch: writesNextBatch = true
            }
        }
    }

    private enum QueueRole { case refuse, wait, write }

    /// Takes every queued commit, applies and writes them, answers each, hands over.
    private func writeBatch(_ journal: JournalEngine<State.Change>) {
        let batch = journal.queue.withLock { queue in
            let batch = queue.waiting
            queue.waiting = []
            return batch
        }
        let (outcomes, snapshotDue) = applyAndAppend(batch, threshold: journal.options.snapshotThreshold)
        for (pending, outcome) in zip(batch, outcomes) {
            pending.continuation.resume(returning: outcome)
        }
        let (next, drained) = journal.queue.withLock { queue -> (PendingCommit<State.Change>?, [CheckedContinuation<Void, Never>]) in
            guard queue.waiting.isEmpty else { return (queue.waiting.removeFirst(), []) }
            queue.flushing = false
            let drained = queue.drained
            queue.drained = []
            return (nil, drained)
        }
        next?.continuation.resume(returning: .writeNextBatch)
        for waiter in drained { waiter.resume() }
        if snapshotDue {
            // A failed automatic snapshot loses nothing (the journal still holds every
            // change) and is retried after the next batch; compact() reports errors.
            _ = journal.compaction.withLockIfAvailable { _ in try? writeSnapshot(journal) }
        }
    }

    /// Under the state lock: encodes and applies each change, then writes and syncs the
    /// accepted ones in one go. Readers never see a change before it is durable.
    private func applyAndAppend(_ batch: [PendingCommit<State.Change>], threshold: Int) -> ([CommitOutcome], Bool) {
        core.withLock { core -> ([CommitOutcome], Bool) in
            guard let writer = core.writer else { return (batch.map { _ in .failed(Self.closedError) }, false) }
            if let refusal = writer.refusal { return (batch.map { _ in .failed(refusal) }, false) }
            writer.buffer.removeAll(keepingCapacity: true)
            var outcomes: [CommitOutcome] = []
            outcomes.reserveCapacity(batch.count)
            var sequence = writer.sequence
            for pending in batch {
                let start = writer.buffer.count
                do {
                    writer.buffer.append(contentsOf: repeatElement(0, count: JournalFormat.recordHeaderSize))
                    JournalFormat.append(sequence + 1, to: &writer.buffer)
                    try RecordEncoder.encode(pending.change, appendingTo: &writer.buffer)
                    guard writer.buffer.count - start - JournalFormat.recordHeaderSize <= Int(UInt32.max) else {
                        throw CoreError(.storeEncodingFailed, "The change is larger than 4 GiB; split it into smaller changes.")
                    }
                } catch {
                    writer.buffer.removeSubrange(start...)
                    outcomes.append(.failed(Self.encodingError(error, of: "change")))
                    continue
                }
                do {
                    try core.state.apply(pending.change)
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
            let due = writer.refusal == nil && writer.size - JournalFormat.headerSize >= threshold
            return (outcomes, due)
        }
    }

    /// Writes a snapshot of the current state and removes the files it supersedes.
    /// Call with `journal.compaction` held.
    func writeSnapshot(_ journal: JournalEngine<State.Change>) throws {
        let prepared = try core.withLock { core -> (state: State, sequence: UInt64)? in
            guard let writer = core.writer else { return nil }
            if let refusal = writer.refusal { throw refusal }
            guard writer.sequence != writer.snapshotBase else { return nil }
            if writer.base != writer.sequence { try writer.restart() }
            return (core.state, writer.sequence)
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
        core.withLock { $0.writer?.snapshotBase = prepared.sequence }
        var removed = false
        for file in try StoreFile.names(in: folder) {
            let base = JournalFormat.base(of: file, .journal) ?? JournalFormat.base(of: file, .snapshot)
            if let base, base < prepared.sequence {
                try StoreFile.remove(folder + "/" + file)
                removed = true
            }
        }
        if removed { try StoreFile.syncFolder(folder) }
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
