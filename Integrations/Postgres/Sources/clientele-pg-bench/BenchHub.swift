import Clientele
import ClientelePostgres
import Foundation
import PostgresNIO

/// A fresh ``CustomerHub`` on the store the options name, and how to take it down.
struct BenchHub: Sendable {
    /// The hub, started.
    var hub: CustomerHub
    /// Closes the hub's stores and removes what the bench made (the database, the folder).
    var tearDown: @Sendable () async throws -> Void

    /// Makes the hub `options` asks for.
    static func make(_ options: Options) async throws -> BenchHub {
        switch options.store {
        case .postgres: try await postgres(options)
        case .file: try await file()
        }
    }

    /// The five PostgreSQL stores in a new database `clientele_bench_<hex>`, migrated, over
    /// one `PostgresClient` with a connection per writer (and one spare).
    static func postgres(_ options: Options) async throws -> BenchHub {
        guard let host = options.host, let user = options.user else {
            throw PGBenchError(
                .server,
                "no PostgreSQL server: set --host and --user (or CLIENTELE_PG_HOST and CLIENTELE_PG_USER); "
                    + "Integrations/Postgres/bench.sh starts a throwaway one",
                context: ErrorContext(field: "--host"))
        }
        let password = ProcessInfo.processInfo.environment["CLIENTELE_PG_PASSWORD"]
        func configuration(_ database: String) -> PostgresClient.Configuration {
            var configuration = PostgresClient.Configuration(
                host: host, port: options.port, username: user, password: password, database: database, tls: .disable)
            configuration.options.maximumConnections = options.writers + 1
            return configuration
        }
        let name = "clientele_bench_" + UUID().uuidString.replacing("-", with: "").lowercased().prefix(16)
        let admin = PostgresClient(configuration: configuration(options.maintenanceDatabase))
        let adminRunner = Task { await admin.run() }
        do {
            _ = try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")).collect()
        } catch {
            adminRunner.cancel()
            throw PGBenchError(
                .server, "cannot create the bench database on the server", context: ErrorContext(item: name),
                underlying: ServerFailure(error))
        }
        let client = PostgresClient(configuration: configuration(name))
        let runner = Task { await client.run() }
        let keep = options.keepDatabase
        let tearDown: @Sendable () async throws -> Void = {
            runner.cancel()
            await runner.value
            if !keep {
                _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).collect()
            }
            adminRunner.cancel()
            await adminRunner.value
        }
        do {
            try await ClientelePostgres.migrate(client)
            let hub = CustomerHub(
                stores: CustomerHubStores(
                    accounts: PostgresAccountStore(client: client), consent: PostgresConsentStore(client: client),
                    priceLists: PostgresPriceListStore(client: client), profiles: PostgresProfileStore(client: client),
                    segments: PostgresSegmentStore(client: client)),
                configuration: try RegistrationWorkload.configuration(), hasher: try RegistrationWorkload.hasher())
            try await hub.start()
            return BenchHub(hub: hub, tearDown: tearDown)
        } catch {
            try? await tearDown()
            throw error
        }
    }

    /// The file-backed reference stores (`CustomerHub.open(at:)`) in a new temporary folder,
    /// removed at the end.
    static func file() async throws -> BenchHub {
        let folder = URL(filePath: NSTemporaryDirectory(), directoryHint: .isDirectory)
            .appending(path: "clientele-pg-bench-\(UUID().uuidString)", directoryHint: .isDirectory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PGBenchError(.output, "cannot create the temporary store folder", context: ErrorContext(file: folder.path), underlying: error)
        }
        do {
            let hub = try await CustomerHub.open(
                at: folder, configuration: try RegistrationWorkload.configuration(), hasher: try RegistrationWorkload.hasher())
            try await hub.start()
            return BenchHub(
                hub: hub,
                tearDown: {
                    defer { try? FileManager.default.removeItem(at: folder) }
                    try await hub.close()
                })
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }
}

/// A postgres-nio error reduced to what is safe to print: its code and the server's
/// SQLSTATE and message (never the query's bound values).
struct ServerFailure: Error, Sendable, CustomStringConvertible {
    /// The summary.
    let description: String

    /// The summary of `error`.
    init(_ error: any Error) {
        if let error = error as? PSQLError {
            var text = "postgres-nio \(error.code)"
            if let state = error.serverInfo?[.sqlState] { text += ", SQLSTATE \(state)" }
            if let message = error.serverInfo?[.message] { text += ": \(message)" }
            description = text
        } else {
            description = "\(error)"
        }
    }
}
