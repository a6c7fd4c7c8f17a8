public import Foundation

/// A logged-in session as the store keeps it: the SHA-256 of its token, never the token.
public struct Session: Sendable, Codable, Hashable {
    /// Identifies the session in listings.
    public var id: SessionID
    /// SHA-256 of the session token.
    public var digest: TokenDigest
    /// When the customer logged in.
    public var createdAt: Date
    /// When the session was last used (updated at most once per ``SessionPolicy/touchInterval``).
    public var lastUsedAt: Date

    /// Creates a session.
    public init(id: SessionID, digest: TokenDigest, createdAt: Date, lastUsedAt: Date) {
        self.id = id
        self.digest = digest
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
