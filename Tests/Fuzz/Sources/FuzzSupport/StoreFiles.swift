import ClienteleCore
import Foundation

/// Store files laid out as Docs/Storage.md describes (format version 1), built here so
/// the fuzzers can wrap arbitrary bytes in valid frames and reach the record decoder
/// past the checksums.
public enum StoreFiles {
    /// The kind of a store file.
    public enum Kind: Sendable {
        /// `journal-….log` or `snapshot-….snap`.
        case journal, snapshot
    }

    /// The 32-byte header of a file of `kind` whose base sequence is `base`.
    public static func header(_ kind: Kind, base: UInt64) -> [UInt8] {
        var bytes = Array((kind == .journal ? "CLJRNL\r\n" : "CLSNAP\r\n").utf8)
        append(UInt32(1), to: &bytes)  // format version
        append(UInt32(1), to: &bytes)  // payload encoding: the record encoding
        append(base, to: &bytes)
        append(UInt32(0), to: &bytes)  // reserved
        append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// A journal whose base is `base`, holding one record per change (numbered from
    /// `base + 1`), each change given as its encoded bytes.
    public static func journal(base: UInt64, changes: [[UInt8]]) -> [UInt8] {
        var bytes = header(.journal, base: base)
        for (index, change) in changes.enumerated() {
            var payload: [UInt8] = []
            append(base + UInt64(index) + 1, to: &payload)
            payload += change
            var length: [UInt8] = []
            append(UInt32(payload.count), to: &length)
            var crc = CRC32C()
            crc.update(length)
            crc.update(payload)
            bytes += length
            append(crc.finalize(), to: &bytes)
            bytes += payload
        }
        return bytes
    }

    /// A snapshot of the state after change `base`, the state given as its encoded bytes.
    public static func snapshot(base: UInt64, state: [UInt8]) -> [UInt8] {
        var payload: [UInt8] = []
        append(base, to: &payload)
        payload += state
        var length: [UInt8] = []
        append(UInt64(payload.count), to: &length)
        var crc = CRC32C()
        crc.update(length)
        crc.update(payload)
        var bytes = header(.snapshot, base: base)
        bytes += length
        append(crc.finalize(), to: &bytes)
        return bytes + payload
    }

    /// `journal-00000000000000000042.log` or `snapshot-00000000000000000042.snap`.
    public static func fileName(_ kind: Kind, base: UInt64) -> String {
        let digits = String(base)
        let padded = String(repeating: "0", count: max(0, 20 - digits.count)) + digits
        return kind == .journal ? "journal-\(padded).log" : "snapshot-\(padded).snap"
    }

    /// The file name a file's own header asks for (its base sequence, bytes 16..<24),
    /// base 0 when the bytes are too short to hold one.
    public static func fileName(_ kind: Kind, forHeaderOf bytes: some Collection<UInt8>) -> String {
        let field = Array(bytes.dropFirst(16).prefix(8))
        guard field.count == 8 else { return fileName(kind, base: 0) }
        let base = field.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return fileName(kind, base: base)
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// A folder for one fuzz input at a time, under the temporary folder (`TMPDIR`), emptied
/// before every input.
public struct ScratchFolder: Sendable {
    /// The folder.
    public let url: URL

    /// A folder named for `target` and this process.
    public init(_ target: String) {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("clientele-\(target)-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    }

    /// Removes the folder and everything in it, then creates it empty.
    public func reset() {
        try? FileManager.default.removeItem(at: url)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            fail("cannot create the scratch folder \(url.path): \(error)")
        }
    }

    /// Writes `bytes` as the file `name` in the folder.
    public func write(_ bytes: some Collection<UInt8>, named name: String) {
        do {
            try Data(bytes).write(to: url.appendingPathComponent(name))
        } catch {
            fail("cannot write \(name) to the scratch folder: \(error)")
        }
    }

    /// Removes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
