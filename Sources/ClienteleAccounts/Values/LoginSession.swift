public import Foundation

/// The result of a successful login: a new session and its token, for the host's cookie.
public struct LoginSession: Sendable, Hashable, CustomStringConvertible {
    /// The session secret: 256 random bits, base64url without padding. Only its SHA-256 is stored.
    public var token: String
    /// The stored session.
    public var session: Session
    /// The customer who logged in.
    public var customer: Customer
    /// When the session ends at the latest, whatever its use.
    public var absoluteExpiry: Date

    /// Creates the value.
    public init(token: String, session: Session, customer: Customer, absoluteExpiry: Date) {
        self.token = token
        self.session = session
        self.customer = customer
        self.absoluteExpiry = absoluteExpiry
    }

    /// Redacted: the session id and customer only.
    public var description: String { "LoginSession(\(session.id), customer: \(customer.id), token: <redacted>)" }
}
