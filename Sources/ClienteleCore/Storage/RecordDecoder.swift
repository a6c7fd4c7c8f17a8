import Foundation

/// Decodes values written by ``RecordEncoder``.
///
/// Fields are matched by key, so fields added to a type later (optional or with a
/// default in a custom `init(from:)`) and fields in a different order still decode;
/// fields the type no longer has are skipped.
package enum RecordDecoder {
    /// Decodes one value that fills `buffer` exactly.
    ///
    /// - Throws: `DecodingError` when the bytes are not a valid encoding of `Value`.
    package static func decode<Value: Decodable>(_ type: Value.Type, from buffer: UnsafeRawBufferPointer) throws -> Value {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw RecordDecoderCore.corrupted(at: 0, "There are no bytes to decode.")
        }
        let core = RecordDecoderCore(base: base, count: buffer.count)
        let value = try core.decodeValue(type)
        guard core.position == buffer.count else {
            throw RecordDecoderCore.corrupted(at: core.position, "Unexpected bytes after the value.")
        }
        return value
    }

    /// Decodes one value from `bytes`.
    package static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }
}

/// The decoder behind ``RecordDecoder``: a cursor over one borrowed buffer.
final class RecordDecoderCore: Decoder {
    let base: UnsafeRawPointer
    let count: Int
    /// The cursor lives outside the object so that moving it needs no dynamic exclusivity check.
    private let cursor: UnsafeMutablePointer<Int>

    /// The container types most recently decoded, and their fast paths (if any): looking up
    /// a conformance costs more than decoding a short array.
    private let recentTypes: UnsafeMutablePointer<RecentType>
    private static let recentTypeCount = 8

    struct RecentType {
        var type: ObjectIdentifier?
        /// The type's one-pass collection decoding.
        var collection: (any RecordDecodableCollection.Type)?
        /// The type's own record decoding, without `Codable`'s containers.
        var record: (any RecordDecodable.Type)?
    }

    init(base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
        cursor = .allocate(capacity: 3)
        cursor.initialize(repeating: 0, count: 3)
        cursor[1] = -1
        recentTypes = .allocate(capacity: Self.recentTypeCount)
        recentTypes.initialize(repeating: RecentType(), count: Self.recentTypeCount)
    }

    deinit {
        cursor.deallocate()
        recentTypes.deinitialize(count: Self.recentTypeCount)
        recentTypes.deallocate()
    }

    /// `Value`'s one-pass collection decoding and record decoding, if it has them
    /// (remembered per decoder).
    func fastPaths<Value>(of type: Value.Type) -> RecentType {
        let identifier = ObjectIdentifier(type)
        for index in 0..<Self.recentTypeCount where recentTypes[index].type == identifier {
            return recentTypes[index]
        }
        let found = RecentType(
            type: identifier, collection: type as? any RecordDecodableCollection.Type,
            record: type as? any RecordDecodable.Type)
        let slot = cursor[2] % Self.recentTypeCount
        cursor[2] = slot + 1
        recentTypes[slot] = found
        return found
    }

    /// Where the next value starts.
    var position: Int {
        get { cursor[0] }
        set { cursor[0] = newValue }
    }

