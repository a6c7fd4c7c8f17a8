import Foundation

/// Encodes any `Encodable` value in the compact, self-describing record encoding (``RecordTag``).
///
/// Used by the journal for changes and snapshots. Containers must be filled in the order
/// they are created, as synthesized `Codable` conformances do.
package enum RecordEncoder {
    /// Appends the encoding of `value` to `bytes`.
    ///
    /// - Throws: `EncodingError.invalidValue` when a container outgrows 4 GiB, or what
    ///   `value.encode(to:)` throws.
    package static func encode<Value: Encodable>(_ value: Value, appendingTo bytes: inout [UInt8]) throws {
        let core = RecordEncoderCore()
        swap(&core.bytes, &bytes)
        defer { swap(&core.bytes, &bytes) }
        try core.encodeValue(value)
    }

    /// The encoding of `value`.
    package static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, appendingTo: &bytes)
        return bytes
    }
}

/// The streaming encoder behind ``RecordEncoder``: writes straight into one byte array.
final class RecordEncoderCore: Encoder {
    var bytes: [UInt8] = []
    /// Header offsets of containers whose byte length is not patched yet.
    private var openContainers: [Int] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedRecordEncodingContainer<Key>(core: self, header: openContainer(.keyed)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedRecordEncodingContainer(core: self, header: openContainer(.array))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleRecordEncodingContainer(core: self)
    }

    // MARK: Values

    func encodeValue<Value: Encodable>(_ value: Value) throws {
        if Value.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int.self {
            writeInteger(unsafeBitCast(value, to: Int.self))
        } else if Value.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
        } else if Value.self == UInt64.self {
            writeInteger(unsafeBitCast(value, to: UInt64.self))
        } else if Value.self == Int64.self {
            writeInteger(unsafeBitCast(value, to: Int64.self))
        } else if Value.self == Double.self {
            writeDouble(unsafeBitCast(value, to: Double.self))
        } else if Value.self == Data.self {
            writeBytes(unsafeBitCast(value, to: Data.self))
        } else if ObjectIdentifier(Value.self) == FastType.bytes {
            writeBytes(unsafeBitCast(value, to: [UInt8].self))
        } else if let record = Value.self as? any RecordEncodable.Type {
            try encodeRecord(value, as: record)
        } else {
            let depth = openContainers.count
            let start = bytes.count
            try value.encode(to: self)
            if bytes.count == start { writeTag(.empty) }
            try closeContainers(downTo: depth)
        }
    }

    /// Writes `value` through its ``RecordEncodable`` conformance; `Record` is `Value`, opened.
    private func encodeRecord<Record: RecordEncodable, Value>(_ value: Value, as record: Record.Type) throws {
        let record = unsafeBitCast(value, to: Record.self)
        try encodeKeyed { try record.encode(to: &$0) }
    }

    /// Writes one keyed container whose entries `body` writes.
    func encodeKeyed(_ body: (inout RecordWriter) throws -> Void) throws {
        let depth = openContainers.count
        var writer = RecordWriter(core: self, header: openContainer(.keyed))
        try body(&writer)
        try closeContainers(downTo: depth)
    }

    func openContainer(_ tag: RecordTag) -> Int {
        let header = bytes.count
        bytes.append(tag.rawValue)
        bytes.append(contentsOf: repeatElement(0, count: 8))
        openContainers.append(header)
        return header
    }

    private func closeContainers(downTo depth: Int) throws {
        while openContainers.count > depth {
            let header = openContainers.removeLast()
            let length = bytes.count - header - RecordTag.containerHeaderSize
            guard length <= Int(UInt32.max) else {
                throw EncodingError.invalidValue(
                    length, .init(codingPath: [], debugDescription: "A container is larger than 4 GiB."))
            }
            patch(UInt32(length), at: header + 1)
        }
    }

    /// Counts one more element in the container whose header is at `header`.
    func countElement(in header: Int) {
        bytes.withUnsafeMutableBytes { raw in
            let count = raw.loadUnaligned(fromByteOffset: header + 5, as: UInt32.self)
            raw.storeBytes(of: UInt32(littleEndian: count) &+ 1, toByteOffset: header + 5, as: UInt32.self)
        }
    }

    private func patch(_ value: UInt32, at offset: Int) {
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
        }
    }

    func writeTag(_ tag: RecordTag) {
        bytes.append(tag.rawValue)
    }

    func writeBool(_ value: Bool) {
        writeTag(value ? .true : .false)
    }

    func writeInteger<Integer: FixedWidthInteger>(_ value: Integer) {
        if Integer.isSigned {
            let wide = Int64(truncatingIfNeeded: value)
            writeTag(.signed)
            writeVarint(UInt64(bitPattern: (wide &<< 1) ^ (wide >> 63)))
        } else {
            writeTag(.unsigned)
            writeVarint(UInt64(truncatingIfNeeded: value))
        }
    }

    func writeDouble(_ value: Double) {
        writeTag(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func writeFloat(_ value: Float) {
        writeTag(.float)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func writeString(_ value: String) {
        writeTag(.string)
        writeText(value)
    }

    func writeBytes(_ value: some Collection<UInt8>) {
        writeTag(.bytes)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A key or string body: varint byte count, UTF-8.
    func writeText(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

/// Keyed values: each entry is the key's string value followed by the value.
struct KeyedRecordEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let core: RecordEncoderCore
    let header: Int

    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key) {
        core.countElement(in: header)
        core.writeText(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { entry(key); core.writeTag(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { entry(key); core.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { entry(key); core.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { entry(key); core.writeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { entry(key); core.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { entry(key); core.writeInteger(value) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        entry(key)
        try core.encodeValue(value)
    }

    // Optional values are written as an explicit nil, so decoding never has to search for them.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        entry(key)
        return core.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        entry(key)
        return core.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        core.countElement(in: header)
        core.writeText("super")
        return core
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        entry(key)
        return core
    }
}

/// Arrays and the key-value pairs of dictionaries with non-string keys.
struct UnkeyedRecordEncodingContainer: UnkeyedEncodingContainer {
    let core: RecordEncoderCore
    let header: Int
    private(set) var count = 0

    init(core: RecordEncoderCore, header: Int) {
        self.core = core
        self.header = header
    }

    var codingPath: [any CodingKey] { [] }

    private mutating func element() {
        count += 1
        core.countElement(in: header)
    }

    mutating func encodeNil() throws { element(); core.writeTag(.null) }
    mutating func encode(_ value: Bool) throws { element(); core.writeBool(value) }
    mutating func encode(_ value: String) throws { element(); core.writeString(value) }
    mutating func encode(_ value: Double) throws { element(); core.writeDouble(value) }
    mutating func encode(_ value: Float) throws { element(); core.writeFloat(value) }
    mutating func encode(_ value: Int) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { element(); core.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { element(); core.writeInteger(value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        element()
        try core.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        element()
        return core.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return core.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        element()
        return core
    }
}

/// A single value written in place.
struct SingleRecordEncodingContainer: SingleValueEncodingContainer {
    let core: RecordEncoderCore

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { core.writeTag(.null) }
    mutating func encode(_ value: Bool) throws { core.writeBool(value) }
    mutating func encode(_ value: String) throws { core.writeString(value) }
    mutating func encode(_ value: Double) throws { core.writeDouble(value) }
    mutating func encode(_ value: Float) throws { core.writeFloat(value) }
    mutating func encode(_ value: Int) throws { core.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { core.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { core.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { core.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { core.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { core.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { core.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { core.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { core.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { core.writeInteger(value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try core.encodeValue(value) }
}
