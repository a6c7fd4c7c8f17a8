import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a store folder: newest snapshot, journal replay, recovery.
enum JournalLoader {
    struct Loaded<State: JournaledState> {
        var state: State
        var writer: JournalWriter
        var report: RecoveryReport
    }

    private typealias NamedFile = (base: UInt64, name: String)

    static func load<State: JournaledState>(
        _ type: State.Type, folder: String, options: JournalOptions
    ) throws -> Loaded<State> {
        let names = try StoreFile.names(in: folder)
        var report = RecoveryReport()
        var superseded: [String] = []
        for name in names.sorted() where name.hasSuffix(".tmp") {
            superseded.append(name)
        }
        let snapshots: [NamedFile] = names.compactMap { name in
            JournalFormat.base(of: name, .snapshot).map { ($0, name) }
        }.sorted { $0.base < $1.base }
        let journals: [NamedFile] = names.compactMap { name in
            JournalFormat.base(of: name, .journal).map { ($0, name) }
        }.sorted { $0.base < $1.base }
        let manifest: StoreManifest?
        do {
            manifest = try StoreManifest.read(in: folder)
        } catch let error as CoreError where error.code == .storeCorrupted && options.corruption == .salvage {
            manifest = nil
            report.truncations.append(.init(
                file: StoreManifest.fileName, offset: 0, droppedBytes: 0, droppedRecords: 0, reason: .missingChanges))
        }

        var state = State()
        var sequence: UInt64 = 0
        var newestVersion: UInt32 = 0
        if let newest = snapshots.last {
            let loaded = try loadSnapshot(State.self, newest, folder: folder)
            state = loaded.state
            newestVersion = loaded.version
            sequence = newest.base
            report.snapshot = newest.name
            superseded += snapshots.dropLast().map(\.name)
        }
        let snapshotBase = sequence
        let live = liveJournals(journals, snapshotBase: snapshotBase)
        superseded += journals.filter { $0.base < (live.first?.base ?? 0) }.map(\.name)

        var last: (file: NamedFile, size: Int, capacity: Int, recorded: UInt64, version: UInt32)?
        var journalBytes = 0
        var tornTail: (path: String, offset: Int)?
        replay: for (index, file) in live.enumerated() {
            let path = folder + "/" + file.name
            let mapped = try MappedFile(path)
            let later = live[(index + 1)...]
            let outcome = try replayJournal(mapped.bytes, file: file, state: &state, sequence: &sequence)
            newestVersion = max(newestVersion, outcome.version)
            report.journals.append(file.name)
            report.replayedRecords += outcome.replayed
            journalBytes += outcome.end - JournalFormat.headerSize
            guard let damage = outcome.damage else {
                last = (file, outcome.end, mapped.count, outcome.recorded, outcome.version)
                continue
            }
            let intactAfter = countIntactRecords(mapped.bytes, after: damage)
            if intactAfter == 0 && later.isEmpty && !outcome.damageIsCertain {
                // Cut once the manifest check below passes: a refused open changes nothing.
                tornTail = (path, damage)
                report.truncations.append(.init(
                    file: file.name, offset: Int64(damage), droppedBytes: Int64(mapped.count - damage),
                    droppedRecords: 0, reason: .tornTail))
                last = (file, damage, damage, outcome.recorded, outcome.version)
                break replay
            }
            guard options.corruption == .salvage else {
                throw CoreError(
                    .storeCorrupted,
                    "A journal record is damaged and intact records follow it, so the store refuses to open rather than silently lose them. Restore the folder from a backup, or open it with JournalOptions(corruption: .salvage) to keep the changes before the damage.",
                    context: ErrorContext(file: file.name, offset: Int64(damage)))
            }
            var droppedBytes = Int64(mapped.count - damage)
            var droppedRecords = intactAfter
            for laterFile in later {
                let laterBytes = try MappedFile(folder + "/" + laterFile.name)
                droppedBytes += Int64(laterBytes.count)
                droppedRecords += countIntactRecords(laterBytes.bytes, after: JournalFormat.headerSize - 1)
                try StoreFile.remove(folder + "/" + laterFile.name)
            }
            try StoreFile.truncate(path, to: damage)
            report.truncations.append(.init(
                file: file.name, offset: Int64(damage), droppedBytes: droppedBytes,
                droppedRecords: droppedRecords, reason: .salvagedCorruption))
            report.removedFiles += later.map(\.name)
            last = (file, damage, damage, outcome.recorded, outcome.version)
            break replay
        }

        try checkAgainstManifest(
            manifest, sequence: sequence, journals: journals, last: last.map { ($0.file.name, $0.size) },
            newestVersion: newestVersion, options: options, report: &report)

        if let tornTail { try StoreFile.truncate(tornTail.path, to: tornTail.offset) }
        for name in superseded {
            try StoreFile.remove(folder + "/" + name)
            report.removedFiles.append(name)
        }
        if !superseded.isEmpty { try StoreFile.syncFolder(folder) }

        let writer: JournalWriter
        // Appending goes on in the newest journal when its records reach the state's sequence
        // and it has this build's format; otherwise a new journal starts (a version 1
        // folder moves on to version 2 this way).
        if let last, last.recorded == sequence, last.version == JournalFormat.version {
            let descriptor = try StoreFile.open(folder + "/" + last.file.name, O_WRONLY)
            writer = JournalWriter(
                folder: folder, descriptor: descriptor, base: last.file.base, size: last.size,
                capacity: last.capacity, sequence: sequence, snapshotBase: snapshotBase,
                manifest: manifest ?? StoreManifest(journal: 0, sequence: 0), journalBytes: journalBytes)
            let current = StoreManifest(journal: last.file.base, sequence: sequence)
            if manifest != current { try writer.record(current) }
        } else {
            let path = try JournalWriter.createJournal(folder: folder, base: sequence)
            let current = StoreManifest(journal: sequence, sequence: sequence)
            try current.write(in: folder)
            let descriptor = try StoreFile.open(path, O_WRONLY)
            writer = JournalWriter(
                folder: folder, descriptor: descriptor, base: sequence, size: JournalFormat.headerSize,
                capacity: JournalFormat.headerSize, sequence: sequence, snapshotBase: snapshotBase,
                manifest: current, journalBytes: journalBytes)
        }
        report.sequence = sequence
        return Loaded(state: state, writer: writer, report: report)
    }