    /// The keyed container (by its first entry's offset) that `position` last moved in.
    var keyedOwner: Int {
        get { cursor[1] }
        set { cursor[1] = newValue }
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func corrupted(at offset: Int, _ reason: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(reason) (byte \(offset))"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let (start, end, count) = try openContainer(.keyed)
        position = start
        keyedOwner = start
        return KeyedDecodingContainer(KeyedRecordDecodingContainer<Key>(core: self, start: start, end: end, count: count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (start, end, count) = try openContainer(.array)
        position = start
        return UnkeyedRecordDecodingContainer(core: self, cursor: start, end: end, count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleRecordDecodingContainer(core: self)
    }

    // MARK: Reading

    /// Reads a container header at `position`: where its elements start and end, and how many there are.
    /// An `empty` value reads as an empty container.
    func openContainer(_ tag: RecordTag) throws -> (start: Int, end: Int, count: Int) {
        let found = try byte(at: position)
        if found == RecordTag.empty.rawValue { return (position + 1, position + 1, 0) }
        guard found == tag.rawValue else {
            throw Self.corrupted(at: position, "Expected \(tag == .keyed ? "a keyed value" : "an array"), found tag \(found).")
        }
        let start = position + RecordTag.containerHeaderSize
        guard start <= count else { throw Self.corrupted(at: position, "Truncated container header.") }
        let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position + 1, as: UInt32.self)))
        let elements = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position + 5, as: UInt32.self)))
        guard start + length <= count else { throw Self.corrupted(at: position, "A container runs past the end.") }
        // Every element takes at least one byte, so a damaged count cannot ask for huge storage.
        guard elements <= length else { throw Self.corrupted(at: position, "A container claims more elements than it has bytes.") }
        return (start, start + length, elements)
    }

    @inline(__always)
    func byte(at offset: Int) throws -> UInt8 {
        guard offset >= 0, offset < count else { throw Self.corrupted(at: offset, "Unexpected end of data.") }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    func tag(at offset: Int) -> UInt8? {
        offset >= 0 && offset < count ? base.load(fromByteOffset: offset, as: UInt8.self) : nil
    }

    func readVarint(at offset: inout Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(at: offset)
            offset += 1
            guard shift < 64 else { throw Self.corrupted(at: offset, "A number is too long.") }
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
        }
    }

    /// The offset just past the value that starts at `offset`.
    func end(ofValueAt offset: Int) throws -> Int {
        let found = try byte(at: offset)
        guard let tag = RecordTag(rawValue: found) else { throw Self.corrupted(at: offset, "Unknown tag \(found).") }
        var next = offset + 1
        switch tag {
        case .null, .false, .true, .empty:
            return next
        case .signed, .unsigned:
            _ = try readVarint(at: &next)
            return next
        case .double:
            next += 8
        case .float:
            next += 4
        case .string, .bytes:
            let length = try readVarint(at: &next)
            guard length <= UInt64(count - next) else { throw Self.corrupted(at: offset, "A value runs past the end.") }
            next += Int(length)
        case .array, .keyed:
            guard offset + RecordTag.containerHeaderSize <= count else {
                throw Self.corrupted(at: offset, "Truncated container header.")
            }
            let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
            next = offset + RecordTag.containerHeaderSize + length
        }
        guard next <= count else { throw Self.corrupted(at: offset, "A value runs past the end.") }
        return next
    }

    /// Decodes the value at `position` and leaves `position` just past it.
    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        // Written without `as? Value`, whose Optional<Value> costs a metadata lookup per call.
        let found = tag(at: position)
        if found == RecordTag.keyed.rawValue || found == RecordTag.array.rawValue {
            let paths = fastPaths(of: Value.self)
            // Arrays always, large keyed containers when they are dictionaries: one pass, reserved storage.
            if let collection = paths.collection, collection.canDecodeRecord(tag: found ?? 0),
                found == RecordTag.array.rawValue
                    || (position + RecordTag.containerHeaderSize <= count
                        && base.loadUnaligned(fromByteOffset: position + 5, as: UInt32.self) >= 16)
            {
                return try decodeCollection(collection, as: type)
            }
            if found == RecordTag.keyed.rawValue, let record = paths.record {
                return try decodeRecord(record, as: type)
            }
        } else if Value.self == String.self {
            return unsafeBitCast(try readString(), to: Value.self)
        } else if Value.self == Int.self {
            return unsafeBitCast(try readInteger(Int.self), to: Value.self)
        } else if Value.self == Bool.self {
            return unsafeBitCast(try readBool(), to: Value.self)
        } else if Value.self == UInt64.self {
            return unsafeBitCast(try readInteger(UInt64.self), to: Value.self)
        } else if Value.self == Int64.self {
            return unsafeBitCast(try readInteger(Int64.self), to: Value.self)
        } else if Value.self == Double.self {
            return unsafeBitCast(try readDouble(), to: Value.self)
        } else if Value.self == Data.self {
            return unsafeBitCast(Data(try readBytes()), to: Value.self)
        } else if found == RecordTag.bytes.rawValue, ObjectIdentifier(Value.self) == FastType.bytes {
            return unsafeBitCast(Array(try readBytes()), to: Value.self)
        }
        return try decodeWithInit(type)
    }

    /// Decodes the value at `position`, through `record` (`Value`'s own record decoding,
    /// looked up by the caller once for many values) when it is a keyed record.
    @inline(__always)
    func decodeValue<Value: Decodable>(_ type: Value.Type, record: (any RecordDecodable.Type)?) throws -> Value {
        if let record, tag(at: position) == RecordTag.keyed.rawValue {
            return try decodeRecord(record, as: type)
        }
        return try decodeValue(type)
    }

    /// Decodes the collection at `position` in one pass; `Collection` is `Value`, opened.
    private func decodeCollection<Collection: RecordDecodableCollection, Value>(
        _ collection: Collection.Type, as type: Value.Type
    ) throws -> Value {
        unsafeBitCast(try Collection.decodeRecord(from: self), to: Value.self)
    }

    /// Decodes the keyed record at `position` through its ``RecordDecodable`` conformance
    /// and leaves the cursor after it; `Record` is `Value`, opened.
    func decodeRecord<Record: RecordDecodable, Value>(_ record: Record.Type, as type: Value.Type) throws -> Value {
        let (first, end, count) = try openContainer(.keyed)
        var reader = RecordReader(core: self, start: first, end: end, count: count)
        let value = try Record(from: &reader)
        position = end
        return unsafeBitCast(value, to: Value.self)
    }

    /// Decodes the value at `position` through its own `init(from:)`.
    private func decodeWithInit<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let start = position
        let end = try end(ofValueAt: start)
        let value = try Value(from: self)
        position = end
        return value
    }

    func readTag() throws -> UInt8 {
        let found = try byte(at: position)
        position += 1
        return found
    }

    func mismatch(_ expected: String) -> DecodingError {
        let found = tag(at: position).map(String.init) ?? "end of data"
        return Self.corrupted(at: position, "Expected \(expected), found tag \(found).")
    }

    func readNil() -> Bool {
        guard tag(at: position) == RecordTag.null.rawValue else { return false }
        position += 1
        return true
    }

    func readBool() throws -> Bool {
        switch tag(at: position) {
        case RecordTag.true.rawValue: position += 1; return true
        case RecordTag.false.rawValue: position += 1; return false
        default: throw mismatch("a Bool")
        }
    }

    func readInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let start = position
        switch tag(at: position) {
        case RecordTag.signed.rawValue:
            position += 1
            let raw = try readVarint(at: &position)
            let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
            guard let result = Integer(exactly: value) else {
                throw Self.corrupted(at: start, "\(value) does not fit in \(Integer.self).")
            }
            return result
        case RecordTag.unsigned.rawValue:
            position += 1
            let value = try readVarint(at: &position)
            guard let result = Integer(exactly: value) else {
                throw Self.corrupted(at: start, "\(value) does not fit in \(Integer.self).")
            }
            return result
        default:
            throw mismatch("an integer")
        }
    }

    func readDouble() throws -> Double {
        switch tag(at: position) {
        case RecordTag.double.rawValue:
            guard position + 9 <= count else { throw mismatch("a Double") }
            let bits = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position + 1, as: UInt64.self))
            position += 9
            return Double(bitPattern: bits)
        case RecordTag.float.rawValue:
            return Double(try readFloat())
        default:
            throw mismatch("a Double")
        }
    }

    func readFloat() throws -> Float {
        switch tag(at: position) {
        case RecordTag.float.rawValue:
            guard position + 5 <= count else { throw mismatch("a Float") }
            let bits = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position + 1, as: UInt32.self))
            position += 5
            return Float(bitPattern: bits)
        case RecordTag.double.rawValue:
            return Float(try readDouble())
        default:
            throw mismatch("a Float")
        }
    }

    func readString() throws -> String {
        guard tag(at: position) == RecordTag.string.rawValue else { throw mismatch("a string") }
        var next = position + 1
        let length = try readVarint(at: &next)
        guard length <= UInt64(count - next) else { throw Self.corrupted(at: position, "A string runs past the end.") }
        let text = String(decoding: UnsafeRawBufferPointer(start: base + next, count: Int(length)), as: UTF8.self)
        position = next + Int(length)
        return text
    }

    func readBytes() throws -> UnsafeRawBufferPointer {
        guard tag(at: position) == RecordTag.bytes.rawValue else { throw mismatch("bytes") }
        var next = position + 1
        let length = try readVarint(at: &next)
        guard length <= UInt64(count - next) else { throw Self.corrupted(at: position, "Bytes run past the end.") }
        position = next + Int(length)
        return UnsafeRawBufferPointer(start: base + next, count: Int(length))
    }

    /// If a key equal to `key` starts at `offset`, the offset of its value.
    func value(afterKey key: String, at offset: Int) -> Int? {
        // Field names are short: a one-byte length, compared in place without copying `key`.
        guard offset >= 0, offset < count else { return nil }
        var next = offset
        let length: Int
        let first = base.load(fromByteOffset: offset, as: UInt8.self)
        if first < 0x80 {
            length = Int(first)
            next += 1
        } else {
            guard let long = try? readVarint(at: &next), long <= UInt64(count) else { return nil }
            length = Int(long)
        }
        guard length <= count - next else { return nil }
        let stored = base + next
        let matches = key.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.count == length else { return false }
            guard let keyBase = utf8.baseAddress else { return true }
            var index = 0
            while index + 8 <= length {
                guard stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == UnsafeRawPointer(keyBase).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                else { return false }
                index += 8
            }
            while index < length {
                guard stored.load(fromByteOffset: index, as: UInt8.self) == keyBase[index] else { return false }
                index += 1
            }
            return true
        } ?? key.utf8.elementsEqual(UnsafeRawBufferPointer(start: stored, count: length))
        return matches ? next + length : nil
    }

    /// The offset just past the key that starts at `offset`.
    func end(ofKeyAt offset: Int) throws -> Int {
        var next = offset
        let length = try readVarint(at: &next)
        guard length <= UInt64(count - next) else { throw Self.corrupted(at: offset, "A key runs past the end.") }
        return next + Int(length)
    }

    /// The key at `offset` and the offset of its value.
    func key(at offset: Int) throws -> (String, Int) {
        var next = offset
        let length = try readVarint(at: &next)
        guard length <= UInt64(count - next) else { throw Self.corrupted(at: offset, "A key runs past the end.") }
        let key = String(decoding: UnsafeRawBufferPointer(start: base + next, count: Int(length)), as: UTF8.self)
        return (key, next + Int(length))
    }
}

