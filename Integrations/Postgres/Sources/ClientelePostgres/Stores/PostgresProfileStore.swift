public import ClienteleCore
public import ClienteleProfiling
public import PostgresNIO

/// A ``ProfileStore`` in PostgreSQL: `profiles`, one row per customer with its revision and
/// the whole ``CustomerProfile`` as `jsonb` (a profile is read and replaced as a whole; the
/// database filters on none of its nested values).
///
/// Optimistic concurrency: a first save is an `INSERT` (a unique violation is
/// ``ProfilingErrorCode/conflict``), a later one an `UPDATE … WHERE revision = $expected`.
///
/// Concurrency: `Sendable`; share one instance per `PostgresClient`. Run
/// ``ClientelePostgres/migrate(_:)`` before the first call.
public final class PostgresProfileStore: ProfileStore {
    /// The client the store runs its queries on; the host runs it (`client.run()`).
    public let client: PostgresClient

    /// A store over a client whose database has been migrated.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// The customer's profile, or `nil`.
    public func profile(of customer: CustomerID) async throws -> CustomerProfile? {
        let rows = try await client.rows("SELECT profile::text FROM profiles WHERE customer_id = \(customer.rawValue)")
        return try rows.first.map {
            try StoredColumns.decode(CustomerProfile.self, json: $0.decode(String.self), item: customer.rawValue)
        }
    }

    /// Stores a profile if the stored revision is `expectedRevision` (0: none stored).
    ///
    /// - Throws: ``ProfilingErrorCode/conflict``.
    public func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        var stored = profile
        stored.revision = expectedRevision + 1
        let customer = profile.customer.rawValue
        let json = try StoredColumns.json(stored, item: customer)
        let conflict = ProfilingError(
            .conflict, "The profile changed since it was read (expected revision \(expectedRevision)); read it again and retry.",
            context: ErrorContext(field: "revision", item: customer))
        if expectedRevision == 0 {
            do {
                try await client.rows("INSERT INTO profiles (customer_id, revision, profile) VALUES (\(customer), 1, \(json)::jsonb)")
            } catch let error where error.isUniqueViolation(of: "profiles_pkey") {
                throw conflict
            }
        } else {
            let updated = try await client.rows(
                """
                UPDATE profiles SET revision = revision + 1, profile = \(json)::jsonb
                WHERE customer_id = \(customer) AND revision = \(Int64(expectedRevision)) RETURNING 1
                """)
            guard updated.count == 1 else { throw conflict }
        }
        return stored
    }

    /// Customers with a profile, ascending by ID (byte order), strictly after `after`.
    ///
    /// - Throws: ``ProfilingErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw ProfilingError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        let rows = try await client.rows(
            """
            SELECT customer_id FROM profiles WHERE \(after?.rawValue)::text IS NULL OR customer_id > \(after?.rawValue)
            ORDER BY customer_id LIMIT \(Int64(limit))
            """)
        return try rows.map { try StoredColumns.customerID($0.decode(String.self)) }
    }

    /// Erases a customer's profile (one statement); an unknown customer succeeds.
    public func erase(customer: CustomerID) async throws {
        try await client.rows("DELETE FROM profiles WHERE customer_id = \(customer.rawValue)")
    }
}
