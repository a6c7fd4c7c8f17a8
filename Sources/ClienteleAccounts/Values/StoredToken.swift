public import Foundation

/// A one-time token as the store keeps it: only its digest, never the token itself.
public struct StoredToken: Sendable, Codable, Hashable {
    /// SHA-256 of the token's secret.
    public var digest: TokenDigest
    /// What it may be used for.
    public var purpose: TokenPurpose
    /// When it was issued.
    public var issuedAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// For ``TokenPurpose/changeEmail``: the address that becomes the login once confirmed.
    public var newEmail: EmailAddress?

    /// Creates a stored token.
    public init(digest: TokenDigest, purpose: TokenPurpose, issuedAt: Date, expiresAt: Date, newEmail: EmailAddress? = nil) {
        self.digest = digest
        self.purpose = purpose
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.newEmail = newEmail
    }
}
