public import ClienteleAccounts
public import ClienteleCore
public import Foundation
public import PostgresNIO

/// An ``AccountStore`` in PostgreSQL: `account_records` (one row per customer, typed
/// columns for what the contract queries and constrains, the whole record as `jsonb`),
/// `account_sessions` and `account_tokens` (the digests lookups use), `account_orders` and
/// `account_login_throttles` (typed columns only).
///
/// Every call is one statement or one transaction. Optimistic concurrency is the revision in
/// the `UPDATE`'s `WHERE` clause; e-mail uniqueness is the partial unique index
/// `account_email_key`, so two app servers registering one address at once leave one
/// account and the other gets ``AccountErrorCode/emailTaken``.
///
/// Concurrency: `Sendable`; share one instance per `PostgresClient`. Run
/// ``ClientelePostgres/migrate(_:)`` before the first call.
public final class PostgresAccountStore: AccountStore {
    /// The client the store runs its queries on; the host runs it (`client.run()`).
    public let client: PostgresClient

    /// A store over a client whose database has been migrated.
    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: Records

    /// Stores a new record with revision 1.
    ///
    /// - Throws: ``AccountErrorCode/duplicateCustomer`` or ``AccountErrorCode/emailTaken``.
    public func insert(_ record: AccountRecord) async throws -> AccountRecord {
        var stored = record
        stored.revision = 1
        let columns = try Columns(stored)
        let insertRecord: PostgresQuery = """
            INSERT INTO account_records (customer_id, revision, kind, status, email_key, created_at, record)
            VALUES (\(columns.id), 1, \(columns.kind), \(columns.status), \(columns.emailKey),
                clientele_instant(\(columns.createdAt)), \(columns.json)::jsonb)
            """
        do {
            if stored.sessions.isEmpty, stored.tokens.isEmpty {
                try await client.rows(insertRecord)  // one statement: a transaction of its own, one round trip
            } else {
                try await client.transaction { connection in
                    try await connection.rows(insertRecord)
                    try await Self.insertDigests(of: stored, on: connection)
                }
            }
        } catch let error where error.isUniqueViolation(of: "account_records_pkey") {
            throw AccountError(
                .duplicateCustomer, "A customer with this ID already exists.", context: ErrorContext(item: columns.id))
        } catch let error where error.isUniqueViolation(of: "account_email_key") {
            throw Self.emailTaken(columns.id)
        }
        return stored
    }