    /// The journals to replay after the snapshot at `snapshotBase`: the newest one that
    /// starts at or before it (the snapshot may fall inside it; replay skips the records it
    /// covers) and every later one. Older journals are superseded.
    private static func liveJournals(_ journals: [NamedFile], snapshotBase: UInt64) -> [NamedFile] {
        let first = journals.last { $0.base <= snapshotBase }?.base ?? snapshotBase
        return journals.filter { $0.base >= first }
    }

    /// Compares what the files replayed to with the folder's manifest: a missing named
    /// journal or fewer changes than the manifest records is loss, refused (or, when
    /// salvaging, reported); so is a missing manifest beside version 2 files.
    private static func checkAgainstManifest(
        _ manifest: StoreManifest?, sequence: UInt64, journals: [NamedFile], last: (name: String, size: Int)?,
        newestVersion: UInt32, options: JournalOptions, report: inout RecoveryReport
    ) throws {
        // Damage found and salvaged above already reports the loss.
        guard !report.lostAcknowledgedChanges else { return }
        guard let manifest else {
            // Version 1 folders have no manifest; from version 2 on every folder has one.
            guard newestVersion >= 2 else { return }
            guard options.corruption == .salvage else {
                throw CoreError(
                    .storeCorrupted,
                    "The store's manifest is missing, so the store cannot check that no journal is missing or cut short. Restore the folder from a backup, or open it with JournalOptions(corruption: .salvage) to keep what the files hold.",
                    context: ErrorContext(file: StoreManifest.fileName, offset: 0))
            }
            report.truncations.append(.init(
                file: StoreManifest.fileName, offset: 0, droppedBytes: 0, droppedRecords: 0, reason: .missingChanges))
            return
        }
        let named = JournalFormat.fileName(.journal, base: manifest.journal)
        let namedExists = journals.contains { $0.base == manifest.journal }
        guard !namedExists || sequence < manifest.sequence else { return }
        let missing = manifest.sequence > sequence ? Int(clamping: manifest.sequence - sequence) : 0
        let offset = last.map { $0.name == named ? Int64($0.size) : 0 } ?? 0
        guard options.corruption == .salvage else {
            let what = namedExists ? "\(named) ends early" : "\(named) is missing"
            throw CoreError(
                .storeCorrupted,
                "The store had reached change \(manifest.sequence), but its files hold \(sequence) changes: \(what). A store file was deleted or cut short outside Clientele. Restore the folder from a backup, or open it with JournalOptions(corruption: .salvage) to keep the \(sequence) changes.",
                context: ErrorContext(file: named, offset: offset))
        }
        report.truncations.append(.init(
            file: named, offset: offset, droppedBytes: 0, droppedRecords: missing, reason: .missingChanges))
    }

