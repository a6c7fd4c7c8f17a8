/// A type that reads itself straight from the record encoding, without `Codable`'s
/// containers: the fast path for the values a store holds by the thousand.
///
/// Conforming is optional and changes nothing on disk: the reader sees exactly the bytes
/// that the type's `Decodable` conformance would read (keyed by field name, each value
/// tagged), so files written before or after adopting it, ``RecordDump``, and types that
/// still use plain `Codable` all keep working side by side. The store's decoder uses
/// ``init(from:)-(RecordReader)`` whenever the type conforms, at any depth (a
/// dictionary's values, an array's elements, a field of a `Codable` type).
///
/// Read the same field names the `Decodable` conformance reads (its `CodingKeys`), in any
/// order; reading them in the order they were written is fastest.
///
/// ```swift
/// extension Address: RecordCodable {
///     public init(from reader: inout RecordReader) throws {
///         street = try reader.decode(String.self, forKey: "street")
///         city = try reader.decode(String.self, forKey: "city")
///     }
///     public func encode(to writer: inout RecordWriter) throws {
///         writer.encode(street, forKey: "street")
///         writer.encode(city, forKey: "city")
///     }
/// }
/// ```
public protocol RecordDecodable: Decodable {
    /// Reads the value from the fields of one keyed record.
    ///
    /// - Throws: `DecodingError` when a field is missing or holds the wrong kind of value.
    init(from reader: inout RecordReader) throws
}

/// A type that writes itself straight into the record encoding, without `Codable`'s
/// containers (see ``RecordDecodable``).
///
/// Write the same fields, under the same names and in the same order, as the type's
/// `Encodable` conformance: the bytes are then identical to what `Codable` would write.
/// Write optional fields with `encodeIfPresent`, which stores an explicit nil as the
/// record encoder's `Codable` path does.
public protocol RecordEncodable: Encodable {
    /// Writes the value's fields into one keyed record.
    ///
    /// - Throws: `EncodingError` from nested `Encodable` values.
    func encode(to writer: inout RecordWriter) throws
}

/// A type that reads and writes the record encoding without `Codable`'s containers.
public typealias RecordCodable = RecordDecodable & RecordEncodable
