import ClienteleCore
public import PostgresNIO

/// The schema's migrations, in order, and the code that applies them.
///
/// Each migration runs in its own transaction under a transaction-scoped advisory lock, so
/// several app servers starting at once apply each migration exactly once; it is recorded in
/// `clientele_migrations (version, name, applied_at)` in the same transaction. Applying is
/// idempotent. A database that records a migration this code does not know (migrated by a
/// newer release) is refused with ``PostgresStoreErrorCode/schemaTooNew`` before anything
/// is changed.
///
/// Concurrency: safe to call from any number of processes at once.
public enum PostgresMigrations {
    /// The key of the advisory lock migrations hold (`pg_advisory_xact_lock`).
    public static let advisoryLockKey: Int64 = 0x436C_6965_6E74_656C  // "Clientel"

    /// Every migration, oldest first.
    public static let all: [PostgresMigration] = [
        PostgresMigration(version: 1, name: "instants", statements: PostgresSchema.instants),
        PostgresMigration(version: 2, name: "accounts", statements: PostgresSchema.accounts),
        PostgresMigration(version: 3, name: "consent", statements: PostgresSchema.consent),
        PostgresMigration(version: 4, name: "profiles", statements: PostgresSchema.profiles),
        PostgresMigration(version: 5, name: "price-lists", statements: PostgresSchema.priceLists),
        PostgresMigration(version: 6, name: "segments", statements: PostgresSchema.segments),
        PostgresMigration(version: 7, name: "segment-facts", statements: PostgresSchema.segmentFacts),
    ]

    /// The version of the newest migration this code knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// Applies every migration not yet recorded, up to and including `version` (every one
    /// when `nil`), each in its own transaction.
    ///
    /// - Returns: The versions applied by this call (empty when the schema was up to date).
    /// - Throws: ``PostgresStoreErrorCode/schemaTooNew`` when the database records a version
    ///   above ``latestVersion``, ``PostgresStoreErrorCode/schemaMismatch`` when it records a
    ///   known version under another name, ``PostgresStoreErrorCode/unknownMigration`` for a
    ///   `version` that is not in ``all``; postgres-nio's errors for the connection.
    @discardableResult
    public static func migrate(_ client: PostgresClient, upTo version: Int? = nil) async throws -> [Int] {
        if let version, !all.contains(where: { $0.version == version }) {
            throw PostgresStoreError(
                .unknownMigration, "No migration has this version; see PostgresMigrations.all.",
                context: ErrorContext(field: "version", item: String(version)))
        }
        var applied: [Int] = []
        for migration in all where migration.version <= (version ?? latestVersion) {
            let ran = try await client.transaction { connection in
                try await connection.rows("SELECT pg_advisory_xact_lock(\(advisoryLockKey))")
                try await connection.rows(
                    """
                    CREATE TABLE IF NOT EXISTS clientele_migrations (
                        version    integer     PRIMARY KEY,
                        name       text        NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                let recorded = try await recordedMigrations(on: connection)
                try check(recorded)
                guard recorded[migration.version] == nil else { return false }
                for statement in migration.statements {
                    try await connection.rows(PostgresQuery(unsafeSQL: statement))
                }
                try await connection.rows(
                    "INSERT INTO clientele_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// The migrations a database records, by version (empty for a database never migrated).
    public static func appliedVersions(_ client: PostgresClient) async throws -> [Int] {
        try await client.withConnection { connection in
            let exists = try await connection.rows("SELECT to_regclass('clientele_migrations') IS NOT NULL")
            guard try exists.first?.decode(Bool.self) == true else { return [] }
            return try await recordedMigrations(on: connection).keys.sorted()
        }
    }

    private static func recordedMigrations(on connection: PostgresConnection) async throws -> [Int: String] {
        var recorded: [Int: String] = [:]
        for row in try await connection.rows("SELECT version, name FROM clientele_migrations") {
            let (version, name) = try row.decode((Int, String).self)
            recorded[version] = name
        }
        return recorded
    }

    private static func check(_ recorded: [Int: String]) throws {
        if let newest = recorded.keys.max(), newest > latestVersion {
            throw PostgresStoreError(
                .schemaTooNew,
                "The database was migrated by a newer release (schema version \(newest), this code knows up to \(latestVersion)); deploy that release instead.",
                context: ErrorContext(item: String(newest)))
        }
        for migration in all {
            if let name = recorded[migration.version], name != migration.name {
                throw PostgresStoreError(
                    .schemaMismatch,
                    "The database records migration \(migration.version) under another name; it was migrated by a different build.",
                    context: ErrorContext(item: String(migration.version)))
            }
        }
    }
}
