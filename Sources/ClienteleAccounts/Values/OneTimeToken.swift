public import Foundation

/// A freshly issued one-time token for the host to mail to the customer (in a link).
///
/// ``value`` is the only copy of the secret: the store keeps its SHA-256. The
/// description is redacted so the token never lands in a log by accident.
public struct OneTimeToken: Sendable, Hashable, CustomStringConvertible {
    /// The secret: 256 random bits, base64url without padding (43 characters).
    public var value: String
    /// What it may be used for.
    public var purpose: TokenPurpose
    /// The customer it belongs to.
    public var customer: CustomerID
    /// When it stops working.
    public var expiresAt: Date

    /// Creates the value.
    public init(value: String, purpose: TokenPurpose, customer: CustomerID, expiresAt: Date) {
        self.value = value
        self.purpose = purpose
        self.customer = customer
        self.expiresAt = expiresAt
    }

    /// Redacted: purpose and customer only.
    public var description: String { "OneTimeToken(\(purpose.rawValue), customer: \(customer), value: <redacted>)" }
}