    /// Replaces a record whose stored revision is `expectedRevision`.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound``, ``AccountErrorCode/conflict`` or
    ///   ``AccountErrorCode/emailTaken``.
    public func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        var stored = record
        stored.revision = expectedRevision + 1
        let columns = try Columns(stored)
        do {
            try await client.transaction { connection in
                let updated = try await connection.rows(
                    """
                    UPDATE account_records SET revision = revision + 1, kind = \(columns.kind), status = \(columns.status),
                        email_key = \(columns.emailKey), created_at = clientele_instant(\(columns.createdAt)),
                        record = \(columns.json)::jsonb
                    WHERE customer_id = \(columns.id) AND revision = \(expectedRevision)
                    RETURNING 1
                    """)
                guard updated.count == 1 else {
                    let exists = try await connection.rows("SELECT 1 FROM account_records WHERE customer_id = \(columns.id)")
                    throw exists.isEmpty
                        ? Self.notFound(columns.id)
                        : AccountError(
                            .conflict, "The customer record changed since it was read; read it again and retry.",
                            context: ErrorContext(item: columns.id))
                }
                try await connection.rows("DELETE FROM account_sessions WHERE customer_id = \(columns.id)")
                try await connection.rows("DELETE FROM account_tokens WHERE customer_id = \(columns.id)")
                try await Self.insertDigests(of: stored, on: connection)
            }
        } catch let error where error.isUniqueViolation(of: "account_email_key") {
            throw Self.emailTaken(columns.id)
        }
        return stored
    }

    /// The record of a customer, or `nil`.
    public func record(_ id: CustomerID) async throws -> AccountRecord? {
        try await one(client.rows("SELECT record::text FROM account_records WHERE customer_id = \(id.rawValue)"))
    }

    /// The record holding the account for an e-mail uniqueness key, or `nil`.
    public func account(emailKey: String) async throws -> AccountRecord? {
        try await one(
            client.rows(
                """
                SELECT record::text FROM account_records
                WHERE email_key = \(emailKey) AND kind = 'account' AND status <> 'closed'
                """))
    }

    /// The guests with an e-mail uniqueness key, oldest first (creation instant, then ID).
    public func guests(emailKey: String) async throws -> [AccountRecord] {
        try await all(
            client.rows(
                """
                SELECT record::text FROM account_records WHERE email_key = \(emailKey) AND kind = 'guest'
                ORDER BY created_at, customer_id
                """))
    }

    /// Every customer, ascending by ID (byte order: the `C` collation), strictly after `after`.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try Self.checkLimit(limit, of: "customer")
        let rows = try await client.rows(
            """
            SELECT customer_id FROM account_records WHERE \(after?.rawValue)::text IS NULL OR customer_id > \(after?.rawValue)
            ORDER BY customer_id LIMIT \(Int64(limit))
            """)
        return try rows.map { try StoredColumns.customerID($0.decode(String.self)) }
    }

    /// How many customers the store holds: one `COUNT(*)`.
    public func customerCount() async throws -> Int {
        let rows = try await client.rows("SELECT count(*) FROM account_records")
        guard let count = try rows.first.map({ try $0.decode(Int64.self) }) else { return 0 }
        return Int(count)
    }

    /// The record holding a session with this digest, or `nil`.
    public func record(sessionDigest: Digest256) async throws -> AccountRecord? {
        try await one(
            client.rows(
                """
                SELECT r.record::text FROM account_sessions s JOIN account_records r USING (customer_id)
                WHERE s.digest = \(StoredColumns.bytes(sessionDigest)) LIMIT 1
                """))
    }

    /// The record holding a one-time token with this digest, or `nil`.
    public func record(tokenDigest: Digest256) async throws -> AccountRecord? {
        try await one(
            client.rows(
                """
                SELECT r.record::text FROM account_tokens t JOIN account_records r USING (customer_id)
                WHERE t.digest = \(StoredColumns.bytes(tokenDigest)) LIMIT 1
                """))
    }

    // MARK: Orders

    /// Records an order, or replaces the order with the same ID.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when the order's customer does not exist.
    public func recordOrder(_ order: OrderReference) async throws {
        do {
            try await client.rows(
                """
                INSERT INTO account_orders (order_id, customer_id, placed_at, total_minor_units, currency, status)
                VALUES (\(order.id.rawValue), \(order.customer.rawValue), clientele_instant(\(StoredColumns.milliseconds(order.placedAt))),
                    \(order.total.minorUnits), \(order.total.currency.code), \(order.status.rawValue))
                ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, placed_at = EXCLUDED.placed_at,
                    total_minor_units = EXCLUDED.total_minor_units, currency = EXCLUDED.currency, status = EXCLUDED.status
                """)
        } catch let error where error.sqlState == "23503" {
            throw Self.notFound(order.customer.rawValue)
        }
    }

    /// Up to `limit` orders of a customer, newest first, after `cursor` when given.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` when `limit` is below 1.
    public func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        try Self.checkLimit(limit, of: "order")
        let rows: [PostgresRow]
        if let cursor {
            rows = try await client.rows(
                """
                SELECT order_id, customer_id, clientele_milliseconds(placed_at), total_minor_units, currency, status
                FROM account_orders
                WHERE customer_id = \(customer.rawValue)
                    AND (placed_at, order_id) < (clientele_instant(\(StoredColumns.milliseconds(cursor.placedAt))), \(cursor.id.rawValue)::text COLLATE "C")
                ORDER BY placed_at DESC, order_id DESC LIMIT \(Int64(limit))
                """)
        } else {
            rows = try await client.rows(
                """
                SELECT order_id, customer_id, clientele_milliseconds(placed_at), total_minor_units, currency, status
                FROM account_orders WHERE customer_id = \(customer.rawValue)
                ORDER BY placed_at DESC, order_id DESC LIMIT \(Int64(limit))
                """)
        }
        return try rows.map { row in
            let (id, owner, placedAt, minorUnits, currency, status) = try row.decode(
                (String, String, Int64, Int64, String, String).self)
            guard let orderID = OrderID(rawValue: id) else {
                throw StoredColumns.corrupted("A stored order has an invalid order ID.", item: owner)
            }
            let orderStatus = OrderStatus(rawValue: status)
            let code: Currency
            do { code = try Currency(code: currency) } catch {
                throw StoredColumns.corrupted("A stored order has an invalid currency.", item: id, underlying: error)
            }
            return OrderReference(
                id: orderID, customer: try StoredColumns.customerID(owner), placedAt: StoredColumns.date(placedAt),
                total: Money(minorUnits: minorUnits, currency: code), status: orderStatus)
        }
    }

    /// Moves every order of `guests` to `customer`, atomically.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when `customer` does not exist.
    public func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try await client.transaction { connection in
            let target = try await connection.rows(
                "SELECT 1 FROM account_records WHERE customer_id = \(customer.rawValue) FOR SHARE")
            guard !target.isEmpty else { throw Self.notFound(customer.rawValue) }
            try await connection.rows(
                """
                UPDATE account_orders SET customer_id = \(customer.rawValue)
                WHERE customer_id = ANY(\(guests.map(\.rawValue))::text[])
                """)
        }
    }

    // MARK: Login throttles

    /// The failed-login record of a login name, or `nil`.
    public func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? {
        let rows = try await client.rows(
            """
            SELECT failures, clientele_milliseconds(first_failure_at), clientele_milliseconds(last_failure_at), revision
            FROM account_login_throttles WHERE key = \(key.rawValue)
            """)
        guard let row = rows.first else { return nil }
        let (failures, first, last, revision) = try row.decode((Int, Int64, Int64, Int).self)
        return LoginThrottleRecord(
            key: key, failures: failures, firstFailureAt: StoredColumns.date(first), lastFailureAt: StoredColumns.date(last),
            revision: revision)
    }

    /// Saves a failed-login record if its stored revision is `expectedRevision` (0: none stored).
    ///
    /// - Throws: ``AccountErrorCode/conflict``.
    public func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        var stored = record
        stored.revision = expectedRevision + 1
        let first = StoredColumns.milliseconds(record.firstFailureAt)
        let last = StoredColumns.milliseconds(record.lastFailureAt)
        let conflict = AccountError(.conflict, "The failed-login record changed since it was read; read it again.")
        if expectedRevision == 0 {
            do {
                try await client.rows(
                    """
                    INSERT INTO account_login_throttles (key, failures, first_failure_at, last_failure_at, revision)
                    VALUES (\(record.key.rawValue), \(Int64(record.failures)), clientele_instant(\(first)), clientele_instant(\(last)), 1)
                    """)
            } catch let error where error.isUniqueViolation() {
                throw conflict
            }
        } else {
            let updated = try await client.rows(
                """
                UPDATE account_login_throttles SET failures = \(Int64(record.failures)), first_failure_at = clientele_instant(\(first)),
                    last_failure_at = clientele_instant(\(last)), revision = revision + 1
                WHERE key = \(record.key.rawValue) AND revision = \(expectedRevision)
                RETURNING 1
                """)
            guard updated.count == 1 else { throw conflict }
        }
        return stored
    }

    /// Forgets the failed logins of a login name.
    public func removeLoginThrottle(key: LoginThrottleKey) async throws {
        try await client.rows("DELETE FROM account_login_throttles WHERE key = \(key.rawValue)")
    }

    /// Forgets every failed-login record whose latest failure is strictly before `instant`.
    public func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        let milliseconds = StoredColumns.millisecondsRoundedUp(instant)
        try await client.rows(
            "DELETE FROM account_login_throttles WHERE last_failure_at < clientele_instant(\(milliseconds))")
    }

    // MARK: Erasure

    /// Erases a customer in one transaction: the failed-login records under the record's
    /// address and its tokens' new addresses, its orders, the record (sessions and tokens
    /// cascade). An unknown or erased customer succeeds and changes nothing.
    ///
    /// PostgreSQL keeps the deleted row versions until `VACUUM` reclaims them, and in its
    /// write-ahead log and backups until those are recycled: see Docs/Postgres.md.
    public func erase(customer: CustomerID) async throws {
        try await client.transaction { connection in
            let rows = try await connection.rows(
                "SELECT record::text FROM account_records WHERE customer_id = \(customer.rawValue) FOR UPDATE")
            if let json = try rows.first?.decode(String.self) {
                let record = try StoredColumns.decode(AccountRecord.self, json: json, item: customer.rawValue)
                let keys = [record.customer.email.uniquenessKey] + record.tokens.compactMap { $0.newEmail?.uniquenessKey }
                try await connection.rows("DELETE FROM account_login_throttles WHERE key = ANY(\(keys)::text[])")
            }
            try await connection.rows("DELETE FROM account_orders WHERE customer_id = \(customer.rawValue)")
            try await connection.rows("DELETE FROM account_records WHERE customer_id = \(customer.rawValue)")
        }
    }

    // MARK: Support

    /// The typed columns of a record, and the record as JSON.
    private struct Columns {
        let id: String
        let kind: String
        let status: String
        let emailKey: String
        let createdAt: Int64
        let json: String

        init(_ record: AccountRecord) throws {
            id = record.customer.id.rawValue
            kind = record.customer.kind.rawValue
            status = record.customer.status.rawValue
            emailKey = record.customer.email.uniquenessKey
            createdAt = StoredColumns.milliseconds(record.customer.createdAt)
            json = try StoredColumns.json(record, item: id)
        }
    }

    private static func insertDigests(of record: AccountRecord, on connection: PostgresConnection) async throws {
        let id = record.customer.id.rawValue
        let sessions = Set(record.sessions.map { StoredColumns.bytes($0.digest) })
        let tokens = Set(record.tokens.map { StoredColumns.bytes($0.digest) })
        if !sessions.isEmpty {
            try await connection.rows(
                "INSERT INTO account_sessions (customer_id, digest) SELECT \(id), unnest(\(Array(sessions))::bytea[])")
        }
        if !tokens.isEmpty {
            try await connection.rows(
                "INSERT INTO account_tokens (customer_id, digest) SELECT \(id), unnest(\(Array(tokens))::bytea[])")
        }
    }

    private func one(_ rows: [PostgresRow]) throws -> AccountRecord? {
        try all(rows).first
    }

    private func all(_ rows: [PostgresRow]) throws -> [AccountRecord] {
        try rows.map { row in
            try StoredColumns.decode(AccountRecord.self, json: try row.decode(String.self), item: nil)
        }
    }

    private static func checkLimit(_ limit: Int, of noun: String) throws {
        guard limit >= 1 else {
            throw AccountError(.invalidPageSize, "A page holds at least one \(noun).", context: ErrorContext(field: "limit"))
        }
    }

    private static func notFound(_ id: String) -> AccountError {
        AccountError(.customerNotFound, "No customer with this ID exists.", context: ErrorContext(item: id))
    }

    private static func emailTaken(_ id: String) -> AccountError {
        AccountError(
            .emailTaken, "An account with this e-mail address already exists; offer a login or password reset instead.",
            context: ErrorContext(field: "email", item: id))
    }
}