/// Generic types with a fast path, by identity (looking up `[UInt8].self` each time is not free).
enum FastType {
    static let bytes = ObjectIdentifier([UInt8].self)
}

/// Keyed values: found by key, fast when read in the order they were written.
struct KeyedRecordDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let core: RecordDecoderCore
    let start: Int
    let end: Int
    let count: Int

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        var offset = start
        for _ in 0..<count {
            guard let (name, value) = try? core.key(at: offset), let next = try? core.end(ofValueAt: value) else { break }
            if let key = Key(stringValue: name) { keys.append(key) }
            offset = next
        }
        return keys
    }

    /// The offset of the value stored under `key`, if any.
    private func locate(_ key: Key) throws -> Int? {
        let name = key.stringValue
        if core.keyedOwner == start, core.position >= start, core.position < end,
            let value = core.value(afterKey: name, at: core.position)
        {
            return value
        }
        var offset = start
        for _ in 0..<count {
            guard offset < end else { break }
            if let value = core.value(afterKey: name, at: offset) { return value }
            let (_, value) = try core.key(at: offset)
            offset = try core.end(ofValueAt: value)
        }
        return nil
    }

    private func require(_ key: Key) throws -> Int {
        guard let offset = try locate(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "No value for this key."))
        }
        return offset
    }

    /// Reads the value under `key` with `read`, leaving the cursor after it.
    private func read<Value>(_ key: Key, _ read: () throws -> Value) throws -> Value {
        core.position = try require(key)
        let value = try read()
        core.keyedOwner = start
        return value
    }

    /// Reads the value under `key` with `read`, or nil when the key is missing or holds nil.
    private func readIfPresent<Value>(_ key: Key, _ read: () throws -> Value) throws -> Value? {
        guard let offset = try locate(key) else { return nil }
        core.position = offset
        defer { core.keyedOwner = start }
        if core.readNil() { return nil }
        return try read()
    }

    func contains(_ key: Key) -> Bool { (try? locate(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let offset = try locate(key) else { return true }
        return core.tag(at: offset) == RecordTag.null.rawValue
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(key) { try core.readBool() } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(key) { try core.readString() } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(key) { try core.readDouble() } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(key) { try core.readFloat() } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(key) { try core.readInteger(type) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(key) { try core.readInteger(type) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(key) { try core.readInteger(type) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(key) { try core.readInteger(type) } }
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try read(key) { try core.decodeValue(type) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try readIfPresent(key) { try core.readBool() }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try readIfPresent(key) { try core.readString() }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try readIfPresent(key) { try core.readDouble() }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try readIfPresent(key) { try core.readFloat() }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try readIfPresent(key) { try core.readInteger(type) }
    }
    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try readIfPresent(key) { try core.decodeValue(type) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        core.position = try require(key)
        return try core.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        core.position = try require(key)
        return try core.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        var offset = start
        for _ in 0..<count {
            if let value = core.value(afterKey: "super", at: offset) {
                core.position = value
                return core
            }
            let (_, value) = try core.key(at: offset)
            offset = try core.end(ofValueAt: value)
        }
        throw RecordDecoderCore.corrupted(at: start, "No value for the superclass.")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        core.position = try require(key)
        return core
    }
}

/// Arrays: read in order with their own cursor.
struct UnkeyedRecordDecodingContainer: UnkeyedDecodingContainer {
    // Three words, so the existential holds it inline (no allocation per array).
    let core: RecordDecoderCore
    var cursor: Int
    private let total: UInt32
    private var index: UInt32 = 0

    init(core: RecordDecoderCore, cursor: Int, end: Int, count: Int) {
        self.core = core
        self.cursor = cursor
        self.total = UInt32(truncatingIfNeeded: count)
    }

    var currentIndex: Int { Int(index) }
    var codingPath: [any CodingKey] { [] }
    var count: Int? { Int(total) }
    var isAtEnd: Bool { index >= total }

    private mutating func next<Value>(_ read: (RecordDecoderCore) throws -> Value) throws -> Value {
        guard !isAtEnd, cursor < core.count else {
            throw RecordDecoderCore.corrupted(at: cursor, "Read past the end of an array.")
        }
        let core = self.core
        core.position = cursor
        let value = try read(core)
        cursor = core.position
        index += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, core.tag(at: cursor) == RecordTag.null.rawValue else { return false }
        cursor += 1
        index += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.readBool() } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.readString() } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.readDouble() } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.readFloat() } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.readInteger(type) } }
    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try next { try $0.decodeValue(type) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let valueEnd = try core.end(ofValueAt: cursor)
        core.position = cursor
        let container = try core.container(keyedBy: type)
        cursor = valueEnd
        index += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let valueEnd = try core.end(ofValueAt: cursor)
        core.position = cursor
        let container = try core.unkeyedContainer()
        cursor = valueEnd
        index += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let valueEnd = try core.end(ofValueAt: cursor)
        core.position = cursor
        cursor = valueEnd
        index += 1
        return core
    }
}

