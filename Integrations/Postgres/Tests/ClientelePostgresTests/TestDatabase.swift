import ClienteleAccounts
import ClientelePostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// The server the tests run against, from the environment `ci.sh` sets:
/// `CLIENTELE_PG_HOST`, `CLIENTELE_PG_PORT` (default 5432), `CLIENTELE_PG_USER`,
/// `CLIENTELE_PG_PASSWORD` (optional) and `CLIENTELE_PG_DATABASE` (a database to connect to
/// for creating the per-test databases; default `postgres`).
///
/// Without them every test fails and says how to run them; `CLIENTELE_PG_SKIP=1` disables
/// the suites explicitly instead.
enum TestServer {
    /// True when `CLIENTELE_PG_SKIP=1`: the suites are disabled, visibly (reported as skipped).
    static let skipped = ProcessInfo.processInfo.environment["CLIENTELE_PG_SKIP"] == "1"

    /// Why the tests cannot reach a server.
    struct NotConfigured: Error, CustomStringConvertible {
        let description: String
    }

    /// The client configuration for `database`.
    static func configuration(database: String) throws(NotConfigured) -> PostgresClient.Configuration {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["CLIENTELE_PG_HOST"], !host.isEmpty,
            let user = environment["CLIENTELE_PG_USER"], !user.isEmpty
        else {
            throw NotConfigured(
                description: """
                    CLIENTELE_PG_HOST and CLIENTELE_PG_USER are not set, so there is no PostgreSQL server to test against. \
                    Run Integrations/Postgres/ci.sh (it starts a throwaway server), or point CLIENTELE_PG_HOST, \
                    CLIENTELE_PG_PORT, CLIENTELE_PG_USER and CLIENTELE_PG_DATABASE at a PostgreSQL 15+ server where \
                    the user may create databases; CLIENTELE_PG_SKIP=1 disables these tests.
                    """)
        }
        guard let port = Int(environment["CLIENTELE_PG_PORT"] ?? "5432") else {
            throw NotConfigured(description: "CLIENTELE_PG_PORT is not a port number.")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: environment["CLIENTELE_PG_PASSWORD"], database: database,
            tls: .disable)
        configuration.options.maximumConnections = 12
        return configuration
    }

    /// The database the per-test databases are created from.
    static var maintenanceDatabase: String {
        ProcessInfo.processInfo.environment["CLIENTELE_PG_DATABASE"] ?? "postgres"
    }

    /// One running client on the maintenance database, for `CREATE` and `DROP DATABASE`.
    static let admin: Result<PostgresClient, NotConfigured> = Result { () throws(NotConfigured) -> PostgresClient in
        let client = PostgresClient(configuration: try configuration(database: maintenanceDatabase))
        Task { await client.run() }
        return client
    }
}

/// A database of its own for one test (or one conformance check), with a running client.
final class TestDatabase: Sendable {
    /// The database's name (`clientele_test_` and random hex).
    let name: String
    /// A running client on it.
    let client: PostgresClient
    private let runner: Task<Void, Never>

    /// The open databases by their client, so a conformance tear-down finds the database
    /// of the store it is given.
    private static let open = Mutex<[ObjectIdentifier: TestDatabase]>([:])

    private init(name: String) throws {
        self.name = name
        let client = PostgresClient(configuration: try TestServer.configuration(database: name))
        self.client = client
        runner = Task { await client.run() }
        Self.open.withLock { $0[ObjectIdentifier(client)] = self }
    }

    /// A new, empty database, migrated unless `migrated` is false.
    static func create(migrated: Bool = true) async throws -> TestDatabase {
        let admin = try TestServer.admin.get()
        let name = "clientele_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")).collect()
        let database = try TestDatabase(name: name)
        if migrated { try await ClientelePostgres.migrate(database.client) }
        return database
    }

    /// A second client on the same database (another "app server").
    func secondClient() throws -> TestDatabase {
        try TestDatabase(name: name)
    }

    /// Closes the client of `client`'s database and opens a new one on the same data.
    static func reopen(_ client: PostgresClient) async throws -> PostgresClient {
        let database = try registered(client)
        await database.close()
        return try TestDatabase(name: database.name).client
    }

    /// Closes `client` and drops its database.
    static func drop(_ client: PostgresClient) async throws {
        try await registered(client).drop()
    }

    /// Closes this client and drops the database (other clients on it are cut off).
    func drop() async throws {
        await close()
        _ = try await TestServer.admin.get().query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).collect()
    }

    /// Stops this client.
    func close() async {
        runner.cancel()
        await runner.value
        _ = Self.open.withLock { $0.removeValue(forKey: ObjectIdentifier(client)) }
    }

    /// The rows of a query, read to the end.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query).collect()
    }

    private static func registered(_ client: PostgresClient) throws -> TestDatabase {
        guard let database = open.withLock({ $0[ObjectIdentifier(client)] }) else {
            throw TestServer.NotConfigured(description: "The store's client belongs to no open test database.")
        }
        return database
    }
}

/// Runs `attempt` for `0..<count` at once and counts the outcomes: `succeeded`, the code of
/// an `AccountError` thrown (`accounts.emailTaken`), or the description of another error.
func outcomes(ofConcurrent count: Int, _ attempt: @escaping @Sendable (Int) async throws -> Void) async -> [String: Int] {
    await withTaskGroup(of: String.self) { group in
        for index in 0..<count {
            group.addTask {
                do {
                    try await attempt(index)
                    return "succeeded"
                } catch let error as AccountError {
                    return error.code.rawValue
                } catch {
                    return "\(error)"
                }
            }
        }
        var outcomes: [String: Int] = [:]
        for await outcome in group { outcomes[outcome, default: 0] += 1 }
        return outcomes
    }
}

