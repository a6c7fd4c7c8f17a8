/// The folder's own record of how far its store got: the file `MANIFEST`.
///
/// Journals and snapshots cannot tell that a file *after* them is gone, or that the newest
/// journal lost records at its end: a deleted newest journal, or one cut back to its
/// header, looks like a store that simply had fewer changes. The manifest closes that gap.
/// It names the journal being appended to and a change count the folder is known to hold
/// at least, and it is rewritten (temporary file, sync, rename, folder sync) only at a few
/// moments, never per commit:
///
/// - when a store is opened (the recovered count) and when the journal restarts;
/// - after the first durable batch in a journal that held no records yet, so that a
///   journal cut back to its header is caught even after a crash;
/// - when the store is closed cleanly (the exact count), so that after a clean close any
///   loss at the end of the journal is caught.
///
/// Opening compares what the files replay to with the manifest: fewer changes, or a
/// missing named journal, is reported as loss and the file named (refused by default,
/// opened and reported with ``JournalOptions/CorruptionPolicy/salvage``).
///
/// Layout (36 bytes, integers little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 0..<8 | magic `CLMANI\r\n` |
/// | 8..<12 | format version, UInt32 (``JournalFormat/version``) |
/// | 12..<16 | reserved, zero |
/// | 16..<24 | base sequence of the journal being appended to |
/// | 24..<32 | changes the folder holds at least |
/// | 32..<36 | CRC-32C of bytes 0..<32 |
struct StoreManifest: Hashable {
    /// The base sequence of the journal being appended to (its file name).
    var journal: UInt64
    /// The number of changes the folder is known to hold, at least.
    var sequence: UInt64

    static let fileName = "MANIFEST"
    static let size = 36
    private static let magic = Array("CLMANI\r\n".utf8)

    /// The file's bytes.
    var bytes: [UInt8] {
        var bytes = Self.magic
        JournalFormat.append(JournalFormat.version, to: &bytes)
        JournalFormat.append(UInt32(0), to: &bytes)
        JournalFormat.append(journal, to: &bytes)
        JournalFormat.append(sequence, to: &bytes)
        JournalFormat.append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// Writes the manifest of `folder` durably, replacing the previous one.
    func write(in folder: String) throws {
        try bytes.withUnsafeBytes { try StoreFile.writeDurably($0, to: folder + "/" + Self.fileName, folder: folder) }
    }

    /// Reads the manifest of `folder`: nil when there is none.
    ///
    /// - Throws: ``CoreErrorCode/storeCorrupted`` naming `MANIFEST` when it is damaged
    ///   (the checksum is checked before anything else is read), or
    ///   ``CoreErrorCode/storeFormatUnsupported`` for a version this build does not read.
    static func read(in folder: String) throws -> StoreManifest? {
        let path = folder + "/" + fileName
        guard StoreFile.exists(path) else { return nil }
        let mapped = try MappedFile(path)
        return try withExtendedLifetime(mapped) {
            let raw = mapped.bytes
            guard raw.count == size, raw.prefix(8).elementsEqual(magic),
                JournalFormat.load(UInt32.self, raw, at: 32) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<32]))
            else {
                throw CoreError(
                    .storeCorrupted, "The store's manifest is damaged, so the store cannot check that no file is missing.",
                    context: ErrorContext(file: fileName, offset: 0))
            }
            let version = JournalFormat.load(UInt32.self, raw, at: 8)
            guard JournalFormat.readableVersions.contains(version) else {
                throw CoreError(
                    .storeFormatUnsupported,
                    "The store uses format version \(version); this build of Clientele reads versions \(JournalFormat.readableVersions.lowerBound) to \(JournalFormat.version). Open it with a matching Clientele release.",
                    context: ErrorContext(file: fileName, offset: 8))
            }
            return StoreManifest(
                journal: JournalFormat.load(UInt64.self, raw, at: 16), sequence: JournalFormat.load(UInt64.self, raw, at: 24))
        }
    }
}
