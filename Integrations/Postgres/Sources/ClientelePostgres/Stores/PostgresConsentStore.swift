public import ClienteleConsent
public import ClienteleCore
public import Foundation
public import PostgresNIO

/// A ``ConsentStore`` in PostgreSQL: `consent_records` (the append-only ledger: one row per
/// sealed record with its position, its chain digests `previous_hash` and `hash`, typed
/// columns for the instant, action, purpose and channel, and the sealed entry as `jsonb`),
/// `consent_sends` with `consent_send_counts` (the send log and its count, which pruning
/// does not lower) and `consent_suppressions`.
///
/// The ledger's primary key `(customer_id, sequence)` admits exactly one of any number of
/// concurrent appends at one position, and the append inserts only when the previous
/// record's hash is the new one's link, so writers on several app servers leave one valid
/// chain. A trigger refuses every `UPDATE` of a ledger row, and every `DELETE` or
/// `TRUNCATE` outside ``erase(customer:)`` (which sets `clientele.erasure` for its own
/// transaction only).
///
/// Concurrency: `Sendable`; share one instance per `PostgresClient`. Run
/// ``ClientelePostgres/migrate(_:)`` before the first call.
public final class PostgresConsentStore: ConsentStore {
    /// The client the store runs its queries on; the host runs it (`client.run()`).
    public let client: PostgresClient

    /// A store over a client whose database has been migrated.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Appends a sealed record to its customer's ledger.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` unless the record is at the next position and
    ///   linked to the last record's hash; ``ConsentErrorCode/invalidRecord`` when its hash
    ///   does not match its content (checked after the link).
    public func append(_ record: ConsentRecord) async throws {
        let customer = record.customer.rawValue
        let conflict = ConsentError(
            .conflict, "The customer's ledger moved on (this record is sealed as number \(record.sequence)); read it again and reseal.",
            context: ErrorContext(field: "sequence", item: customer))
        guard record.sequence >= 0,
            record.sequence > 0 || record.previousHash == LedgerChain.genesisHash(of: record.customer)
        else { throw conflict }
        let sealed = LedgerChain.computeHash(of: record) == record.hash
        let entry = try StoredColumns.json(record.entry, item: customer)
        let sequence = Int64(record.sequence)
        let previous = StoredColumns.bytes(record.previousHash)
        let insert: PostgresQuery = """
            INSERT INTO consent_records (customer_id, sequence, id, at, action, purpose, channel, entry, previous_hash, hash)
            SELECT \(customer), \(sequence), \(record.entry.id), clientele_instant(\(StoredColumns.milliseconds(record.entry.at))),
                \(record.entry.action.rawValue), \(record.entry.purpose?.rawValue), \(record.entry.channel?.rawValue),
                \(entry)::jsonb, \(previous), \(StoredColumns.bytes(record.hash))
            WHERE \(sequence) = 0 OR EXISTS (
                SELECT 1 FROM consent_records
                WHERE customer_id = \(customer) AND sequence = \(sequence) - 1 AND hash = \(previous))
            RETURNING 1
            """
        do {
            if sealed {
                // One statement, a transaction of its own: one round trip.
                guard try await rows(insert, of: record.customer).count == 1 else { throw conflict }
                return
            }
            // A record whose hash does not match: the link is checked first (a conflict wins),
            // then the insert is rolled back.
            try await transaction(of: record.customer) { connection in
                guard try await connection.rows(insert).count == 1 else { throw conflict }
                throw ConsentError(
                    .invalidRecord, "The record's hash does not match its content; seal records with ConsentRecord(sealing:…).",
                    context: ErrorContext(field: "hash", item: customer))
            }
        } catch let error where error.isUniqueViolation(of: "consent_records_pkey") {
            throw conflict
        }
    }

