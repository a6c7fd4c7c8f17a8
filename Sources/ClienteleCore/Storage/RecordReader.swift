import Foundation

/// The fields of one keyed record, read by name (see ``RecordDecodable``).
///
/// A cursor over borrowed bytes: no allocation of its own. Each read finds the field by
/// name, first where the previous read stopped (so reading fields in the order they were
/// written costs one comparison each), then from the start of the record. Fields the type
/// does not ask for are skipped. Every read checks its bounds: damaged bytes produce a
/// `DecodingError`, never a crash.
public struct RecordReader {
    let core: RecordDecoderCore
    /// Where the first field starts.
    let start: Int
    /// Where the record's fields end.
    let end: Int
    /// Where the field expected next starts: just past the last one read.
    private var next: Int

    /// The number of fields stored in the record.
    public let count: Int

    init(core: RecordDecoderCore, start: Int, end: Int, count: Int) {
        self.core = core
        self.start = start
        self.end = end
        self.count = count
        next = start
    }

    // MARK: Finding fields

    /// The offset of the value stored under `key`, if any.
    private func locate(_ key: String) throws -> Int? {
        if next < end, let value = core.value(afterKey: key, at: next) { return value }
        var offset = start
        for _ in 0..<count {
            guard offset < end else { break }
            if let value = core.value(afterKey: key, at: offset) { return value }
            offset = try core.end(ofValueAt: try core.end(ofKeyAt: offset))
        }
        return nil
    }

    private func require(_ key: String) throws -> Int {
        guard let offset = try locate(key) else {
            throw DecodingError.keyNotFound(
                RecordFieldName(key), .init(codingPath: [], debugDescription: "The record has no field with this name."))
        }
        return offset
    }

    /// Reads the value under `key` with `read`, leaving the reader after it.
    @inline(__always)
    private mutating func read<Value>(_ key: String, _ read: (RecordDecoderCore) throws -> Value) throws -> Value {
        let core = self.core
        core.position = try require(key)
        let value = try read(core)
        next = core.position
        return value
    }

    /// Reads the value under `key` with `read`, or nil when the field is missing or holds nil.
    @inline(__always)
    private mutating func readIfPresent<Value>(_ key: String, _ read: (RecordDecoderCore) throws -> Value) throws -> Value? {
        guard let offset = try locate(key) else { return nil }
        let core = self.core
        core.position = offset
        let value = core.readNil() ? nil : try read(core)
        next = core.position
        return value
    }

    /// Whether the record has a field named `key` (holding nil or not).
    public func contains(_ key: String) -> Bool {
        (try? locate(key)) != nil
    }

    /// Whether the field `key` is missing or holds nil.
    public func decodeNil(forKey key: String) throws -> Bool {
        guard let offset = try locate(key) else { return true }
        return core.tag(at: offset) == RecordTag.null.rawValue
    }

    // MARK: Required fields

    /// Reads the `String` field `key`.
    ///
    /// - Throws: `DecodingError.keyNotFound` when the field is missing,
    ///   `DecodingError.dataCorrupted` when it holds something else or is damaged.
    public mutating func decode(_ type: String.Type, forKey key: String) throws -> String {
        try read(key) { try $0.readString() }
    }
    /// Reads the `Bool` field `key`.
    public mutating func decode(_ type: Bool.Type, forKey key: String) throws -> Bool {
        try read(key) { try $0.readBool() }
    }
    /// Reads the `Int` field `key`; a stored number that does not fit is an error.
    public mutating func decode(_ type: Int.Type, forKey key: String) throws -> Int {
        try read(key) { try $0.readInteger(Int.self) }
    }
    /// Reads the `Int64` field `key`.
    public mutating func decode(_ type: Int64.Type, forKey key: String) throws -> Int64 {
        try read(key) { try $0.readInteger(Int64.self) }
    }
    /// Reads the `Int32` field `key`.
    public mutating func decode(_ type: Int32.Type, forKey key: String) throws -> Int32 {
        try read(key) { try $0.readInteger(Int32.self) }
    }
    /// Reads the `UInt` field `key`.
    public mutating func decode(_ type: UInt.Type, forKey key: String) throws -> UInt {
        try read(key) { try $0.readInteger(UInt.self) }
    }
    /// Reads the `UInt64` field `key`.
    public mutating func decode(_ type: UInt64.Type, forKey key: String) throws -> UInt64 {
        try read(key) { try $0.readInteger(UInt64.self) }
    }
    /// Reads the `UInt32` field `key`.
    public mutating func decode(_ type: UInt32.Type, forKey key: String) throws -> UInt32 {
        try read(key) { try $0.readInteger(UInt32.self) }
    }
    /// Reads the `Double` field `key` (a stored `Float` widens).
    public mutating func decode(_ type: Double.Type, forKey key: String) throws -> Double {
        try read(key) { try $0.readDouble() }
    }
    /// Reads any `Decodable` field `key`: nested records, arrays, dictionaries, optionals.
    /// A nested ``RecordDecodable`` type takes the fast path too.
    ///
    /// - Throws: `DecodingError` as the value's decoding does.
    public mutating func decode<Value: Decodable>(_ type: Value.Type, forKey key: String) throws -> Value {
        try read(key) { try $0.decodeValue(Value.self) }
    }

