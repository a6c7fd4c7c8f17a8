public import Foundation

/// Failed logins for one login name (the e-mail uniqueness key), known address or not.
///
/// Kept per login name rather than per customer so that throttling answers the same for
/// addresses that have no account.
public struct LoginThrottleRecord: Sendable, Codable, Hashable {
    /// The login name tried: the uniqueness key of its address.
    public var key: LoginThrottleKey
    /// Failures in the current window.
    public var failures: Int
    /// The first failure of the current window.
    public var firstFailureAt: Date
    /// The latest failure.
    public var lastFailureAt: Date
    /// The record's revision: 1 after the first save, +1 per save. Set by the store.
    public var revision: Int

    /// Creates a record.
    public init(key: LoginThrottleKey, failures: Int, firstFailureAt: Date, lastFailureAt: Date, revision: Int = 0) {
        self.key = key
        self.failures = failures
        self.firstFailureAt = firstFailureAt
        self.lastFailureAt = lastFailureAt
        self.revision = revision
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension LoginThrottleRecord: RecordCodable {
    /// Reads the record straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing or damaged.
    public init(from reader: inout RecordReader) throws {
        key = try reader.decodeThrottleKey(forKey: "key")
        failures = try reader.decode(Int.self, forKey: "failures")
        firstFailureAt = try reader.decodeDate(forKey: "firstFailureAt")
        lastFailureAt = try reader.decodeDate(forKey: "lastFailureAt")
        revision = try reader.decode(Int.self, forKey: "revision")
    }

    /// Writes the record in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(key.rawValue, forKey: "key")
        writer.encode(failures, forKey: "failures")
        writer.encode(date: firstFailureAt, forKey: "firstFailureAt")
        writer.encode(date: lastFailureAt, forKey: "lastFailureAt")
        writer.encode(revision, forKey: "revision")
    }
}