    /// The customer's whole ledger in sequence order, with the hashes as stored.
    public func records(for customer: CustomerID) async throws -> [ConsentRecord] {
        let query: PostgresQuery = """
            SELECT sequence, entry::text, previous_hash, hash FROM consent_records
            WHERE customer_id = \(customer.rawValue) ORDER BY sequence
            """
        let rows = try await rows(query, of: customer)
        return try rows.map { row in
            let (sequence, entry, previous, hash) = try row.decode((Int, String, ByteBuffer, ByteBuffer).self)
            return ConsentRecord(
                entry: try StoredColumns.decode(ConsentEntry.self, json: entry, item: customer.rawValue), customer: customer,
                sequence: sequence, previousHash: try StoredColumns.digest(previous, item: customer.rawValue),
                hash: try StoredColumns.digest(hash, item: customer.rawValue))
        }
    }

    /// Runs `body` holding a session-level advisory lock for the customer's ledger
    /// (`pg_advisory_lock(17260, hashtext(customer_id))`), so that of the app servers appending
    /// to one ledger one reads and appends at a time, in the order they asked; the body's
    /// ``records(for:)`` and ``append(_:)`` for this customer run on the locked connection, so
    /// a body needs no second connection from the pool. Released when the body returns or
    /// throws (and by the server if the connection drops).
    public func withLedgerLock<Result: Sendable>(of customer: CustomerID, _ body: () async throws -> Result) async throws
        -> Result
    {
        try await client.withConnection { connection in
            try await connection.rows("SELECT pg_advisory_lock(\(Self.ledgerLockClass), hashtext(\(customer.rawValue)))")
            let held = HeldLedger(client: ObjectIdentifier(client), customer: customer, connection: connection)
            do {
                let result = try await Self.$held.withValue(held) { try await body() }
                try await connection.rows("SELECT pg_advisory_unlock(\(Self.ledgerLockClass), hashtext(\(customer.rawValue)))")
                return result
            } catch {
                _ = try? await connection.rows("SELECT pg_advisory_unlock(\(Self.ledgerLockClass), hashtext(\(customer.rawValue)))")
                throw error
            }
        }
    }

    /// The first key of the ledger locks (`0x436C`, "Cl"); the second is the customer id's hash.
    static let ledgerLockClass: Int32 = 0x436C

    /// A ledger lock this task holds: the store's client, the customer, the locked connection.
    struct HeldLedger: Sendable {
        let client: ObjectIdentifier
        let customer: CustomerID
        let connection: PostgresConnection
    }

    /// The ledger lock the current task holds, if any.
    @TaskLocal static var held: HeldLedger?

    /// The lock this task holds on `customer`'s ledger through this store's client.
    private func heldLedger(of customer: CustomerID) -> HeldLedger? {
        guard let held = Self.held, held.customer == customer, held.client == ObjectIdentifier(client) else { return nil }
        return held
    }

    /// Runs one statement: on the locked connection when this task holds `customer`'s ledger
    /// lock, on a pooled one otherwise.
    private func rows(_ query: PostgresQuery, of customer: CustomerID) async throws -> [PostgresRow] {
        if let held = heldLedger(of: customer) { return try await held.connection.rows(query) }
        return try await client.rows(query)
    }

    /// Runs `body` in a transaction: on the locked connection when this task holds
    /// `customer`'s ledger lock, on a pooled one otherwise.
    private func transaction<Result: Sendable>(of customer: CustomerID, _ body: (PostgresConnection) async throws -> Result)
        async throws -> Result
    {
        if let held = heldLedger(of: customer) { return try await held.connection.transaction(body) }
        return try await client.transaction(body)
    }