    /// Passes `body` the bytes of the `[UInt8]` (or `Data`) field `key` where the record
    /// lies, without copying them: a store's snapshot of packed records, hundreds of
    /// megabytes, read once. The bytes are valid only inside `body`.
    ///
    /// - Throws: `DecodingError` when the field is missing or not bytes; what `body` throws.
    public mutating func withBytes<Result>(forKey key: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        try body(try read(key) { try $0.readBytes() })
    }

    /// Reads the `[String]` field `key`.
    public mutating func decode(_ type: [String].Type, forKey key: String) throws -> [String] {
        let (count, end) = try _openArray(forKey: key)
        let core = self.core
        let strings = count == 0 ? [] : try [String](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let first = buffer.baseAddress else { return }
            while initialized < count {
                (first + initialized).initialize(to: try core.readString())
                initialized += 1
            }
        }
        try _closeArray(at: end)
        return strings
    }

    /// Reads the array field `key` whose elements are ``RecordDecodable`` records, each
    /// through its fast path (inlined into the caller, so specialized for `Element`).
    @inlinable
    public mutating func decode<Element: RecordDecodable>(_ type: [Element].Type, forKey key: String) throws -> [Element] {
        let (count, end) = try _openArray(forKey: key)
        var elements: [Element] = []
        if count > 0 {
            elements.reserveCapacity(count)
            for _ in 0..<count {
                var element = try _nextElementReader()
                elements.append(try Element(from: &element))
            }
        }
        try _closeArray(at: end)
        return elements
    }

    /// Starts reading the array in field `key`: the number of elements and where they end.
    /// The elements are read with ``_nextElementReader()``, then ``_closeArray(at:)``.
    @usableFromInline
    mutating func _openArray(forKey key: String) throws -> (count: Int, end: Int) {
        let core = self.core
        core.position = try require(key)
        let (first, end, count) = try core.openContainer(.array)
        core.position = first
        return (count, end)
    }

    /// A reader over the keyed record at the array's cursor; moves the cursor past it.
    @usableFromInline
    func _nextElementReader() throws -> RecordReader {
        let core = self.core
        let (first, end, count) = try core.openContainer(.keyed)
        core.position = end
        return RecordReader(core: core, start: first, end: end, count: count)
    }

    /// Ends reading an array that ends at `end`: its elements must fill it exactly.
    @usableFromInline
    mutating func _closeArray(at end: Int) throws {
        guard core.position == end else {
            throw RecordDecoderCore.corrupted(at: core.position, "An array's size does not match its elements.")
        }
        next = end
    }

    // MARK: Optional fields

    /// Reads the `String` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent(_ type: String.Type, forKey key: String) throws -> String? {
        try readIfPresent(key) { try $0.readString() }
    }
    /// Reads the `Bool` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent(_ type: Bool.Type, forKey key: String) throws -> Bool? {
        try readIfPresent(key) { try $0.readBool() }
    }
    /// Reads the `Int` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent(_ type: Int.Type, forKey key: String) throws -> Int? {
        try readIfPresent(key) { try $0.readInteger(Int.self) }
    }
    /// Reads the `Int64` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent(_ type: Int64.Type, forKey key: String) throws -> Int64? {
        try readIfPresent(key) { try $0.readInteger(Int64.self) }
    }
    /// Reads the `Double` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent(_ type: Double.Type, forKey key: String) throws -> Double? {
        try readIfPresent(key) { try $0.readDouble() }
    }
    /// Reads any `Decodable` field `key`, or nil when it is missing or holds nil.
    public mutating func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: String) throws -> Value? {
        try readIfPresent(key) { try $0.decodeValue(Value.self) }
    }

    // MARK: Nested records

    /// A reader over the keyed record stored in field `key` (for example an enum case's
    /// associated values); continue with `self` afterwards.
    ///
    /// - Throws: `DecodingError` when the field is missing or is not a keyed record.
    public mutating func nestedReader(forKey key: String) throws -> RecordReader {
        let core = self.core
        core.position = try require(key)
        let valueEnd = try core.end(ofValueAt: core.position)
        let (first, end, count) = try core.openContainer(.keyed)
        next = valueEnd
        return RecordReader(core: core, start: first, end: end, count: count)
    }

    /// The name of every field, in stored order (allocates; for enums and diagnostics).
    ///
    /// - Throws: `DecodingError` when the record is damaged.
    public func keys() throws -> [String] {
        var keys: [String] = []
        keys.reserveCapacity(count)
        var offset = start
        for _ in 0..<count {
            let (name, value) = try core.key(at: offset)
            keys.append(name)
            offset = try core.end(ofValueAt: value)
        }
        return keys
    }
}

/// A field name as a `CodingKey`, for the errors of ``RecordReader`` and of the modules'
/// fast reads.
package struct RecordFieldName: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
