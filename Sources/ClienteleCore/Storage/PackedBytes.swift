import Foundation

/// Writes a value's fields one after another, untagged and unnamed: the packed form a store
/// holds its many small records in (in memory and in its snapshot), where the record
/// encoding's field names and tags would take more room than the values.
///
/// A packed record has no schema of its own: the type that writes it reads it back field by
/// field, in the same order (``PackedReader``), and starts it with a format byte of its own
/// so that it can change its layout later.
///
/// | write | bytes |
/// |---|---|
/// | ``byte(_:)`` | one byte |
/// | ``unsigned(_:)`` | LEB128 varint |
/// | ``signed(_:)`` | zig-zag LEB128 varint |
/// | ``double(_:)`` | 8 bytes, IEEE 754 little-endian |
/// | ``text(_:)`` | varint byte count, UTF-8 |
/// | ``integers(_:)`` | each integer's bytes, little-endian, no count |
package struct PackedWriter: Sendable {
    /// What has been written.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer with room for `capacity` bytes.
    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one byte.
    package mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends a non-negative number as a varint.
    package mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Appends a count or index (never negative) as a varint.
    package mutating func count(_ value: Int) {
        unsigned(UInt64(max(0, value)))
    }

    /// Appends any integer as a zig-zag varint (small magnitudes take one byte).
    package mutating func signed(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide &<< 1) ^ (wide >> 63)))
    }

    /// Appends a double's exact bits.
    package mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends an instant exactly (`Date`'s own double: seconds since 2001).
    package mutating func date(_ value: Date) {
        double(value.timeIntervalSinceReferenceDate)
    }

    /// Appends a string: its UTF-8 byte count, then its bytes.
    package mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends raw bytes, without a length (the reader must know it).
    package mutating func raw(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
    }

    /// Appends each integer in full, little-endian, without a count (the reader must know
    /// it): a column of numbers, copied in and read back at memory speed
    /// (``PackedReader/integers(_:as:)``).
    package mutating func integers<Integer: FixedWidthInteger>(_ values: [Integer]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        #endif
    }

    /// Appends an optional value: a 0 byte for none, else a 1 byte and what `write` appends.
    package mutating func optional<Value>(_ value: Value?, _ write: (inout PackedWriter, Value) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }
}

/// Reads what a ``PackedWriter`` wrote, field by field, in the same order.
///
/// Every read checks that the bytes are there and well formed and throws
/// ``PackedReader/Malformed`` (with the offset) when they are not: a packed record that is
/// truncated or damaged is an error, never a crash.
package struct PackedReader: ~Copyable {
    /// A packed record that does not read as its type wrote it.
    package struct Malformed: Error, CustomStringConvertible {
        /// Where in the record reading stopped.
        package let offset: Int
        /// What was wrong.
        package let reason: String

        /// An error at `offset` for `reason`.
        package init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        package var description: String { "Malformed packed record at byte \(offset): \(reason)" }

        /// The store error for a stored packed record of `item` (a customer ID) that does
        /// not unpack: only a damaged snapshot that still passed its checksum can hold one.
        package func storeCorrupted(_ record: String, item: String) -> CoreError {
            CoreError(
                .storeCorrupted, "A stored \(record) does not unpack: \(reason).",
                context: ErrorContext(offset: Int64(offset), item: item))
        }
    }

    @usableFromInline let base: UnsafeRawBufferPointer
    /// The next byte to read.
    @usableFromInline package internal(set) var offset: Int

    /// A reader of `bytes` from `offset`; the bytes must outlive the reader.
    @inlinable package init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = bytes
        self.offset = offset
    }

    /// True when every byte has been read.
    @inlinable package var isAtEnd: Bool { offset == base.count }

    /// How many bytes are left to read.
    @inlinable package var remaining: Int { base.count - offset }

    /// An error at the current offset, for the reading type's own checks too.
    @inlinable package func malformed(_ reason: String) -> Malformed {
        Malformed(offset: offset, reason: reason)
    }

    /// Reads one byte.
    @inlinable package mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < base.count else { throw malformed("unexpected end") }
        defer { offset += 1 }
        return base[offset]
    }

    /// Reads a varint.
    @inlinable package mutating func unsigned() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw malformed("a number is too long") }
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a count or index, refusing one above `limit`.
    @inlinable package mutating func count(atMost limit: Int) throws(Malformed) -> Int {
        let value = try unsigned()
        guard value <= UInt64(limit) else { throw malformed("a count of \(value) is above \(limit)") }
        return Int(value)
    }

    /// Reads a zig-zag varint.
    @inlinable package mutating func signed() throws(Malformed) -> Int {
        let raw = try unsigned()
        let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        guard let result = Int(exactly: value) else { throw malformed("a number is out of range") }
        return result
    }

    /// Reads a double's bits.
    @inlinable package mutating func double() throws(Malformed) -> Double {
        guard base.count - offset >= 8 else { throw malformed("unexpected end") }
        let bits = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Reads an instant.
    @inlinable package mutating func date() throws(Malformed) -> Date {
        Date(timeIntervalSinceReferenceDate: try double())
    }

    /// Reads a string, refusing bytes that are not UTF-8.
    @inlinable package mutating func text() throws(Malformed) -> String {
        let bytes = try raw(count: try count(atMost: base.count - offset))
        // Plain ASCII (most stored text) is valid UTF-8 as it is: no validation pass.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw malformed("a text is not UTF-8") }
        return text
    }

    /// Reads an optional value that ``PackedWriter/optional(_:_:)`` wrote: `nil` after a 0
    /// byte, what `read` reads after a 1 byte; any other byte is malformed.
    @inlinable package mutating func optional<Value>(
        _ read: (inout PackedReader) throws(Malformed) -> Value
    ) throws(Malformed) -> Value? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        case let other: throw malformed("an optional's flag is \(other), neither 0 nor 1")
        }
    }

    /// Reads an optional string (``PackedWriter/optional(_:_:)`` of a text).
    @inlinable package mutating func optionalText() throws(Malformed) -> String? {
        try optional { (reader: inout PackedReader) throws(Malformed) in try reader.text() }
    }

    /// Reads an optional instant (``PackedWriter/optional(_:_:)`` of a date).
    @inlinable package mutating func optionalDate() throws(Malformed) -> Date? {
        try optional { (reader: inout PackedReader) throws(Malformed) in try reader.date() }
    }

    /// Reads `count` integers that ``PackedWriter/integers(_:)`` wrote.
    @inlinable package mutating func integers<Integer: FixedWidthInteger>(
        _ count: Int, as type: Integer.Type
    ) throws(Malformed) -> [Integer] {
        guard count >= 0, count <= (base.count - offset) / MemoryLayout<Integer>.size else { throw malformed("unexpected end") }
        let bytes = try raw(count: count * MemoryLayout<Integer>.size)
        return [Integer](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            #if _endian(big)
            for index in 0..<count { buffer[index] = Integer(littleEndian: buffer[index]) }
            #endif
            initialized = count
        }
    }

    /// The next `count` bytes, unread until now.
    @inlinable package mutating func raw(count: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard count >= 0, base.count - offset >= count else { throw malformed("unexpected end") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
    }
}
