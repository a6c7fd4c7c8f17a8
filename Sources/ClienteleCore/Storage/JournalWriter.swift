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
    /// Set when a write or sync failed: the store refuses commits from then on.
    private(set) var failure: CoreError?
    /// Reused for encoding each batch.
    var buffer: [UInt8] = []
    /// Extra journal bytes to wait for before the next automatic snapshot, after one failed.
    var snapshotBackoff = 0
    /// Test seam: the `errno` with which the next append fails, as a full or failing disk would.
    var simulatedFailure: Int32?

    /// The journal grows by this much at a time.
    static let growth = 1 << 20

    init(
        folder: String, descriptor: Int32, base: UInt64, size: Int, capacity: Int, sequence: UInt64, snapshotBase: UInt64
    ) {
        self.folder = folder
        self.descriptor = descriptor
        self.base = base
        self.size = size
        self.capacity = max(size, capacity)
        self.sequence = sequence
        self.snapshotBase = snapshotBase
    }

    var path: String { folder + "/" + JournalFormat.fileName(.journal, base: base) }
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
    /// The file is grown in steps of ``growth`` by writing zeros (a full sync), so that
    /// most batches overwrite zeros and need only a data sync: no size or block change
    /// to commit. Zeros after the last record read as the clean end of the journal.
    ///
    /// On failure the writer is marked failed: the in-memory state already includes the
    /// batch, so no later commit may build on it.
    func append(through last: UInt64) throws {
        do {
            if let code = simulatedFailure {
                simulatedFailure = nil
                throw StoreFile.ioError("write", path, errno: code)
            }
            let end = size + buffer.count
            try buffer.withUnsafeBytes { try StoreFile.write(descriptor, $0, at: size, path: path) }
            if end > capacity {
                let grown = (end / Self.growth + 1) * Self.growth
                try StoreFile.writeZeros(descriptor, from: end, to: grown, path: path)
                try StoreFile.sync(descriptor, path: path)
                capacity = grown
            } else {
                try StoreFile.syncData(descriptor, path: path)
            }
        } catch let error as CoreError {
            failure = error
            throw error
        }
        size += buffer.count
        sequence = last
    }

    /// Starts a new journal file for the changes after `sequence`; the old one stays until a snapshot covers it.
    func restart() throws {
        let newBase = sequence
        let name = JournalFormat.fileName(.journal, base: newBase)
        let newPath = folder + "/" + name
        try JournalFormat.header(.journal, base: newBase).withUnsafeBytes {
            try StoreFile.writeDurably($0, to: newPath, folder: folder)
        }
        let opened = try StoreFile.open(newPath, O_WRONLY)
        closeFile(descriptor)
        descriptor = opened
        base = newBase
        size = JournalFormat.headerSize
        capacity = JournalFormat.headerSize
        snapshotBackoff = 0
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
