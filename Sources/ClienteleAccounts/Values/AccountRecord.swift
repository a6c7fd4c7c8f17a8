/// Everything the store keeps about one customer, written and read as a whole.
///
/// This is the store adapter's unit of work: ``AccountStore/update(_:expectedRevision:)``
/// replaces a record atomically when its ``revision`` is still the expected one.
public struct AccountRecord: Sendable, Codable, Hashable {
    /// The customer.
    public var customer: Customer
    /// The credentials; `nil` for a guest.
    public var credentials: Credentials?
    /// Live sessions (expired ones are dropped whenever the record is written).
    public var sessions: [Session]
    /// Outstanding one-time tokens.
    public var tokens: [StoredToken]
    /// The record's revision: 1 after insertion, +1 per update. Set by the store.
    public var revision: Int

    /// Creates a record.
    public init(customer: Customer, credentials: Credentials? = nil, sessions: [Session] = [], tokens: [StoredToken] = [], revision: Int = 0) {
        self.customer = customer
        self.credentials = credentials
        self.sessions = sessions
        self.tokens = tokens
        self.revision = revision
    }

    /// The uniqueness key this record holds: an account's address, unless it is closed.
    /// Guests and closed accounts hold none, so the address is free for a new account.
    public var accountEmailKey: String? {
        Self.accountEmailKey(customer.email.uniquenessKey, kind: customer.kind, status: customer.status)
    }

    /// The rule of ``accountEmailKey`` over its parts: `key` for an account that is not
    /// closed, else `nil`.
    static func accountEmailKey(_ key: String, kind: CustomerKind, status: AccountStatus) -> String? {
        kind == .account && status != .closed ? key : nil
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension AccountRecord: RecordCodable {
    /// Reads the record straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not valid.
    public init(from reader: inout RecordReader) throws {
        customer = try reader.decode(Customer.self, forKey: "customer")
        credentials = try reader.decodeIfPresent(Credentials.self, forKey: "credentials")
        sessions = try reader.decode([Session].self, forKey: "sessions")
        tokens = try reader.decode([StoredToken].self, forKey: "tokens")
        revision = try reader.decode(Int.self, forKey: "revision")
    }

    /// Writes the record in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        try writer.encode(customer, forKey: "customer")
        try writer.encodeIfPresent(credentials, forKey: "credentials")
        try writer.encode(sessions, forKey: "sessions")
        try writer.encode(tokens, forKey: "tokens")
        writer.encode(revision, forKey: "revision")
    }
}
