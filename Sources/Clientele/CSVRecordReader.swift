/// Splits CSV bytes (RFC 4180: `,` between fields, `"` around a field that holds one,
/// `""` for a quote inside it, `\n` or `\r\n` between records) into records, fed chunk by
/// chunk, so that a file of any size is read in constant memory.
///
/// Each record comes with the line number it starts on (1 for the first line); blank
/// lines are skipped. A quoted field may span lines.
struct CSVRecordReader {
    /// Bytes not yet returned as records.
    private var buffer: [UInt8] = []
    /// Where the next record starts in `buffer`.
    private var start = 0
    /// The line number at `start`.
    private var line = 1

    /// Adds the next chunk of the input.
    mutating func append(_ chunk: some Collection<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// The next whole record, or `nil` when the bytes so far end inside one (append more)
    /// or, when `final`, when the input is done.
    ///
    /// - Parameter final: True once the last chunk was appended: the input then ends the last record.
    /// - Throws: ``ImportErrorCode/malformedRow`` for a quote left open at the end of the
    ///   input, or a quote in the middle of an unquoted field.
    mutating func next(final: Bool) throws(ImportError) -> (line: Int, fields: [String])? {
        while true {
            guard let (end, after, lines) = recordEnd(final: final) else { return nil }
            let first = line
            let range = start..<end
            start = after
            line += lines
            if range.isEmpty || (range.count == 1 && buffer[range.lowerBound] == UInt8(ascii: "\r")) { continue }
            return (first, try fields(in: range, line: first))
        }
    }

    /// Where the record at `start` ends (exclusive, before its line break), where the next
    /// one starts, and how many line breaks that passes; `nil` when more input is needed.
    private func recordEnd(final: Bool) -> (end: Int, after: Int, lines: Int)? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> (Int, Int, Int)? in
            // A quote opens a quoted field only at the start of a field; a quote elsewhere
            // is left to `fields(in:line:)` to refuse, so it cannot swallow later lines.
            var quoted = false
            var fieldStart = true
            var lines = 0
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        guard index + 1 < bytes.count else { break }
                        if bytes[index + 1] == UInt8(ascii: "\"") { index += 1 } else { quoted = false }
                    } else if byte == UInt8(ascii: "\n") {
                        lines += 1
                    }
                } else if byte == UInt8(ascii: "\n") {
                    lines += 1
                    let end = index > start && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
                    return (end, index + 1, lines)
                } else if byte == UInt8(ascii: ",") {
                    fieldStart = true
                    index += 1
                    continue
                } else if byte == UInt8(ascii: "\"") && fieldStart {
                    quoted = true
                }
                fieldStart = false
                index += 1
            }
            return final ? (bytes.count, bytes.count, lines) : nil
        }
    }

    /// The fields of the record in `range`, unquoted.
    private func fields(in range: Range<Int>, line: Int) throws(ImportError) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(12)
        var index = range.lowerBound
        let end = range.upperBound
        while true {
            if index < end && buffer[index] == UInt8(ascii: "\"") {
                var field: [UInt8] = []
                index += 1
                while true {
                    guard index < end else { throw Self.malformed(line, "A quoted field is not closed; close it with a quote.") }
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < end && buffer[index + 1] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(byte)
                    index += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                guard index == end || buffer[index] == UInt8(ascii: ",") else {
                    throw Self.malformed(line, "A quoted field is followed by more than a comma; quote the whole field.")
                }
            } else {
                var stop = index
                while stop < end && buffer[stop] != UInt8(ascii: ",") {
                    if buffer[stop] == UInt8(ascii: "\"") {
                        throw Self.malformed(line, "A quote appears inside an unquoted field; quote the field and double the quote.")
                    }
                    stop += 1
                }
                fields.append(buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[index..<stop]), as: UTF8.self) })
                index = stop
            }
            if index == end { return fields }
            index += 1  // the comma
        }
    }

    private static func malformed(_ line: Int, _ message: String) -> ImportError {
        ImportError(.malformedRow, message, context: ErrorContext(position: line))
    }
}
