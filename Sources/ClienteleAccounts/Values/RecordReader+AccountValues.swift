import Foundation

// Reads of the single-value types inside the Accounts records, for their `RecordCodable`
// conformances: each reads the stored string or number directly and checks it exactly as
// the type's `Decodable` conformance does, without a single-value container per value.

extension RecordReader {
    /// Reads a `Date` field, stored as `Date`'s `Codable` stores it: seconds since 2001.
    mutating func decodeDate(forKey key: String) throws -> Date {
        Date(timeIntervalSinceReferenceDate: try decode(Double.self, forKey: key))
    }

    /// Reads an optional `Date` field, or nil when it is missing or holds nil.
    mutating func decodeDateIfPresent(forKey key: String) throws -> Date? {
        try decodeIfPresent(Double.self, forKey: key).map(Date.init(timeIntervalSinceReferenceDate:))
    }

    /// Reads a string-backed field (an identifier or a raw-value enum), refusing a string
    /// that `Value(rawValue:)` refuses, as `RawRepresentable`'s `Decodable` conformance does.
    mutating func decodeRaw<Value: RawRepresentable<String>>(_ type: Value.Type, forKey key: String) throws -> Value {
        try Self.raw(Value.self, try decode(String.self, forKey: key), key)
    }

    /// Reads an optional string-backed field, or nil when it is missing or holds nil.
    mutating func decodeRawIfPresent<Value: RawRepresentable<String>>(_ type: Value.Type, forKey key: String) throws -> Value? {
        try decodeIfPresent(String.self, forKey: key).map { try Self.raw(Value.self, $0, key) }
    }

    private static func raw<Value: RawRepresentable<String>>(_ type: Value.Type, _ text: String, _ key: String) throws -> Value {
        guard let value = Value(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [AccountRecordField(key)], debugDescription: "Cannot initialize \(Value.self) from the stored string."))
        }
        return value
    }

    /// Reads an `EmailAddress` field, checking it again as `EmailAddress`'s `Decodable` does.
    mutating func decodeEmail(forKey key: String) throws -> EmailAddress {
        try Self.email(try decode(String.self, forKey: key), key)
    }

    /// Reads an optional `EmailAddress` field, or nil when it is missing or holds nil.
    mutating func decodeEmailIfPresent(forKey key: String) throws -> EmailAddress? {
        try decodeIfPresent(String.self, forKey: key).map { try Self.email($0, key) }
    }

    private static func email(_ text: String, _ key: String) throws -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [AccountRecordField(key)],
                    debugDescription: "Not a valid e-mail address (\(error.code.rawValue)).", underlyingError: error))
        }
    }

    /// Reads a `Digest256` field: 64 hex digits (either case), as its `Decodable` reads them.
    mutating func decodeDigest(forKey key: String) throws -> Digest256 {
        guard let digest = Digest256(hex: try decode(String.self, forKey: key)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [AccountRecordField(key)], debugDescription: "Not a 32-byte hex digest."))
        }
        return digest
    }

    /// Reads a dictionary field whose keys and values are stored as strings (`[String: String]`,
    /// or `CodingKeyRepresentable` keys and string-backed values), as `Dictionary`'s
    /// `Decodable` does: every key and value converted, a later duplicate key winning.
    ///
    /// - Throws: `DecodingError` when the field is missing or damaged, or a key or value
    ///   does not convert.
    mutating func decodeStringDictionary<Key: Hashable, Value>(
        forKey key: String, key makeKey: (String) -> Key?, value makeValue: (String) -> Value?
    ) throws -> [Key: Value] {
        var fields = try nestedReader(forKey: key)
        let names = try fields.keys()
        var dictionary: [Key: Value] = [:]
        dictionary.reserveCapacity(names.count)
        for name in names {
            guard let entryKey = makeKey(name), let value = makeValue(try fields.decode(String.self, forKey: name)) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [AccountRecordField(key)], debugDescription: "Could not convert a dictionary entry to \(Key.self): \(Value.self)."))
            }
            dictionary[entryKey] = value
        }
        return dictionary
    }

    /// Reads a `Money` field, stored as its synthesized `Codable` stores it
    /// (`minorUnits`, then `currency` as a known ISO 4217 code).
    mutating func decodeMoney(forKey key: String) throws -> Money {
        var money = try nestedReader(forKey: key)
        let minorUnits = try money.decode(Int64.self, forKey: "minorUnits")
        let code = try money.decode(String.self, forKey: "currency")
        guard let currency = Currency.named(code) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [AccountRecordField(key), AccountRecordField("currency")], debugDescription: "Unknown currency code."))
        }
        return Money(minorUnits: minorUnits, currency: currency)
    }
}

extension RecordWriter {
    /// Writes a `Date` field as `Date`'s `Codable` does: seconds since 2001.
    mutating func encode(date: Date, forKey key: String) {
        encode(date.timeIntervalSinceReferenceDate, forKey: key)
    }

    /// Writes an optional `Date` field, or an explicit nil.
    mutating func encodeIfPresent(date: Date?, forKey key: String) {
        if let date { encode(date: date, forKey: key) } else { encodeNil(forKey: key) }
    }

    /// Writes a `Money` field as its synthesized `Codable` does.
    mutating func encode(money: Money, forKey key: String) throws {
        try encodeNested(forKey: key) { fields in
            fields.encode(money.minorUnits, forKey: "minorUnits")
            fields.encode(money.currency.code, forKey: "currency")
        }
    }
}

/// A field name as a `CodingKey`, for the errors of the Accounts records' fast reads.
struct AccountRecordField: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