    /// The state as it is durable on disk: the snapshot after change `snapshotBase` (if
    /// any) plus the journals up to `journalSize` bytes of the one at `journalBase`.
    /// Reads only; anything unexpected throws.
    static func durableState<State: JournaledState>(
        _ type: State.Type, folder: String, snapshotBase: UInt64, journalBase: UInt64, journalSize: Int
    ) throws -> State {
        var state = State()
        var sequence: UInt64 = 0
        if snapshotBase > 0 {
            state = try loadSnapshot(State.self, (snapshotBase, JournalFormat.fileName(.snapshot, base: snapshotBase)), folder: folder).state
            sequence = snapshotBase
        }
        let journals: [NamedFile] = try StoreFile.names(in: folder).compactMap { name in
            JournalFormat.base(of: name, .journal).map { ($0, name) }
        }.filter { $0.base <= journalBase }.sorted { $0.base < $1.base }
        for file in liveJournals(journals, snapshotBase: snapshotBase) {
            let mapped = try MappedFile(folder + "/" + file.name)
            var bytes = mapped.bytes
            if file.base == journalBase {
                guard journalSize <= bytes.count else { throw StoreFile.ioError("read", file.name, errno: EIO) }
                bytes = UnsafeRawBufferPointer(rebasing: bytes[..<journalSize])
            }
            let outcome = try withExtendedLifetime(mapped) {
                try replayJournal(bytes, file: file, state: &state, sequence: &sequence)
            }
            if let damage = outcome.damage {
                throw CoreError(.storeCorrupted, "A journal record that was durable no longer reads back.", context: ErrorContext(file: file.name, offset: Int64(damage)))
            }
        }
        return state
    }

    private static func loadSnapshot<State: JournaledState>(
        _ type: State.Type, _ file: NamedFile, folder: String
    ) throws -> (state: State, version: UInt32) {
        let mapped = try MappedFile(folder + "/" + file.name)
        return try withExtendedLifetime(mapped) {
            let raw = mapped.bytes
            let (base, payload) = try JournalFormat.snapshotFrame(raw, file: file.name)
            // The checksum is verified on another thread while the payload decodes (the decoder
            // checks every bound, so damaged bytes cannot make it misbehave). Nothing decoded is
            // used unless the checksum matches, and a checksum failure is reported first.
            let checksum = BackgroundCheck(raw) { try JournalFormat.checkSnapshotChecksum($0, file: file.name) }
            let decoded = Result { () throws -> State in
                let sequence = JournalFormat.load(UInt64.self, raw, at: payload.lowerBound)
                guard base == file.base, sequence == base else {
                    throw CoreError(
                        .storeCorrupted, "The snapshot's sequence does not match its file name; the file was renamed or damaged.",
                        context: ErrorContext(file: file.name, offset: 16))
                }
                let start = payload.lowerBound + JournalFormat.sequenceSize
                do {
                    return try RecordDecoder.decode(State.self, from: UnsafeRawBufferPointer(rebasing: raw[start..<payload.upperBound]))
                } catch {
                    throw CoreError(
                        .storeCorrupted,
                        "The snapshot passes its checksum but does not decode as \(State.self); the folder belongs to another store or the state type changed incompatibly.",
                        context: ErrorContext(file: file.name, offset: Int64(start)), underlying: error)
                }
            }
            try checksum.result()
            return (try decoded.get(), JournalFormat.load(UInt32.self, raw, at: 8))
        }
    }

    /// A check of read-only bytes run on another thread; ``result()`` waits for it.
    private final class BackgroundCheck: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var failure: (any Error)?

