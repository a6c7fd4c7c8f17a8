/// The fields of one keyed record, written by name (see ``RecordEncodable``).
///
/// Writes straight into the encoder's buffer: the same bytes the record encoder's
/// `Codable` path writes for the same fields in the same order.
public struct RecordWriter {
    let core: RecordEncoderCore
    /// Where the record's container header starts.
    let header: Int

    init(core: RecordEncoderCore, header: Int) {
        self.core = core
        self.header = header
    }

    /// Starts the field `key`: counts it and writes its name.
    @inline(__always)
    private func field(_ key: String) {
        core.countElement(in: header)
        core.writeText(key)
    }

    /// Writes the `String` field `key`.
    public mutating func encode(_ value: String, forKey key: String) { field(key); core.writeString(value) }
    /// Writes the `Bool` field `key`.
    public mutating func encode(_ value: Bool, forKey key: String) { field(key); core.writeBool(value) }
    /// Writes the `Int` field `key`.
    public mutating func encode(_ value: Int, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `Int64` field `key`.
    public mutating func encode(_ value: Int64, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `Int32` field `key`.
    public mutating func encode(_ value: Int32, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `UInt` field `key`.
    public mutating func encode(_ value: UInt, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `UInt64` field `key`.
    public mutating func encode(_ value: UInt64, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `UInt32` field `key`.
    public mutating func encode(_ value: UInt32, forKey key: String) { field(key); core.writeInteger(value) }
    /// Writes the `Double` field `key`.
    public mutating func encode(_ value: Double, forKey key: String) { field(key); core.writeDouble(value) }

    /// Writes any `Encodable` field `key`: nested records, arrays, dictionaries. A nested
    /// ``RecordEncodable`` type takes the fast path too.
    ///
    /// - Throws: `EncodingError` as the value's encoding does.
    public mutating func encode<Value: Encodable>(_ value: Value, forKey key: String) throws {
        field(key)
        try core.encodeValue(value)
    }

    /// Writes an explicit nil in field `key`.
    public mutating func encodeNil(forKey key: String) { field(key); core.writeTag(.null) }

    /// Writes the optional field `key`: its value, or an explicit nil (as the record
    /// encoder's `Codable` path writes `encodeIfPresent`).
    ///
    /// - Throws: `EncodingError` as the value's encoding does.
    public mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: String) throws {
        if let value { try encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    /// Writes the optional `String` field `key`, or an explicit nil.
    public mutating func encodeIfPresent(_ value: String?, forKey key: String) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    /// Writes the optional `Int` field `key`, or an explicit nil.
    public mutating func encodeIfPresent(_ value: Int?, forKey key: String) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    /// Writes the optional `Bool` field `key`, or an explicit nil.
    public mutating func encodeIfPresent(_ value: Bool?, forKey key: String) {
        if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }

    /// Writes a keyed record in field `key` with `body` (for example an enum case's
    /// associated values).
    ///
    /// - Throws: What `body` throws, or `EncodingError` when the record outgrows 4 GiB.
    public mutating func encodeNested(forKey key: String, _ body: (inout RecordWriter) throws -> Void) throws {
        field(key)
        try core.encodeKeyed(body)
    }
}
