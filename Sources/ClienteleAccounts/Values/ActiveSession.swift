/// A session that a token resumed: the session and its customer.
public struct ActiveSession: Sendable, Hashable {
    /// The session.
    public var session: Session
    /// Its customer (always an active account).
    public var customer: Customer

    /// Creates the value.
    public init(session: Session, customer: Customer) {
        self.session = session
        self.customer = customer
    }
}
