public import Foundation

/// A one-time token as the store keeps it: only its digest, never the token itself.
public struct StoredToken: Sendable, Codable, Hashable {
    /// SHA-256 of the token's secret.
    public var digest: Digest256
    /// What it may be used for.
    public var purpose: TokenPurpose
    /// When it was issued.
    public var issuedAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// For ``TokenPurpose/changeEmail``: the address that becomes the login once confirmed.
    public var newEmail: EmailAddress?

    /// Creates a stored token.
    public init(digest: Digest256, purpose: TokenPurpose, issuedAt: Date, expiresAt: Date, newEmail: EmailAddress? = nil) {
        self.digest = digest
        self.purpose = purpose
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.newEmail = newEmail
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension StoredToken: RecordCodable {
    /// Reads the token straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not valid.
    public init(from reader: inout RecordReader) throws {
        digest = try reader.decodeDigest(forKey: "digest")
        purpose = try reader.decodeRaw(TokenPurpose.self, forKey: "purpose")
        issuedAt = try reader.decodeDate(forKey: "issuedAt")
        expiresAt = try reader.decodeDate(forKey: "expiresAt")
        newEmail = try reader.decodeEmailIfPresent(forKey: "newEmail")
    }

    /// Writes the token in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(digest.hex, forKey: "digest")
        writer.encode(purpose.rawValue, forKey: "purpose")
        writer.encode(date: issuedAt, forKey: "issuedAt")
        writer.encode(date: expiresAt, forKey: "expiresAt")
        writer.encodeIfPresent(newEmail?.displayForm, forKey: "newEmail")
    }
}
