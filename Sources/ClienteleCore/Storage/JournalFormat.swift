/// The on-disk layout of a store folder (see Docs/Storage.md).
///
/// Every file starts with a 32-byte header:
///
/// | bytes | content |
/// |---|---|
/// | 0..<8 | magic: `CLJRNL\r\n` (journal) or `CLSNAP\r\n` (snapshot) |
/// | 8..<12 | format version, UInt32 little-endian (``version``) |
/// | 12..<16 | payload encoding, UInt32 (1 = record encoding, ``RecordTag``) |
/// | 16..<24 | base sequence, UInt64: the number of changes before this file |
/// | 24..<28 | reserved, zero |
/// | 28..<32 | CRC-32C of bytes 0..<28 |
///
/// A journal record is `UInt32 length | UInt32 CRC-32C(length bytes + payload) | payload`,
/// the payload being `UInt64 sequence | encoded change`. A snapshot holds one frame after
/// its header: `UInt64 length | UInt32 CRC-32C(length bytes + payload) | payload`, the
/// payload being `UInt64 sequence | encoded state`.
package enum JournalFormat {
    /// The format version this build writes.
    ///
    /// Version 2 adds the folder's `MANIFEST` (``StoreManifest``) and lets a snapshot fall
    /// inside the journal that precedes it (replay skips the records the snapshot covers),
    /// so a snapshot no longer starts a new journal first. Version 3 (this build) changes no
    /// byte of the framing: it marks journals that may hold the erasure changes (Accounts'
    /// and Consent's `erase`) and the other changes added with them (Consent's
    /// `pruneSends`, the segment store's changes), which a build reading only 1...2 cannot decode, so that such
    /// a build refuses the folder with ``CoreErrorCode/storeFormatUnsupported`` instead of
    /// reading the unknown change as damage. An older folder opens and is moved on to this
    /// version by starting a new journal; builds that read only older versions refuse it
    /// from then on, as they must.
    static let version: UInt32 = 3
    /// The format versions this build reads.
    static let readableVersions: ClosedRange<UInt32> = 1...3
    /// The payload encoding: ``RecordEncoder``.
    static let recordEncoding: UInt32 = 1
    /// The bytes of a journal's or snapshot's header, before its first record or payload.
    package static let headerSize = 32
    static let recordHeaderSize = 8
    static let snapshotFrameHeaderSize = 12
    static let sequenceSize = 8

    enum Kind: Sendable {
        case journal, snapshot

        var magic: [UInt8] {
            switch self {
            case .journal: Array("CLJRNL\r\n".utf8)
            case .snapshot: Array("CLSNAP\r\n".utf8)
            }
        }

        var prefix: String {
            switch self {
            case .journal: "journal-"
            case .snapshot: "snapshot-"
            }
        }

        var suffix: String {
            switch self {
            case .journal: ".log"
            case .snapshot: ".snap"
            }
        }
    }

    static let lockFileName = "LOCK"

    /// `journal-00000000000000000042.log`: the journal whose first record is change 43.
    static func fileName(_ kind: Kind, base: UInt64) -> String {
        let digits = String(base)
        return kind.prefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + kind.suffix
    }

    /// The base sequence encoded in a file name of `kind`, or nil for any other name.
    static func base(of name: String, _ kind: Kind) -> UInt64? {
        guard name.hasPrefix(kind.prefix), name.hasSuffix(kind.suffix) else { return nil }
        let digits = name.dropFirst(kind.prefix.count).dropLast(kind.suffix.count)
        guard digits.count == 20, digits.allSatisfy(\.isASCII) else { return nil }
        return UInt64(digits)
    }

    static func header(_ kind: Kind, base: UInt64) -> [UInt8] {
        var bytes = kind.magic
        append(version, to: &bytes)
        append(recordEncoding, to: &bytes)
        append(base, to: &bytes)
        append(UInt32(0), to: &bytes)
        append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// Checks the header of `file` and returns its base sequence and format version.
    ///
    /// The header checksum is checked first: a damaged header is reported as corruption,
    /// never read as a version or encoding this build does not know.
    static func checkHeader(_ bytes: UnsafeRawBufferPointer, _ kind: Kind, file: String) throws -> (base: UInt64, version: UInt32) {
        let name = kind == .journal ? "journal" : "snapshot"
        guard bytes.count >= headerSize else {
            throw CoreError(
                .storeCorrupted, "The file is shorter than a Clientele \(name) header; it is truncated or not a store file.",
                context: ErrorContext(file: file, offset: 0))
        }
        guard load(UInt32.self, bytes, at: 28) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<28])) else {
            throw CoreError(
                .storeCorrupted, "The file's \(name) header fails its checksum; it is damaged or not a store file.",
                context: ErrorContext(file: file, offset: 0))
        }
        guard bytes.prefix(8).elementsEqual(kind.magic) else {
            throw CoreError(
                .storeCorrupted,
                "The file does not start with a Clientele \(name) header; it is not a \(name) of this store.",
                context: ErrorContext(file: file, offset: 0))
        }
        let found = load(UInt32.self, bytes, at: 8)
        guard readableVersions.contains(found) else {
            throw CoreError(
                .storeFormatUnsupported,
                "The file uses store format version \(found); this build of Clientele reads versions \(readableVersions.lowerBound) to \(version). Open it with a matching Clientele release.",
                context: ErrorContext(file: file, offset: 8))
        }
        let encoding = load(UInt32.self, bytes, at: 12)
        guard encoding == recordEncoding else {
            throw CoreError(
                .storeFormatUnsupported,
                "The file uses payload encoding \(encoding), which this build does not read.",
                context: ErrorContext(file: file, offset: 12))
        }
        return (load(UInt64.self, bytes, at: 16), found)
    }

    /// Wraps the payload in `buffer[start...]` (which begins with `recordHeaderSize` reserved bytes) in a record frame.
    static func sealRecord(in buffer: inout [UInt8], from start: Int) {
        let length = UInt32(buffer.count - start - recordHeaderSize)
        buffer.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: length.littleEndian, toByteOffset: start, as: UInt32.self)
            var crc = CRC32C()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[start..<(start + 4)]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(start + recordHeaderSize)...]))
            raw.storeBytes(of: crc.finalize().littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }

    /// The payload range of a valid record frame at `offset`, or nil if there is none.
    static func record(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Range<Int>? {
        guard offset >= 0, bytes.count - offset >= recordHeaderSize + sequenceSize else { return nil }
        let length = Int(load(UInt32.self, bytes, at: offset))
        let start = offset + recordHeaderSize
        guard length >= sequenceSize, length <= bytes.count - start else { return nil }
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)]))
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
        guard crc.finalize() == load(UInt32.self, bytes, at: offset + 4) else { return nil }
        return start..<(start + length)
    }

    /// The first offset after `offset` where a valid record frame starts, if any.
    static func nextValidRecord(in bytes: UnsafeRawBufferPointer, after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + recordHeaderSize + sequenceSize <= bytes.count {
            // A record's length is not zero: skip runs of zeros (space written ahead of time) by words.
            if bytes.loadUnaligned(fromByteOffset: candidate, as: UInt64.self) == 0 {
                candidate += 5
                continue
            }
            if record(in: bytes, at: candidate) != nil { return candidate }
            candidate += 1
        }
        return nil
    }

    /// The start of a snapshot of the state after change `base`: header, frame header, sequence.
    /// Append the encoded state, then call ``sealSnapshot(_:)``.
    static func beginSnapshot(base: UInt64) -> [UInt8] {
        var bytes = header(.snapshot, base: base)
        bytes.append(contentsOf: repeatElement(0, count: snapshotFrameHeaderSize))
        append(base, to: &bytes)
        return bytes
    }

    /// Fills in the frame length and checksum of a snapshot begun with ``beginSnapshot(base:)``.
    static func sealSnapshot(_ bytes: inout [UInt8]) {
        let length = UInt64(bytes.count - headerSize - snapshotFrameHeaderSize)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: length.littleEndian, toByteOffset: headerSize, as: UInt64.self)
            var crc = CRC32C()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[headerSize..<(headerSize + 8)]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(headerSize + snapshotFrameHeaderSize)...]))
            raw.storeBytes(of: crc.finalize().littleEndian, toByteOffset: headerSize + 8, as: UInt32.self)
        }
    }

    /// The payload range of a snapshot file, after checking its header, size and checksum.
    static func snapshotPayload(_ bytes: UnsafeRawBufferPointer, file: String) throws -> (base: UInt64, payload: Range<Int>) {
        let (base, payload) = try snapshotFrame(bytes, file: file)
        try checkSnapshotChecksum(bytes, file: file)
        return (base, payload)
    }

    /// Checks a snapshot's header and frame length (not its checksum: see
    /// ``checkSnapshotChecksum(_:file:)``) and returns its base sequence and payload range.
    static func snapshotFrame(_ bytes: UnsafeRawBufferPointer, file: String) throws -> (base: UInt64, payload: Range<Int>) {
        let base = try checkHeader(bytes, .snapshot, file: file).base
        let start = headerSize + snapshotFrameHeaderSize
        guard bytes.count >= start + sequenceSize else {
            throw CoreError(.storeCorrupted, "The snapshot is truncated.", context: ErrorContext(file: file, offset: Int64(headerSize)))
        }
        let length = load(UInt64.self, bytes, at: headerSize)
        guard length == UInt64(bytes.count - start) else {
            throw CoreError(
                .storeCorrupted, "The snapshot's length does not match the file size; it is truncated or damaged.",
                context: ErrorContext(file: file, offset: Int64(headerSize)))
        }
        return (base, start..<bytes.count)
    }

    /// Checks the CRC-32C of a snapshot whose frame ``snapshotFrame(_:file:)`` accepted.
    static func checkSnapshotChecksum(_ bytes: UnsafeRawBufferPointer, file: String) throws {
        let start = headerSize + snapshotFrameHeaderSize
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(headerSize + 8)]))
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        guard crc.finalize() == load(UInt32.self, bytes, at: headerSize + 8) else {
            throw CoreError(.storeCorrupted, "The snapshot fails its checksum.", context: ErrorContext(file: file, offset: Int64(headerSize)))
        }
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func load<Integer: FixedWidthInteger>(_ type: Integer.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Integer {
        Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
    }
}
