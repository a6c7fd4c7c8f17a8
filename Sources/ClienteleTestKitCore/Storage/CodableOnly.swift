import Foundation

/// A value encoded and decoded through its `Codable` conformance alone, at every depth.
///
/// The record encoder takes a type's `RecordCodable` fast path wherever the type appears,
/// even inside a `Codable` parent. Wrapping hides the conformance: the wrapped value's own
/// `encode(to:)`/`init(from:)` run against proxy containers that wrap every nested value
/// again, so the bytes are exactly what the `Codable` conformances alone produce. This is
/// the reference the fast path must match.
///
/// ```swift
/// #expect(try RecordEncoder.encode(record) == RecordEncoder.encode(CodableOnly(record)))
/// #expect(try RecordDecoder.decode(CodableOnly<MyRecord>.self, from: fastBytes).value == record)
/// ```
public struct CodableOnly<Value>: Codable where Value: Codable {
    /// The wrapped value.
    public var value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }

    /// Decodes the value through its `Decodable` conformance alone.
    public init(from decoder: any Decoder) throws {
        value = try Value(from: CodableOnlyDecoder(inner: decoder))
    }

    /// Encodes the value through its `Encodable` conformance alone.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: CodableOnlyEncoder(inner: encoder))
    }
}

// MARK: Encoding

struct CodableOnlyEncoder: Encoder {
    let inner: any Encoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CodableOnlyKeyedEncoding(inner: inner.container(keyedBy: type)))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { CodableOnlyUnkeyedEncoding(inner: inner.unkeyedContainer()) }
    func singleValueContainer() -> any SingleValueEncodingContainer { CodableOnlySingleEncoding(inner: inner.singleValueContainer()) }
}

struct CodableOnlyKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var inner: KeyedEncodingContainer<Key>
    var codingPath: [any CodingKey] { inner.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try inner.encodeNil(forKey: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try inner.encode(CodableOnlyEncodable(value), forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try inner.encode(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try inner.encodeIfPresent(value, forKey: key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { 
        if let value { try inner.encode(CodableOnlyEncodable(value), forKey: key) } else { try inner.encodeIfPresent(Int?.none, forKey: key) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(CodableOnlyKeyedEncoding<NestedKey>(inner: inner.nestedContainer(keyedBy: keyType, forKey: key)))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        CodableOnlyUnkeyedEncoding(inner: inner.nestedUnkeyedContainer(forKey: key))
    }
    mutating func superEncoder() -> any Encoder { CodableOnlyEncoder(inner: inner.superEncoder()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { CodableOnlyEncoder(inner: inner.superEncoder(forKey: key)) }
}

struct CodableOnlyUnkeyedEncoding: UnkeyedEncodingContainer {
    var inner: any UnkeyedEncodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }
    var count: Int { inner.count }

    mutating func encodeNil() throws { try inner.encodeNil() }
    mutating func encode<T: Encodable>(_ value: T) throws { try inner.encode(CodableOnlyEncodable(value)) }
    mutating func encode(_ value: Bool) throws { try inner.encode(value) }
    mutating func encode(_ value: String) throws { try inner.encode(value) }
    mutating func encode(_ value: Double) throws { try inner.encode(value) }
    mutating func encode(_ value: Float) throws { try inner.encode(value) }
    mutating func encode(_ value: Int) throws { try inner.encode(value) }
    mutating func encode(_ value: Int8) throws { try inner.encode(value) }
    mutating func encode(_ value: Int16) throws { try inner.encode(value) }
    mutating func encode(_ value: Int32) throws { try inner.encode(value) }
    mutating func encode(_ value: Int64) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt8) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt16) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt32) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt64) throws { try inner.encode(value) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(CodableOnlyKeyedEncoding<NestedKey>(inner: inner.nestedContainer(keyedBy: keyType)))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { CodableOnlyUnkeyedEncoding(inner: inner.nestedUnkeyedContainer()) }
    mutating func superEncoder() -> any Encoder { CodableOnlyEncoder(inner: inner.superEncoder()) }
}

struct CodableOnlySingleEncoding: SingleValueEncodingContainer {
    var inner: any SingleValueEncodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }

    mutating func encodeNil() throws { try inner.encodeNil() }
    mutating func encode<T: Encodable>(_ value: T) throws { try inner.encode(CodableOnlyEncodable(value)) }
    mutating func encode(_ value: Bool) throws { try inner.encode(value) }
    mutating func encode(_ value: String) throws { try inner.encode(value) }
    mutating func encode(_ value: Double) throws { try inner.encode(value) }
    mutating func encode(_ value: Float) throws { try inner.encode(value) }
    mutating func encode(_ value: Int) throws { try inner.encode(value) }
    mutating func encode(_ value: Int8) throws { try inner.encode(value) }
    mutating func encode(_ value: Int16) throws { try inner.encode(value) }
    mutating func encode(_ value: Int32) throws { try inner.encode(value) }
    mutating func encode(_ value: Int64) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt8) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt16) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt32) throws { try inner.encode(value) }
    mutating func encode(_ value: UInt64) throws { try inner.encode(value) }
}

