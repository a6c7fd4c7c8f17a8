public import Foundation

/// What lets an account log in: the password hash, as a PHC string.
public struct Credentials: Sendable, Codable, Hashable {
    /// The PHC string of the password hash (`$pbkdf2-sha256$i=600000$…$…`); `nil` for an
    /// account the shop created that has not chosen a password yet.
    public var passwordHash: String?
    /// When the password last changed.
    public var changedAt: Date

    /// Creates credentials.
    public init(passwordHash: String?, changedAt: Date) {
        self.passwordHash = passwordHash
        self.changedAt = changedAt
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension Credentials: RecordCodable {
    /// Reads the credentials straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing or damaged.
    public init(from reader: inout RecordReader) throws {
        passwordHash = try reader.decodeIfPresent(String.self, forKey: "passwordHash")
        changedAt = try reader.decodeDate(forKey: "changedAt")
    }

    /// Writes the credentials in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encodeIfPresent(passwordHash, forKey: "passwordHash")
        writer.encode(date: changedAt, forKey: "changedAt")
    }
}
