#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The open journal of a file-backed store. Only touched under the store's state lock.
final class JournalWriter {
    let folder: String
    /// The journal file being appended to, or -1 once closed.
    private(set) var descriptor: Int32
    /// The base sequence of the journal file being appended to (its name).
    private(set) var base: UInt64
    /// Where the records end: everything before it is durable.
    private(set) var size: Int
    /// The file's size: records, then zeros written ahead of time (see ``append(through:)``).
    private(set) var capacity: Int
    /// The number of changes committed over the store's lifetime.
    private(set) var sequence: UInt64
    /// The base of the newest durable snapshot (0 when there is none).
    var snapshotBase: UInt64
    /// The folder's manifest as last written.
    private(set) var manifest: StoreManifest
    /// Journal bytes written since the newest snapshot, over every journal file: what the
    /// automatic snapshot threshold is compared with.
    var journalBytes: Int
    /// Set when a write or sync failed: the store refuses commits from then on.
    private(set) var failure: CoreError?
    /// Reused for encoding each batch.
    var buffer: [UInt8] = []
    /// Extra journal bytes to wait for before the next automatic snapshot, after one failed.
    var snapshotBackoff = 0
    /// Test seam: steps of the next ``append(through:)`` calls that fail (each once), and
    /// with which `errno`, as a full or failing disk would.
    var simulatedFailures: [Step: Int32] = [:]

    /// The steps of ``append(through:)``, for ``simulatedFailure``.
    enum Step: CaseIterable, Sendable {
        /// Growing the file with zeros, and its sync.
        case grow
        /// Writing the records.
        case write
        /// Syncing the records.
        case sync
        /// Cutting a failed write off again.
        case rollback
        /// Recording the journal's first records in the manifest.
        case manifest
    }

    /// The journal grows by this much at a time.
    static let growth = 1 << 20

    init(
        folder: String, descriptor: Int32, base: UInt64, size: Int, capacity: Int, sequence: UInt64, snapshotBase: UInt64,
        manifest: StoreManifest, journalBytes: Int
    ) {
        self.folder = folder
        self.descriptor = descriptor
        self.base = base
        self.size = size
        self.capacity = max(size, capacity)
        self.sequence = sequence
        self.snapshotBase = snapshotBase
        self.manifest = manifest
        self.journalBytes = journalBytes
    }

    var path: String { folder + "/" + JournalFormat.fileName(.journal, base: base) }

    /// Whether enough journal has accumulated since the newest snapshot for an automatic one.
    func snapshotDue(threshold: Int) -> Bool {
        journalBytes >= threshold && journalBytes - threshold >= snapshotBackoff
    }
    var isClosed: Bool { descriptor < 0 }

    /// Why a commit cannot be accepted now, if it cannot.
    var refusal: CoreError? {
        if let failure {
            return CoreError(
                .storeUnusable,
                "An earlier write or sync of this store failed, so it accepts no more commits; fix the disk, then close and reopen the store.",
                context: failure.context, underlying: failure)
        }
        if isClosed {
            return CoreError(.storeClosed, "The store is closed; open it again to commit.")
        }
        return nil
    }

