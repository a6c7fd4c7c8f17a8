import ClienteleCore
import ClientelePostgres
import PostgresNIO
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct MigrationTests {
    @Test func migratingAnEmptyDatabaseAppliesEveryMigrationOnceAndRecordsIt() async throws {
        let database = try await TestDatabase.create(migrated: false)
        #expect(try await PostgresMigrations.appliedVersions(database.client) == [])
        let all = PostgresMigrations.all.map(\.version)
        #expect(try await ClientelePostgres.migrate(database.client) == all)
        #expect(try await ClientelePostgres.migrate(database.client) == [])
        #expect(try await PostgresMigrations.appliedVersions(database.client) == all)
        let names = try await database.rows("SELECT name FROM clientele_migrations ORDER BY version").map { try $0.decode(String.self) }
        #expect(names == PostgresMigrations.all.map(\.name))
        try await database.drop()
    }

    @Test func migratingUpToAVersionStopsThereAndALaterCallContinues() async throws {
        let database = try await TestDatabase.create(migrated: false)
        #expect(try await PostgresMigrations.migrate(database.client, upTo: 2) == [1, 2])
        #expect(try await database.rows("SELECT to_regclass('consent_records') IS NULL").first?.decode(Bool.self) == true)
        #expect(try await ClientelePostgres.migrate(database.client) == Array(3...PostgresMigrations.latestVersion))
        let error = await #expect(throws: PostgresStoreError.self) {
            try await PostgresMigrations.migrate(database.client, upTo: PostgresMigrations.latestVersion + 1)
        }
        #expect(error?.code == .unknownMigration)
        try await database.drop()
    }

    @Test func aDatabaseMigratedByANewerReleaseIsRefusedAndLeftAsItIs() async throws {
        let database = try await TestDatabase.create(migrated: false)
        try await PostgresMigrations.migrate(database.client, upTo: 1)
        let newer = PostgresMigrations.latestVersion + 1
        try await database.rows("INSERT INTO clientele_migrations (version, name) VALUES (\(newer), 'from-the-future')")
        let error = await #expect(throws: PostgresStoreError.self) { try await ClientelePostgres.migrate(database.client) }
        #expect(error?.code == .schemaTooNew)
        #expect(try await PostgresMigrations.appliedVersions(database.client) == [1, newer])
        #expect(try await database.rows("SELECT to_regclass('account_records') IS NULL").first?.decode(Bool.self) == true)
        try await database.drop()
    }

    @Test func aDatabaseMigratedByAnotherBuildIsRefused() async throws {
        let database = try await TestDatabase.create(migrated: false)
        try await PostgresMigrations.migrate(database.client, upTo: 1)
        try await database.rows("UPDATE clientele_migrations SET name = 'something-else' WHERE version = 1")
        let error = await #expect(throws: PostgresStoreError.self) { try await ClientelePostgres.migrate(database.client) }
        #expect(error?.code == .schemaMismatch)
        try await database.drop()
    }

    /// Several app servers starting at once: the advisory lock lets each migration run once.
    @Test func appServersMigratingAtOnceApplyEachMigrationOnce() async throws {
        let database = try await TestDatabase.create(migrated: false)
        let others = try (0..<3).map { _ in try database.secondClient() }
        let clients = [database.client] + others.map(\.client)
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for client in clients { group.addTask { try await ClientelePostgres.migrate(client) } }
            var applied: [Int] = []
            for try await versions in group { applied += versions }
            return applied.sorted()
        }
        #expect(applied == PostgresMigrations.all.map(\.version))
        for other in others { await other.close() }
        try await database.drop()
    }
}