/// A single value at the cursor.
struct SingleRecordDecodingContainer: SingleValueDecodingContainer {
    let core: RecordDecoderCore

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { core.tag(at: core.position) == RecordTag.null.rawValue }
    func decode(_ type: Bool.Type) throws -> Bool { try core.readBool() }
    func decode(_ type: String.Type) throws -> String { try core.readString() }
    func decode(_ type: Double.Type) throws -> Double { try core.readDouble() }
    func decode(_ type: Float.Type) throws -> Float { try core.readFloat() }
    func decode(_ type: Int.Type) throws -> Int { try core.readInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try core.readInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try core.readInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try core.readInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try core.readInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try core.readInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try core.readInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try core.readInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try core.readInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try core.readInteger(type) }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try core.decodeValue(type) }
}

/// Dictionaries and arrays decode in one pass into reserved storage, instead of through
/// their own `init(from:)` (which collects every key first and grows step by step).
protocol RecordDecodableCollection {
    /// Whether ``decodeRecord(from:)`` reads a container with this tag.
    static func canDecodeRecord(tag: UInt8) -> Bool
    /// Decodes the container at `core.position` and leaves the cursor after it.
    static func decodeRecord(from core: RecordDecoderCore) throws -> Self
}

extension Dictionary: RecordDecodableCollection where Key: Decodable, Value: Decodable {
    static func canDecodeRecord(tag: UInt8) -> Bool {
        // Only String keys are stored by name; Int and CodingKeyRepresentable keys use init(from:).
        tag == RecordTag.array.rawValue || (tag == RecordTag.keyed.rawValue && Key.self == String.self)
    }

