import ClienteleCore
import Foundation

/// A CSV file written row by row through a large buffer, with fields that never need
/// quoting (identifiers, numbers, fixed words). Lines end in CRLF, as Python's `csv`
/// module (and so the peers' `gen_dataset.py`) writes them.
struct CSVFile: ~Copyable {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var atLineStart = true
    /// Data rows written so far (the header excluded).
    private(set) var rows = 0
    /// Bytes written so far, the header included.
    private(set) var bytes = 0

    private static let flushSize = 1 << 20

    /// Creates (or truncates) the file at `url` and writes the header line.
    ///
    /// - Throws: `BenchError.output` when the file cannot be created.
    init(_ url: URL, header: [String]) throws(BenchError) {
        path = url.lastPathComponent
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: url)
        else {
            throw BenchError(.output, "cannot create the file; check the folder exists and is writable", context: .init(file: url.path))
        }
        self.handle = handle
        buffer.reserveCapacity(Self.flushSize + 4096)
        for name in header { text(name) }
        buffer.append(contentsOf: [0x0D, 0x0A])
        atLineStart = true
    }

    /// Appends a text field.
    mutating func text(_ value: String) {
        separate()
        buffer.append(contentsOf: value.utf8)
    }

    /// Appends an empty field (NULL for the peers).
    mutating func empty() {
        separate()
    }

    /// Appends `prefix` followed by `value` in decimal, zero-padded to `width` digits
    /// (`C0000042`): what Python's `"C%07d" % value` gives.
    mutating func number(_ value: Int, prefix: StaticString = "", width: Int = 0) {
        separate()
        if prefix.utf8CodeUnitCount > 0 {
            prefix.withUTF8Buffer { buffer.append(contentsOf: $0) }
        }
        appendDigits(value, width: width)
    }

    /// Appends an optional number: empty when nil.
    mutating func number(_ value: Int?) {
        if let value { number(value) } else { empty() }
    }

    /// Appends a date as `YYYY-MM-DD`.
    mutating func date(year: Int, month: Int, day: Int) {
        separate()
        appendDigits(year, width: 4)
        buffer.append(0x2D)
        appendDigits(month, width: 2)
        buffer.append(0x2D)
        appendDigits(day, width: 2)
    }

    /// Appends raw bytes to the current field (no separator): for composite fields such as e-mail addresses.
    mutating func continueField(_ value: StaticString) {
        value.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// Appends a decimal number to the current field (no separator).
    mutating func continueField(_ value: Int) {
        appendDigits(value, width: 0)
    }

    /// Ends the row; flushes the buffer when it is full.
    ///
    /// - Throws: `BenchError.output` when writing fails.
    mutating func endRow() throws(BenchError) {
        buffer.append(contentsOf: [0x0D, 0x0A])
        atLineStart = true
        rows += 1
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered and closes the file.
    ///
    /// - Returns: The size of the file in bytes.
    /// - Throws: `BenchError.output` when writing fails.
    consuming func close() throws(BenchError) -> Int {
        try flush()
        do {
            try handle.close()
        } catch {
            throw BenchError(.output, "cannot close the file", context: .init(file: path), underlying: error)
        }
        return bytes
    }

    private mutating func flush() throws(BenchError) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw BenchError(.output, "cannot write the file; check free disk space", context: .init(file: path), underlying: error)
        }
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if atLineStart {
            atLineStart = false
        } else {
            buffer.append(0x2C)
        }
    }

    private mutating func appendDigits(_ value: Int, width: Int) {
        if value < 0 { buffer.append(0x2D) }
        var remaining = value.magnitude
        var digits = 1
        var probe = remaining
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        for _ in digits..<max(width, digits) { buffer.append(0x30) }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0x30, count: digits))
        var index = start + digits - 1
        while index >= start {
            buffer[index] = 0x30 + UInt8(remaining % 10)
            remaining /= 10
            index -= 1
        }
    }
}