/// An `Encodable` value hidden behind the proxy encoder (its fast path, if any, unseen).
///
/// Byte strings (`[UInt8]`, `Data`) are values of the record encoding itself, not types
/// with a fast path, so they go to the encoder as they are.
struct CodableOnlyEncodable<Value: Encodable>: Encodable {
    let value: Value
    init(_ value: Value) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        if Value.self == [UInt8].self || Value.self == Data.self {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        } else {
            try value.encode(to: CodableOnlyEncoder(inner: encoder))
        }
    }
}

/// A `Decodable` value read through the proxy decoder (its fast path, if any, unseen).
/// Byte strings are read as they are (see ``CodableOnlyEncodable``).
struct CodableOnlyDecodable<Value: Decodable>: Decodable {
    let value: Value
    init(from decoder: any Decoder) throws {
        if Value.self == [UInt8].self || Value.self == Data.self {
            value = try decoder.singleValueContainer().decode(Value.self)
        } else {
            value = try Value(from: CodableOnlyDecoder(inner: decoder))
        }
    }
}

// MARK: Decoding

struct CodableOnlyDecoder: Decoder {
    let inner: any Decoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(CodableOnlyKeyedDecoding(inner: try inner.container(keyedBy: type)))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { CodableOnlyUnkeyedDecoding(inner: try inner.unkeyedContainer()) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { CodableOnlySingleDecoding(inner: try inner.singleValueContainer()) }
}

struct CodableOnlyKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let inner: KeyedDecodingContainer<Key>
    var codingPath: [any CodingKey] { inner.codingPath }
    var allKeys: [Key] { inner.allKeys }

    func contains(_ key: Key) -> Bool { inner.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { try inner.decodeNil(forKey: key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try inner.decode(CodableOnlyDecodable<T>.self, forKey: key).value }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try inner.decode(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try inner.decode(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try inner.decode(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try inner.decode(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try inner.decode(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try inner.decode(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try inner.decode(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try inner.decode(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try inner.decode(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try inner.decode(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try inner.decode(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try inner.decode(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try inner.decode(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try inner.decode(type, forKey: key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try inner.decodeIfPresent(type, forKey: key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try inner.decodeIfPresent(CodableOnlyDecodable<T>.self, forKey: key)?.value }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(CodableOnlyKeyedDecoding<NestedKey>(inner: try inner.nestedContainer(keyedBy: type, forKey: key)))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        CodableOnlyUnkeyedDecoding(inner: try inner.nestedUnkeyedContainer(forKey: key))
    }
    func superDecoder() throws -> any Decoder { CodableOnlyDecoder(inner: try inner.superDecoder()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { CodableOnlyDecoder(inner: try inner.superDecoder(forKey: key)) }
}

struct CodableOnlyUnkeyedDecoding: UnkeyedDecodingContainer {
    var inner: any UnkeyedDecodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }
    var count: Int? { inner.count }
    var isAtEnd: Bool { inner.isAtEnd }
    var currentIndex: Int { inner.currentIndex }

    mutating func decodeNil() throws -> Bool { try inner.decodeNil() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try inner.decode(CodableOnlyDecodable<T>.self).value }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try inner.decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(CodableOnlyKeyedDecoding<NestedKey>(inner: try inner.nestedContainer(keyedBy: type)))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        CodableOnlyUnkeyedDecoding(inner: try inner.nestedUnkeyedContainer())
    }
    mutating func superDecoder() throws -> any Decoder { CodableOnlyDecoder(inner: try inner.superDecoder()) }
}

struct CodableOnlySingleDecoding: SingleValueDecodingContainer {
    let inner: any SingleValueDecodingContainer
    var codingPath: [any CodingKey] { inner.codingPath }

    func decodeNil() -> Bool { inner.decodeNil() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try inner.decode(CodableOnlyDecodable<T>.self).value }
    func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
    func decode(_ type: String.Type) throws -> String { try inner.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try inner.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try inner.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try inner.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try inner.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try inner.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try inner.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try inner.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try inner.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try inner.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try inner.decode(type) }
}
