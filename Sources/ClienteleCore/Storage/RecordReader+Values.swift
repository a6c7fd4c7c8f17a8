import Foundation

// Reads and writes of Core's single-value types for the modules' `RecordCodable`
// conformances: each reads the stored string or number directly and checks it exactly as
// the type's `Decodable` conformance does, without a single-value container per value.
// Shared by every module so that their fast paths agree (`package`, not public API).

extension RecordReader {
    /// Reads a `Date` field, stored as `Date`'s `Codable` stores it: seconds since 2001.
    package mutating func decodeDate(forKey key: String) throws -> Date {
        Date(timeIntervalSinceReferenceDate: try decode(Double.self, forKey: key))
    }

    /// Reads an optional `Date` field, or nil when it is missing or holds nil.
    package mutating func decodeDateIfPresent(forKey key: String) throws -> Date? {
        try decodeIfPresent(Double.self, forKey: key).map(Date.init(timeIntervalSinceReferenceDate:))
    }

    /// Reads a `UUID` field, stored as its `Codable` stores it: the `uuidString`.
    package mutating func decodeUUID(forKey key: String) throws -> UUID {
        let text = try decode(String.self, forKey: key)
        guard let uuid = Hex.canonicalUUID(text) ?? UUID(uuidString: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [RecordFieldName(key)], debugDescription: "Attempted to decode UUID from invalid UUID string."))
        }
        return uuid
    }

    /// Reads a string-backed field (an identifier or a raw-value enum), refusing a string
    /// that `Value(rawValue:)` refuses, as `RawRepresentable`'s `Decodable` conformance does.
    package mutating func decodeRaw<Value: RawRepresentable<String>>(_ type: Value.Type, forKey key: String) throws -> Value {
        try Self.raw(Value.self, try decode(String.self, forKey: key), key)
    }

    /// Reads an optional string-backed field, or nil when it is missing or holds nil.
    package mutating func decodeRawIfPresent<Value: RawRepresentable<String>>(_ type: Value.Type, forKey key: String) throws -> Value? {
        try decodeIfPresent(String.self, forKey: key).map { try Self.raw(Value.self, $0, key) }
    }

    private static func raw<Value: RawRepresentable<String>>(_ type: Value.Type, _ text: String, _ key: String) throws -> Value {
        guard let value = Value(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [RecordFieldName(key)], debugDescription: "Cannot initialize \(Value.self) from the stored string."))
        }
        return value
    }

    /// Reads a `Money` field, stored as its synthesized `Codable` stores it
    /// (`minorUnits`, then `currency` as a known ISO 4217 code).
    package mutating func decodeMoney(forKey key: String) throws -> Money {
        var money = try nestedReader(forKey: key)
        let minorUnits = try money.decode(Int64.self, forKey: "minorUnits")
        return Money(minorUnits: minorUnits, currency: try money.decodeCurrency(forKey: "currency", in: key))
    }

    /// Reads a `Currency` field: a known ISO 4217 code, as `Currency`'s `Decodable` requires.
    package mutating func decodeCurrency(forKey key: String, in parent: String? = nil) throws -> Currency {
        guard let currency = Currency.named(try decode(String.self, forKey: key)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: (parent.map { [RecordFieldName($0)] } ?? []) + [RecordFieldName(key)], debugDescription: "Unknown currency code."))
        }
        return currency
    }

    /// The name of the one case of an enumeration stored as its synthesized `Codable`
    /// stores it (a record with one field, named after the case), and the reader of that
    /// case's associated values.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the record has not exactly one field.
    package mutating func decodeCase(forKey key: String) throws -> (name: String, values: RecordReader) {
        let reader = try nestedReader(forKey: key)
        let names = try reader.keys()
        guard names.count == 1, let name = names.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [RecordFieldName(key)], debugDescription: "Invalid number of keys found, expected one."))
        }
        var copy = reader
        return (name, try copy.nestedReader(forKey: name))
    }

    /// The error for an enumeration case name that the type does not have.
    package static func unknownCase(_ name: String, forKey key: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [RecordFieldName(key), RecordFieldName(name)], debugDescription: "Unknown case."))
    }
}

extension RecordWriter {
    /// Writes a `Date` field as `Date`'s `Codable` does: seconds since 2001.
    package mutating func encode(date: Date, forKey key: String) {
        encode(date.timeIntervalSinceReferenceDate, forKey: key)
    }

    /// Writes an optional `Date` field, or an explicit nil.
    package mutating func encodeIfPresent(date: Date?, forKey key: String) {
        if let date { encode(date: date, forKey: key) } else { encodeNil(forKey: key) }
    }

    /// Writes a `UUID` field as its `Codable` does: the `uuidString`.
    package mutating func encode(uuid: UUID, forKey key: String) {
        encode(uuid.uuidString, forKey: key)
    }

    /// Writes a `Money` field as its synthesized `Codable` does.
    package mutating func encode(money: Money, forKey key: String) throws {
        try encodeNested(forKey: key) { fields in
            fields.encode(money.minorUnits, forKey: "minorUnits")
            fields.encode(money.currency.code, forKey: "currency")
        }
    }

    /// Writes one case of an enumeration as its synthesized `Codable` does: a record with
    /// one field named after the case, holding a record of the associated values (empty
    /// for a case without them; `_0`, `_1`, … for unlabelled ones).
    package mutating func encodeCase(_ name: String, forKey key: String, _ values: (inout RecordWriter) throws -> Void = { _ in }) throws {
        try encodeNested(forKey: key) { fields in
            try fields.encodeNested(forKey: name, values)
        }
    }
}
