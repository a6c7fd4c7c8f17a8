import Foundation

// Reads of the Accounts-only single-value types inside the Accounts records, for their
// `RecordCodable` conformances (dates, identifiers, raw-value enums and money are read by
// Core's `RecordReader+Values.swift`): each reads the stored string directly and checks it
// exactly as the type's `Decodable` conformance does.

extension RecordReader {
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
                    codingPath: [RecordFieldName(key)],
                    debugDescription: "Not a valid e-mail address (\(error.code.rawValue)).", underlyingError: error))
        }
    }

    /// Reads a `LoginThrottleKey` field, checking it again as its `Decodable` does.
    mutating func decodeThrottleKey(forKey key: String) throws -> LoginThrottleKey {
        let text = try decode(String.self, forKey: key)
        do {
            return try LoginThrottleKey(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [RecordFieldName(key)],
                    debugDescription: "Not a login-throttle key (\(error.code.rawValue)).", underlyingError: error))
        }
    }

    /// Reads a `Digest256` field: 64 hex digits (either case), as its `Decodable` reads them.
    mutating func decodeDigest(forKey key: String) throws -> Digest256 {
        guard let digest = Digest256(hex: try decode(String.self, forKey: key)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [RecordFieldName(key)], debugDescription: "Not a 32-byte hex digest."))
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
                    .init(codingPath: [RecordFieldName(key)], debugDescription: "Could not convert a dictionary entry to \(Key.self): \(Value.self)."))
            }
            dictionary[entryKey] = value
        }
        return dictionary
    }
}
