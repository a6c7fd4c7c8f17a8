import Foundation

/// Renders the record encoding as JSON without knowing the Swift types, for debugging
/// (and `clientele verify`, which reads every journal and snapshot through it): keyed values become objects, arrays arrays, bytes
/// a `"base64:…"` string. The output holds whatever the store holds, personal data
/// included; treat it like the store files.
package enum RecordDump {
    /// One journal record: where it is, its sequence number, and its change as JSON.
    package struct Record: Sendable, Hashable {
        package var offset: Int
        /// Where the record ends (its frame included).
        package var end: Int
        package var sequence: UInt64
        package var json: String
    }

    /// The JSON text of one encoded value.
    ///
    /// - Throws: `DecodingError` when the bytes are not a valid record encoding.
    package static func json(_ bytes: UnsafeRawBufferPointer) throws -> String {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return "" }
        let core = RecordDecoderCore(base: base, count: bytes.count)
        var text = ""
        try render(core, into: &text)
        guard core.position == bytes.count else {
            throw RecordDecoderCore.corrupted(at: core.position, "Unexpected bytes after the value.")
        }
        return text
    }

    /// Every intact record of the journal file at `path`, in order; stops at the first damaged one.
    ///
    /// - Throws: ``CoreError`` when the file cannot be read or its header is not a journal's.
    package static func journalRecords(at path: String) throws -> [Record] {
        let mapped = try MappedFile(path)
        let raw = mapped.bytes
        _ = try JournalFormat.checkHeader(raw, .journal, file: (path as NSString).lastPathComponent)
        var records: [Record] = []
        var offset = JournalFormat.headerSize
        while let payload = JournalFormat.record(in: raw, at: offset) {
            let sequence = JournalFormat.load(UInt64.self, raw, at: payload.lowerBound)
            let change = UnsafeRawBufferPointer(rebasing: raw[(payload.lowerBound + JournalFormat.sequenceSize)..<payload.upperBound])
            records.append(Record(offset: offset, end: payload.upperBound, sequence: sequence, json: try json(change)))
            offset = payload.upperBound
        }
        return records
    }

    /// The state in the snapshot file at `path`, as JSON.
    package static func snapshotState(at path: String) throws -> String {
        let mapped = try MappedFile(path)
        let raw = mapped.bytes
        let (_, payload) = try JournalFormat.snapshotPayload(raw, file: (path as NSString).lastPathComponent)
        return try json(UnsafeRawBufferPointer(rebasing: raw[(payload.lowerBound + JournalFormat.sequenceSize)..<payload.upperBound]))
    }

    private static func render(_ core: RecordDecoderCore, into text: inout String) throws {
        let start = core.position
        let tag = try core.byte(at: start)
        switch RecordTag(rawValue: tag) {
        case .null:
            core.position += 1
            text += "null"
        case .false, .true:
            text += try core.readBool() ? "true" : "false"
        case .signed:
            text += String(try core.readInteger(Int64.self))
        case .unsigned:
            text += String(try core.readInteger(UInt64.self))
        case .double, .float:
            let value = try core.readDouble()
            text += value.isFinite ? "\(value)" : "\"\(value)\""
        case .string:
            appendQuoted(try core.readString(), to: &text)
        case .bytes:
            text += "\"base64:" + Data(try core.readBytes()).base64EncodedString() + "\""
        case .empty:
            core.position += 1
            text += "{}"
        case .array:
            let (first, _, count) = try core.openContainer(.array)
            core.position = first
            text += "["
            for index in 0..<count {
                if index > 0 { text += "," }
                try render(core, into: &text)
            }
            text += "]"
        case .keyed:
            let (first, _, count) = try core.openContainer(.keyed)
            var offset = first
            core.position = first  // an empty keyed value (a case without payload) ends here
            text += "{"
            for index in 0..<count {
                if index > 0 { text += "," }
                let (key, value) = try core.key(at: offset)
                appendQuoted(key, to: &text)
                text += ":"
                core.position = value
                try render(core, into: &text)
                offset = core.position
            }
            text += "}"
        case nil:
            throw RecordDecoderCore.corrupted(at: start, "Unknown tag \(tag).")
        }
    }

    private static func appendQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