    /// Appends `buffer` (whole records for changes `sequence + 1 ... last`) and makes it durable.
    ///
    /// The file is first grown in steps of ``growth`` by writing zeros (and a full sync),
    /// so that the records then overwrite zeros and need only a data sync: no size or
    /// block change to commit. Zeros after the last record read as the clean end of the
    /// journal.
    ///
    /// On failure the writer cuts the file back to where the durable records end (a
    /// failed commit must not reappear at the next open) and is marked failed: the
    /// in-memory state already includes the batch, so no later commit may build on it.
    func append(through last: UInt64) throws {
        let end = size + buffer.count
        do {
            if end > capacity {
                let grown = (end / Self.growth + 1) * Self.growth
                try failIfSimulated(.grow)
                try StoreFile.writeZeros(descriptor, from: capacity, to: grown, path: path)
                try StoreFile.sync(descriptor, path: path)
                capacity = grown
            }
            try failIfSimulated(.write)
            try buffer.withUnsafeBytes { try StoreFile.write(descriptor, $0, at: size, path: path) }
            try failIfSimulated(.sync)
            try StoreFile.syncData(descriptor, path: path)
        } catch let error as CoreError {
            let reported = rollBack(after: error)
            failure = reported
            throw reported
        }
        size = end
        sequence = last
        journalBytes += buffer.count
        // The first records of a journal go into the manifest, so that cutting the journal
        // back to its header is caught as loss even after a crash. The batch is durable
        // whatever happens here: its commits succeed, later ones are refused.
        if manifest.sequence <= base {
            do {
                try failIfSimulated(.manifest)
                try record(StoreManifest(journal: base, sequence: last))
            } catch let error as CoreError {
                failure = error
            } catch {
                failure = StoreFile.ioError("write", StoreManifest.fileName, errno: EIO)
            }
        }
    }

    /// Cuts the journal back to its durable end after a failed append.
    private func rollBack(after error: CoreError) -> CoreError {
        do {
            try failIfSimulated(.rollback)
            try StoreFile.truncate(descriptor, to: size, path: path)
            capacity = size
            return error
        } catch {
            return CoreError(
                .storeIOFailed,
                "Could not write a store file, and could not cut the partial write off again: the failed commit may reappear when the store is reopened. Check the disk.",
                context: ErrorContext(file: JournalFormat.fileName(.journal, base: base), offset: Int64(size)),
                underlying: error as? CoreError)
        }
    }

    private func failIfSimulated(_ step: Step) throws(CoreError) {
        guard let code = simulatedFailures.removeValue(forKey: step) else { return }
        throw StoreFile.ioError(step == .manifest ? "write" : "\(step)", step == .manifest ? StoreManifest.fileName : path, errno: code)
    }

    /// Writes `manifest` to the folder and remembers it.
    func record(_ manifest: StoreManifest) throws {
        try manifest.write(in: folder)
        self.manifest = manifest
    }

    /// Starts a new journal file (format ``JournalFormat/version``) for the changes after
    /// `sequence`, and names it in the manifest. The old file stays until a snapshot covers it.
    func restart() throws {
        let newBase = sequence
        let newPath = try Self.createJournal(folder: folder, base: newBase)
        do {
            try record(StoreManifest(journal: newBase, sequence: newBase))
        } catch {
            // The manifest still names the old journal, which keeps receiving records:
            // an empty newer journal beside it would read as a gap at the next open.
            if newBase != base { try? StoreFile.remove(newPath) }
            throw error
        }
        let opened = try StoreFile.open(newPath, O_WRONLY)
        closeFile(descriptor)
        descriptor = opened
        base = newBase
        size = JournalFormat.headerSize
        capacity = JournalFormat.headerSize
    }

    /// Writes a new, empty journal file durably and returns its path.
    static func createJournal(folder: String, base: UInt64) throws -> String {
        let path = folder + "/" + JournalFormat.fileName(.journal, base: base)
        try JournalFormat.header(.journal, base: base).withUnsafeBytes {
            try StoreFile.writeDurably($0, to: path, folder: folder)
        }
        return path
    }

    /// Records the exact number of changes in the manifest (unless a write failed) and
    /// closes the file. After this, any change missing at the next open is reported.
    func closeCleanly() throws {
        guard descriptor >= 0 else { return }
        defer { close() }
        let exact = StoreManifest(journal: base, sequence: sequence)
        if failure == nil && manifest != exact { try record(exact) }
    }

    func close() {
        guard descriptor >= 0 else { return }
        closeFile(descriptor)
        descriptor = -1
    }

    deinit { close() }
}

/// `close(2)`, which the writer's own `close()` shadows.
private func closeFile(_ descriptor: Int32) {
    close(descriptor)
}