    static func decodeRecord(from core: RecordDecoderCore) throws -> Self {
        let start = core.position
        if core.tag(at: start) == RecordTag.keyed.rawValue {
            let (first, end, count) = try core.openContainer(.keyed)
            // The values' own record decoding, looked up once for the whole dictionary.
            let record = core.fastPaths(of: Value.self).record
            if count >= ParallelRecordDecoding.minimumCount {
                let offsets = try ParallelRecordDecoding.offsets(core, first: first, end: end, count: count, keyed: true, values: 1)
                var result = Self(minimumCapacity: count)
                try ParallelRecordDecoding.decode(core, offsets: offsets, element: { cursor, _ in
                    let (name, value) = try cursor.key(at: cursor.position)
                    cursor.position = value
                    return (unsafeBitCast(name, to: Key.self), try cursor.decodeValue(Value.self, record: record))
                }, consume: { try result.insert(moving: $0, at: start) })
                core.position = end
                return result
            }
            var result = Self(minimumCapacity: count)
            var offset = first
            for _ in 0..<count {
                let (name, value) = try core.key(at: offset)
                core.position = value
                result[unsafeBitCast(name, to: Key.self)] = try core.decodeValue(Value.self, record: record)
                offset = core.position
            }
            guard offset == end else { throw RecordDecoderCore.corrupted(at: start, "A dictionary's size does not match its entries.") }
            core.position = end
            return result
        }
        let (first, end, count) = try core.openContainer(.array)
        guard count.isMultiple(of: 2) else {
            throw RecordDecoderCore.corrupted(at: start, "A dictionary has a key without a value.")
        }
        if count / 2 >= ParallelRecordDecoding.minimumCount {
            let offsets = try ParallelRecordDecoding.offsets(core, first: first, end: end, count: count / 2, keyed: false, values: 2)
            var result = Self(minimumCapacity: count / 2)
            try ParallelRecordDecoding.decode(core, offsets: offsets, element: { cursor, _ in
                (try cursor.decodeValue(Key.self), try cursor.decodeValue(Value.self))
            }, consume: { try result.insert(moving: $0, at: start) })
            core.position = end
            return result
        }
        var result = Self(minimumCapacity: count / 2)
        core.position = first
        for _ in 0..<(count / 2) {
            let key = try core.decodeValue(Key.self)
            result[key] = try core.decodeValue(Value.self)
        }
        guard core.position == end else { throw RecordDecoderCore.corrupted(at: start, "A dictionary's size does not match its entries.") }
        return result
    }
}

