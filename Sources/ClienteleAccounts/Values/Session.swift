public import Foundation

/// A logged-in session as the store keeps it: the SHA-256 of its token, never the token.
public struct Session: Sendable, Codable, Hashable {
    /// Identifies the session in listings.
    public var id: SessionID
    /// SHA-256 of the session token.
    public var digest: Digest256
    /// When the customer logged in.
    public var createdAt: Date
    /// When the session was last used (updated at most once per ``SessionPolicy/touchInterval``).
    public var lastUsedAt: Date

    /// Creates a session.
    public init(id: SessionID, digest: Digest256, createdAt: Date, lastUsedAt: Date) {
        self.id = id
        self.digest = digest
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension Session: RecordCodable {
    /// Reads the session straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not valid.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(SessionID.self, forKey: "id")
        digest = try reader.decodeDigest(forKey: "digest")
        createdAt = try reader.decodeDate(forKey: "createdAt")
        lastUsedAt = try reader.decodeDate(forKey: "lastUsedAt")
    }

    /// Writes the session in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        writer.encode(digest.hex, forKey: "digest")
        writer.encode(date: createdAt, forKey: "createdAt")
        writer.encode(date: lastUsedAt, forKey: "lastUsedAt")
    }
}