        /// Starts `check` on `bytes`, which must stay valid until ``result()`` returns.
        init(_ bytes: UnsafeRawBufferPointer, _ check: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void) {
            let address = UInt(bitPattern: bytes.baseAddress)
            let count = bytes.count
            DispatchQueue.global().async { [self] in
                do {
                    try check(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: count))
                } catch {
                    failure = error
                }
                done.signal()
            }
        }

        /// Waits for the check (call exactly once) and rethrows its error.
        func result() throws {
            done.wait()
            if let failure { throw failure }
        }
    }

    private struct Replay {
        var replayed = 0
        /// Where the intact records end.
        var end = JournalFormat.headerSize
        /// Offset of the first record that is not intact, if any.
        var damage: Int?
        /// True when the damage cannot be a torn write (an intact record out of sequence).
        var damageIsCertain = false
        /// The sequence of the last intact record (the journal's base when it has none).
        var recorded: UInt64 = 0
        /// The file's format version.
        var version: UInt32 = 0
    }

    private static func replayJournal<State: JournaledState>(
        _ raw: UnsafeRawBufferPointer, file: NamedFile, state: inout State, sequence: inout UInt64
    ) throws -> Replay {
        let (base, version) = try JournalFormat.checkHeader(raw, .journal, file: file.name)
        guard base == file.base else {
            throw CoreError(
                .storeCorrupted, "The journal's header does not match its file name; the file was renamed or damaged.",
                context: ErrorContext(file: file.name, offset: 16))
        }
        // A journal may start before the state's sequence: a snapshot fell inside it, and
        // the records it covers are skipped. Starting after it means a file in between is gone.
        guard base <= sequence else {
            throw CoreError(
                .storeCorrupted,
                "The journal starts after change \(base), but the files before it end at change \(sequence); a store file is missing.",
                context: ErrorContext(file: file.name, offset: 0))
        }
        var replay = Replay()
        replay.recorded = base
        replay.version = version
        guard let start = raw.baseAddress else { return replay }
        let core = RecordDecoderCore(base: start, count: raw.count)
        var offset = JournalFormat.headerSize
        var window: [(offset: Int, payload: Range<Int>)] = []
        while true {
            // Collect a window of intact records in sequence, up to the first damage.
            window.removeAll(keepingCapacity: true)
            var damage: (offset: Int, certain: Bool)?
            while window.count < replayWindow, offset < raw.count {
                guard let payload = JournalFormat.record(in: raw, at: offset) else {
                    damage = (offset, false)
                    break
                }
                let recorded = JournalFormat.load(UInt64.self, raw, at: payload.lowerBound)
                guard recorded == replay.recorded + 1 else {
                    damage = (offset, true)
                    break
                }
                replay.recorded = recorded
                // Covered by the snapshot: checked, not applied.
                if recorded > sequence { window.append((offset, payload)) }
                offset = payload.upperBound
            }
            // Decode the window's changes (in parallel when it is large), then apply them in order.
            let records = window
            let decodeChange = { (cursor: RecordDecoderCore, index: Int) throws -> State.Change in
                let record = records[index]
                do {
                    let change = try cursor.decodeValue(State.Change.self)
                    guard cursor.position == record.payload.upperBound else {
                        throw RecordDecoderCore.corrupted(at: cursor.position, "Unexpected bytes after the change.")
                    }
                    return change
                } catch {
                    throw CoreError(
                        .storeCorrupted,
                        "A journal record passes its checksum but does not decode as \(State.Change.self); the folder belongs to another store or the change type changed incompatibly.",
                        context: ErrorContext(file: file.name, offset: Int64(record.offset)), underlying: error)
                }
            }
            let starts = window.map { $0.payload.lowerBound + JournalFormat.sequenceSize }
            // Changes are applied in order, each chunk as soon as it is decoded.
            var index = 0
            func applyNext(_ change: State.Change) throws {
                do {
                    try state.apply(change)
                } catch {
                    throw CoreError(
                        .storeCorrupted,
                        "A journaled change no longer applies on replay; the state's apply must be deterministic and accept every change it once accepted.",
                        context: ErrorContext(file: file.name, offset: Int64(window[index].offset)), underlying: error)
                }
                sequence += 1
                replay.replayed += 1
                index += 1
            }
            if window.count >= ParallelRecordDecoding.minimumCount / 8 {
                try ParallelRecordDecoding.decode(core, offsets: starts, element: decodeChange) { changes in
                    // Every change is moved out, even after a failure (ParallelRecordDecoding's rule).
                    var failure: (any Error)?
                    for position in changes.indices {
                        let change = changes.moveElement(from: position)
                        guard failure == nil else { continue }
                        do { try applyNext(change) } catch { failure = error }
                    }
                    if let failure { throw failure }
                }
            } else {
                for position in starts.indices {
                    core.position = starts[position]
                    try applyNext(try decodeChange(core, position))
                }
            }
            replay.end = offset
            if let damage {
                // Zeros from here on are space written ahead of time, not damage.
                if !damage.certain && isZero(raw, from: damage.offset) { return replay }
                replay.damage = damage.offset
                replay.damageIsCertain = damage.certain
                return replay
            }
            if offset >= raw.count { return replay }
        }
    }

    /// Whether every byte of `raw` from `offset` on is zero.
    private static func isZero(_ raw: UnsafeRawBufferPointer, from offset: Int) -> Bool {
        var index = offset
        while index + 8 <= raw.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { return false }
            index += 8
        }
        while index < raw.count {
            if raw[index] != 0 { return false }
            index += 1
        }
        return true
    }

    /// How many records are decoded together during replay.
    private static let replayWindow = 1 << 15

    /// How many intact records follow the damaged record at `offset`, chaining from the first one found.
    private static func countIntactRecords(_ raw: UnsafeRawBufferPointer, after offset: Int) -> Int {
        guard var next = JournalFormat.nextValidRecord(in: raw, after: offset) else { return 0 }
        var count = 0
        while let payload = JournalFormat.record(in: raw, at: next) {
            count += 1
            next = payload.upperBound
            if next >= raw.count { break }
            if JournalFormat.record(in: raw, at: next) == nil {
                guard let resumed = JournalFormat.nextValidRecord(in: raw, after: next) else { break }
                next = resumed
            }
        }
        return count
    }
}