extension Dictionary {
    /// Moves every entry of `entries` into the dictionary; a repeated key is damage (thrown
    /// after every entry was moved out, as ``ParallelRecordDecoding`` requires).
    fileprivate mutating func insert(moving entries: UnsafeMutableBufferPointer<(Key, Value)>, at offset: Int) throws {
        guard let first = entries.baseAddress else { return }
        var repeated = false
        for index in 0..<entries.count {
            let (key, value) = (first + index).move()
            // Handed over, not copied: no retain and release per stored reference.
            if updateValue(consume value, forKey: consume key) != nil { repeated = true }
        }
        if repeated { throw RecordDecoderCore.corrupted(at: offset, "A dictionary repeats a key.") }
    }
}

extension Array: RecordDecodableCollection where Element: Decodable {
    static func canDecodeRecord(tag: UInt8) -> Bool {
        tag == RecordTag.array.rawValue
    }

    static func decodeRecord(from core: RecordDecoderCore) throws -> Self {
        let start = core.position
        let (first, end, count) = try core.openContainer(.array)
        if count >= ParallelRecordDecoding.minimumCount {
            let offsets = try ParallelRecordDecoding.offsets(core, first: first, end: end, count: count, keyed: false, values: 1)
            var elements = Self()
            elements.reserveCapacity(count)
            try ParallelRecordDecoding.decode(core, offsets: offsets, element: { cursor, _ in
                try cursor.decodeValue(Element.self)
            }, consume: { chunk in
                guard let first = chunk.baseAddress else { return }
                for index in 0..<chunk.count { elements.append((first + index).move()) }
            })
            core.position = end
            return elements
        }
        core.position = first
        // Empty arrays share one storage: no allocation, no metadata lookup.
        if count == 0 {
            guard first == end else { throw RecordDecoderCore.corrupted(at: start, "An array's size does not match its elements.") }
            return []
        }
        // Written in place: one allocation, no growth checks per element.
        let result = try Self(unsafeUninitializedCapacity: count) { elements, initialized in
            guard let first = elements.baseAddress else { return }
            while initialized < count {
                (first + initialized).initialize(to: try core.decodeValue(Element.self))
                initialized += 1
            }
        }
        guard core.position == end else { throw RecordDecoderCore.corrupted(at: start, "An array's size does not match its elements.") }
        return result
    }
}
