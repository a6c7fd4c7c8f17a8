import Logging
import PostgresNIO

/// postgres-nio's connection API takes a logger; the adapter logs nothing itself.
let silentLogger = Logger(label: "clientele.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

extension PostgresConnection {
    /// Runs a query and reads every row, so a server error surfaces here and not later.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await self.query(query, logger: silentLogger).collect()
    }
}

extension PostgresClient {
    /// Runs a query on a pooled connection and reads every row.
    ///
    /// The connection is leased for the call and given back when it returns or throws
    /// (`withConnection`). postgres-nio's `PostgresClient.query` hands its lease to the row
    /// sequence instead, and a statement that fails after its row description (an
    /// `INSERT … RETURNING` losing a unique-key race) never gave it back: two app servers
    /// racing appends ran their pools dry and waited for ever.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { connection in try await connection.rows(query) }
    }

    /// Runs `body` in one transaction (READ COMMITTED) on one pooled connection: committed when
    /// it returns, rolled back when it throws. The body's own error is rethrown as it is
    /// (postgres-nio's `withTransaction` wraps it), so stores can throw their modules' errors.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await withConnection { connection in try await connection.transaction(body) }
    }
}

extension PostgresConnection {
    /// Runs `body` in one transaction (READ COMMITTED) on this connection, as
    /// `PostgresClient.transaction` does on a pooled one. (`nonisolated(nonsending)`: it runs
    /// where its caller runs, so a caller's non-`Sendable` body can be passed in.)
    nonisolated(nonsending) func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await rows("BEGIN")
        do {
            let result = try await body(self)
            try await rows("COMMIT")
            return result
        } catch {
            _ = try? await rows("ROLLBACK")
            throw error
        }
    }
}

extension Error {
    /// The SQLSTATE of a server error (`23505` unique violation, `23503` foreign key), or `nil`.
    var sqlState: String? {
        guard let error = self as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// The constraint a server error names, or `nil`.
    var constraintName: String? {
        guard let error = self as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.constraintName]
    }

    /// A unique violation (`23505`), optionally of one named constraint.
    func isUniqueViolation(of constraint: String? = nil) -> Bool {
        sqlState == "23505" && (constraint == nil || constraintName == constraint)
    }
}
