import ClienteleCore
public import ClientelePricing
public import PostgresNIO

/// A ``PriceListStore`` in PostgreSQL: `price_lists` (one row per list: its revision, typed
/// columns for currency, status, priority and validity, the whole ``PriceList`` as `jsonb`)
/// and `price_list_version` (one row: the store's version, raised by every write in the
/// write's own transaction).
///
/// Optimistic concurrency is the revision in the `WHERE` clause of `UPDATE` and `DELETE`;
/// ``snapshot()`` reads the version and every list in one `REPEATABLE READ` transaction, so
/// a price book built from it matches its version.
///
/// Concurrency: `Sendable`; share one instance per `PostgresClient`. Run
/// ``ClientelePostgres/migrate(_:)`` before the first call.
public final class PostgresPriceListStore: PriceListStore {
    /// The client the store runs its queries on; the host runs it (`client.run()`).
    public let client: PostgresClient

    /// A store over a client whose database has been migrated.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Stores a new list with revision 1.
    ///
    /// - Throws: the list's validation errors, ``PricingErrorCode/duplicateList``.
    public func create(_ list: PriceList) async throws -> StoredPriceList {
        try list.validate()
        let columns = try Columns(list)
        do {
            try await client.transaction { connection in
                try await connection.rows(
                    """
                    INSERT INTO price_lists (id, revision, currency, status, priority, valid_from, valid_to, list)
                    VALUES (\(columns.id), 1, \(columns.currency), \(columns.status), \(columns.priority),
                        clientele_instant(\(columns.validFrom)), clientele_instant(\(columns.validTo)), \(columns.json)::jsonb)
                    """)
                try await Self.raiseVersion(on: connection)
            }
        } catch let error where error.isUniqueViolation(of: "price_lists_pkey") {
            throw PricingError(
                .duplicateList, "A price list with this id exists; update it or choose another id.",
                context: ErrorContext(field: "id", item: columns.id))
        }
        return StoredPriceList(list: list, revision: 1)
    }

    /// Replaces a list whose stored revision is `expectedRevision`.
    ///
    /// - Throws: the list's validation errors, ``PricingErrorCode/listNotFound``,
    ///   ``PricingErrorCode/conflict``.
    public func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        try list.validate()
        let columns = try Columns(list)
        try await client.transaction { connection in
            let updated = try await connection.rows(
                """
                UPDATE price_lists SET revision = revision + 1, currency = \(columns.currency), status = \(columns.status),
                    priority = \(columns.priority), valid_from = clientele_instant(\(columns.validFrom)),
                    valid_to = clientele_instant(\(columns.validTo)), list = \(columns.json)::jsonb
                WHERE id = \(columns.id) AND revision = \(Int64(expectedRevision)) RETURNING 1
                """)
            guard updated.count == 1 else { throw try await Self.missing(list.id, expectedRevision, on: connection) }
            try await Self.raiseVersion(on: connection)
        }
        return StoredPriceList(list: list, revision: expectedRevision + 1)
    }

    /// Removes a list whose stored revision is `expectedRevision`.
    ///
    /// - Throws: ``PricingErrorCode/listNotFound``, ``PricingErrorCode/conflict``.
    public func delete(_ id: PriceListID, expectedRevision: Int) async throws {
        try await client.transaction { connection in
            let deleted = try await connection.rows(
                "DELETE FROM price_lists WHERE id = \(id.rawValue) AND revision = \(Int64(expectedRevision)) RETURNING 1")
            guard deleted.count == 1 else { throw try await Self.missing(id, expectedRevision, on: connection) }
            try await Self.raiseVersion(on: connection)
        }
    }

    /// The list with this id, or `nil`.
    public func list(_ id: PriceListID) async throws -> StoredPriceList? {
        try Self.decode(await client.rows("SELECT revision, list::text FROM price_lists WHERE id = \(id.rawValue)")).first
    }

    /// Lists ascending by id (byte order), strictly after `after`, at most `limit`.
    ///
    /// - Throws: ``PricingErrorCode/invalidPageSize`` when `limit` is below 1.
    public func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
        guard limit >= 1 else {
            throw PricingError(
                .invalidPageSize, "A page must hold at least one list (limit ≥ 1).", context: ErrorContext(field: "limit"))
        }
        return try Self.decode(
            await client.rows(
                """
                SELECT revision, list::text FROM price_lists WHERE \(after?.rawValue)::text IS NULL OR id > \(after?.rawValue)
                ORDER BY id LIMIT \(Int64(limit))
                """))
    }

    /// Every list and the store's version, read in one `REPEATABLE READ` transaction.
    public func snapshot() async throws -> PriceListSnapshot {
        try await client.withConnection { connection in
            try await connection.rows("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let version = try await connection.rows("SELECT version FROM price_list_version").first?.decode(Int64.self) ?? 0
                let lists = try Self.decode(await connection.rows("SELECT revision, list::text FROM price_lists ORDER BY id"))
                try await connection.rows("COMMIT")
                return PriceListSnapshot(lists: lists, version: UInt64(max(version, 0)))
            } catch {
                _ = try? await connection.rows("ROLLBACK")
                throw error
            }
        }
    }

    // MARK: Support

    private struct Columns {
        let id: String
        let currency: String
        let status: String
        let priority: Int64
        let validFrom: Int64?
        let validTo: Int64?
        let json: String

        init(_ list: PriceList) throws {
            id = list.id.rawValue
            currency = list.currency.code
            status = list.status.rawValue
            priority = Int64(list.priority)
            validFrom = list.validFrom.map(StoredColumns.milliseconds)
            validTo = list.validTo.map(StoredColumns.milliseconds)
            json = try StoredColumns.json(list, item: id)
        }
    }

    private static func raiseVersion(on connection: PostgresConnection) async throws {
        try await connection.rows("UPDATE price_list_version SET version = version + 1")
    }

    private static func missing(_ id: PriceListID, _ expectedRevision: Int, on connection: PostgresConnection) async throws -> PricingError {
        let rows = try await connection.rows("SELECT revision FROM price_lists WHERE id = \(id.rawValue)")
        guard let stored = try rows.first?.decode(Int.self) else {
            return PricingError(.listNotFound, "No price list has this id.", context: ErrorContext(field: "id", item: id.rawValue))
        }
        return PricingError(
            .conflict, "The price list changed since it was read (stored revision \(stored), expected \(expectedRevision)); read it again.",
            context: ErrorContext(field: "expectedRevision", item: id.rawValue))
    }

    private static func decode(_ rows: [PostgresRow]) throws -> [StoredPriceList] {
        try rows.map { row in
            let (revision, json) = try row.decode((Int, String).self)
            return StoredPriceList(list: try StoredColumns.decode(PriceList.self, json: json, item: nil), revision: revision)
        }
    }
}
