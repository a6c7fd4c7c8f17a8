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

        var state = State()
        var sequence: UInt64 = 0
        if let newest = snapshots.last {
            state = try loadSnapshot(State.self, newest, folder: folder)
            sequence = newest.base
            report.snapshot = newest.name
            superseded += snapshots.dropLast().map(\.name)
        }
        let snapshotBase = sequence
        superseded += journals.filter { $0.base < snapshotBase }.map(\.name)
        let live = journals.filter { $0.base >= snapshotBase }

        var last: (file: NamedFile, size: Int, capacity: Int)?
        replay: for (index, file) in live.enumerated() {
            let path = folder + "/" + file.name
            let mapped = try MappedFile(path)
            let later = live[(index + 1)...]
            let outcome = try replayJournal(mapped.bytes, file: file, state: &state, sequence: &sequence)
            report.journals.append(file.name)
            report.replayedRecords += outcome.replayed
            guard let damage = outcome.damage else {
                last = (file, outcome.end, mapped.count)
                continue
            }
            let intactAfter = countIntactRecords(mapped.bytes, after: damage)
            if intactAfter == 0 && later.isEmpty && !outcome.damageIsCertain {
                try StoreFile.truncate(path, to: damage)
                report.truncations.append(.init(
                    file: file.name, offset: Int64(damage), droppedBytes: Int64(mapped.count - damage),
                    droppedRecords: 0, reason: .tornTail))
                last = (file, damage, damage)
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
            last = (file, damage, damage)
            break replay
        }

        for name in superseded {
            try StoreFile.remove(folder + "/" + name)
            report.removedFiles.append(name)
        }
        if !superseded.isEmpty { try StoreFile.syncFolder(folder) }

        let writer: JournalWriter
        if let last, last.file.base <= sequence {
            let descriptor = try StoreFile.open(folder + "/" + last.file.name, O_WRONLY)
            writer = JournalWriter(
                folder: folder, descriptor: descriptor, base: last.file.base, size: last.size,
                capacity: last.capacity, sequence: sequence, snapshotBase: snapshotBase)
        } else {
            let name = JournalFormat.fileName(.journal, base: sequence)
            try JournalFormat.header(.journal, base: sequence).withUnsafeBytes {
                try StoreFile.writeDurably($0, to: folder + "/" + name, folder: folder)
            }
            let descriptor = try StoreFile.open(folder + "/" + name, O_WRONLY)
            writer = JournalWriter(
                folder: folder, descriptor: descriptor, base: sequence, size: JournalFormat.headerSize,
                capacity: JournalFormat.headerSize, sequence: sequence, snapshotBase: snapshotBase)
        }
        report.sequence = sequence
        return Loaded(state: state, writer: writer, report: report)
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
            state = try loadSnapshot(State.self, (snapshotBase, JournalFormat.fileName(.snapshot, base: snapshotBase)), folder: folder)
            sequence = snapshotBase
        }
        let journals: [NamedFile] = try StoreFile.names(in: folder).compactMap { name in
            JournalFormat.base(of: name, .journal).map { ($0, name) }
        }.filter { $0.base >= snapshotBase && $0.base <= journalBase }.sorted { $0.base < $1.base }
        for file in journals {
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
    ) throws -> State {
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
            return try decoded.get()
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
    }

    private static func replayJournal<State: JournaledState>(
        _ raw: UnsafeRawBufferPointer, file: NamedFile, state: inout State, sequence: inout UInt64
    ) throws -> Replay {
        let base = try JournalFormat.checkHeader(raw, .journal, file: file.name)
        guard base == file.base else {
            throw CoreError(
                .storeCorrupted, "The journal's header does not match its file name; the file was renamed or damaged.",
                context: ErrorContext(file: file.name, offset: 16))
        }
        guard base == sequence else {
            throw CoreError(
                .storeCorrupted,
                "The journal starts after change \(base), but the files before it end at change \(sequence); a store file is missing.",
                context: ErrorContext(file: file.name, offset: 0))
        }
        guard let start = raw.baseAddress else { return Replay() }
        let core = RecordDecoderCore(base: start, count: raw.count)
        var replay = Replay()
        var offset = JournalFormat.headerSize
        var window: [(offset: Int, payload: Range<Int>)] = []
        while true {
            // Collect a window of intact records in sequence, up to the first damage.
            window.removeAll(keepingCapacity: true)
            var expected = sequence
            var damage: (offset: Int, certain: Bool)?
            while window.count < replayWindow, offset < raw.count {
                guard let payload = JournalFormat.record(in: raw, at: offset) else {
                    damage = (offset, false)
                    break
                }
                let recorded = JournalFormat.load(UInt64.self, raw, at: payload.lowerBound)
                guard recorded == expected + 1 else {
                    damage = (offset, true)
                    break
                }
                window.append((offset, payload))
                expected = recorded
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