    /// Customers with at least one ledger record, ascending by ID (byte order), after `after`.
    ///
    /// - Throws: ``ConsentErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw ConsentError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        let rows = try await client.rows(
            """
            SELECT customer_id FROM consent_records
            WHERE sequence = 0 AND (\(after?.rawValue)::text IS NULL OR customer_id > \(after?.rawValue))
            ORDER BY customer_id LIMIT \(Int64(limit))
            """)
        return try rows.map { try StoredColumns.customerID($0.decode(String.self)) }
    }

    /// Appends a send to its customer's send log.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` unless `send.sequence` is the log's count.
    public func appendSend(_ send: SendRecord) async throws {
        let customer = send.customer.rawValue
        let conflict = ConsentError(
            .conflict, "The customer's send log moved on (this send is number \(send.sequence)); decide again.",
            context: ErrorContext(field: "sequence", item: customer))
        guard send.sequence >= 0 else { throw conflict }
        let sequence = Int64(send.sequence)
        let json = try StoredColumns.json(send, item: customer)
        do {
            try await client.transaction { connection in
                let counted: [PostgresRow]
                if sequence == 0 {
                    counted = try await connection.rows(
                        "INSERT INTO consent_send_counts VALUES (\(customer), 1) ON CONFLICT DO NOTHING RETURNING 1")
                } else {
                    counted = try await connection.rows(
                        """
                        UPDATE consent_send_counts SET count = count + 1
                        WHERE customer_id = \(customer) AND count = \(sequence) RETURNING 1
                        """)
                }
                guard counted.count == 1 else { throw conflict }
                try await connection.rows(
                    """
                    INSERT INTO consent_sends (customer_id, sequence, id, at, channel, category, send)
                    VALUES (\(customer), \(sequence), \(send.id), clientele_instant(\(StoredColumns.milliseconds(send.at))),
                        \(send.channel.rawValue), \(send.category.rawValue), \(json)::jsonb)
                    """)
            }
        } catch let error where error.isUniqueViolation(of: "consent_sends_pkey") {
            throw conflict
        }
    }

    /// The number of sends ever appended to the customer's log, pruned ones included.
    public func sendCount(for customer: CustomerID) async throws -> Int {
        let rows = try await client.rows("SELECT count FROM consent_send_counts WHERE customer_id = \(customer.rawValue)")
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// The customer's sends at or after `since`, in sequence order.
    public func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] {
        let rows = try await client.rows(
            """
            SELECT send::text FROM consent_sends
            WHERE customer_id = \(customer.rawValue) AND at >= clientele_instant(\(StoredColumns.millisecondsRoundedUp(since)))
            ORDER BY sequence
            """)
        return try rows.map { try StoredColumns.decode(SendRecord.self, json: $0.decode(String.self), item: customer.rawValue) }
    }

    /// Removes every customer's sends made before `instant`, in one statement.
    ///
    /// - Returns: How many sends were removed.
    public func pruneSends(before instant: Date) async throws -> Int {
        try await client.rows(
            "DELETE FROM consent_sends WHERE at < clientele_instant(\(StoredColumns.millisecondsRoundedUp(instant))) RETURNING 1"
        ).count
    }

    /// Adds an address digest to the suppression list; a digest already there keeps its first entry.
    public func addSuppression(_ entry: SuppressionEntry) async throws {
        try await client.rows(
            """
            INSERT INTO consent_suppressions (digest, since, reason)
            VALUES (\(StoredColumns.bytes(entry.digest)), clientele_instant(\(StoredColumns.milliseconds(entry.since))), \(entry.reason.rawValue))
            ON CONFLICT (digest) DO NOTHING
            """)
    }

    /// The suppression entry for `digest`, or `nil`.
    public func suppression(for digest: Digest256) async throws -> SuppressionEntry? {
        let rows = try await client.rows(
            """
            SELECT clientele_milliseconds(since), reason FROM consent_suppressions
            WHERE digest = \(StoredColumns.bytes(digest))
            """)
        guard let row = rows.first else { return nil }
        let (since, reason) = try row.decode((Int64, String).self)
        guard let stored = SuppressionEntry.Reason(rawValue: reason) else {
            throw StoredColumns.corrupted("A stored suppression has an unknown reason.", item: nil)
        }
        return SuppressionEntry(digest: digest, since: StoredColumns.date(since), reason: stored)
    }

    /// Erases a customer's ledger and send log in one transaction; the suppression list is
    /// untouched. The transaction sets `clientele.erasure`, the one thing the ledger's
    /// trigger lets delete rows.
    public func erase(customer: CustomerID) async throws {
        try await client.transaction { connection in
            try await connection.rows("SELECT set_config('clientele.erasure', 'on', true)")
            try await connection.rows("DELETE FROM consent_records WHERE customer_id = \(customer.rawValue)")
            try await connection.rows("DELETE FROM consent_sends WHERE customer_id = \(customer.rawValue)")
            try await connection.rows("DELETE FROM consent_send_counts WHERE customer_id = \(customer.rawValue)")
        }
    }
}
