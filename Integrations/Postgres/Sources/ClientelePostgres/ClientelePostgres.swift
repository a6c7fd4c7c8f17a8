public import PostgresNIO

/// Clientele's PostgreSQL adapter: the library's store protocols over a `PostgresClient` the
/// host creates and runs (connection pooling is postgres-nio's).
///
/// ```swift
/// let client = PostgresClient(configuration: configuration)
/// async let _ = client.run()
/// try await ClientelePostgres.migrate(client)
/// let accounts = AccountService(store: PostgresAccountStore(client: client))
/// ```
///
/// See Docs/Postgres.md for the schema and what is built so far.
public enum ClientelePostgres {
    /// Brings the database's schema up to date: ``PostgresMigrations/migrate(_:upTo:)`` with
    /// every migration. Idempotent; run it at every start of every app server.
    ///
    /// - Returns: The migration versions this call applied.
    /// - Throws: ``PostgresStoreErrorCode/schemaTooNew`` for a database migrated by a newer
    ///   release, ``PostgresStoreErrorCode/schemaMismatch``; postgres-nio's errors.
    @discardableResult
    public static func migrate(_ client: PostgresClient) async throws -> [Int] {
        try await PostgresMigrations.migrate(client)
    }
}
