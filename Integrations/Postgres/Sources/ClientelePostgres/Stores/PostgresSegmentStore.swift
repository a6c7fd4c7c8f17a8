public import ClienteleCore
public import ClienteleSegmentation
public import PostgresNIO

/// A ``SegmentStore`` in PostgreSQL: `segment_definitions` (name, canonical query text,
/// revision, `updated_at`), `segment_members` (one row per member, cascading with its
/// definition) and `segment_fired_triggers` (one row per customer and key).
///
/// The keys do the concurrency work: of concurrent deltas reporting one entry, or calls
/// claiming one trigger key, exactly one inserts its row and the others get
/// ``SegmentationErrorCode/conflict`` from the unique violation; a delta holds its
/// definition's row `FOR SHARE`, so it applies only at the revision it was computed for.
///
/// Concurrency: `Sendable`; share one instance per `PostgresClient`. Run
/// ``ClientelePostgres/migrate(_:)`` before the first call.
public final class PostgresSegmentStore: SegmentStore {
    /// The client the store runs its queries on; the host runs it (`client.run()`).
    public let client: PostgresClient

    /// A store over a client whose database has been migrated.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Every definition, in byte order of the name.
    public func definitions() async throws -> [SegmentDefinition] {
        try Self.decode(
            await client.rows(
                "SELECT name, query, revision, clientele_milliseconds(updated_at) FROM segment_definitions ORDER BY name"))
    }

    /// The definition named `name`, or `nil`.
    public func definition(named name: String) async throws -> SegmentDefinition? {
        try Self.decode(
            await client.rows(
                """
                SELECT name, query, revision, clientele_milliseconds(updated_at) FROM segment_definitions WHERE name = \(name)
                """)
        ).first
    }

    /// Stores a definition if the stored revision is `expectedRevision` (0: none stored), at
    /// `expectedRevision + 1`; an existing segment keeps its members.
    ///
    /// - Throws: ``SegmentationErrorCode/conflict``.
    public func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        let conflict = SegmentationError(
            .conflict, "Segment \(definition.name) is not stored at revision \(expectedRevision); read it again and retry.",
            context: ErrorContext(field: "revision", item: definition.name))
        guard expectedRevision >= 0, expectedRevision < Int(Int32.max) else { throw conflict }
        var stored = definition
        stored.revision = expectedRevision + 1
        let updatedAt = StoredColumns.milliseconds(definition.updatedAt)
        if expectedRevision == 0 {
            do {
                try await client.rows(
                    """
                    INSERT INTO segment_definitions (name, query, revision, updated_at)
                    VALUES (\(definition.name), \(definition.query), 1, clientele_instant(\(updatedAt)))
                    """)
            } catch let error where error.isUniqueViolation(of: "segment_definitions_pkey") {
                throw conflict
            }
        } else {
            let updated = try await client.rows(
                """
                UPDATE segment_definitions SET query = \(definition.query), updated_at = clientele_instant(\(updatedAt)),
                    revision = revision + 1
                WHERE name = \(definition.name) AND revision = \(Int64(expectedRevision)) RETURNING 1
                """)
            guard updated.count == 1 else { throw conflict }
        }
        return stored
    }

    /// Removes the definition stored at `expectedRevision` with all its members.
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment``, ``SegmentationErrorCode/conflict``.
    public func removeDefinition(named name: String, expectedRevision: Int) async throws {
        try await client.transaction { connection in
            let deleted = try await connection.rows(
                "DELETE FROM segment_definitions WHERE name = \(name) AND revision = \(Int64(expectedRevision)) RETURNING 1")
            guard deleted.count == 1 else {
                let exists = try await connection.rows("SELECT 1 FROM segment_definitions WHERE name = \(name)")
                throw exists.isEmpty
                    ? Self.unknown(name)
                    : SegmentationError(
                        .conflict, "Segment \(name) changed since it was read (expected revision \(expectedRevision)); read it again and retry.",
                        context: ErrorContext(field: "revision", item: name))
            }
        }
    }

    /// Applies a membership change only if it is exactly what happened since the members
    /// were read: at the definition's revision, no entering customer a member, every exiting
    /// one a member. Otherwise nothing of it is applied.
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment``, ``SegmentationErrorCode/conflict``.
    public func record(_ delta: SegmentMembershipDelta) async throws {
        let segment = delta.segment
        let entered = delta.entered.map(\.rawValue)
        let exited = delta.exited.map(\.rawValue)
        do {
            try await client.transaction { connection in
                let rows = try await connection.rows(
                    "SELECT revision FROM segment_definitions WHERE name = \(segment) FOR SHARE")
                guard let revision = try rows.first?.decode(Int.self) else { throw Self.unknown(segment) }
                guard revision == delta.definitionRevision else {
                    throw SegmentationError(
                        .conflict, "Segment \(segment) is at revision \(revision); the change was computed for \(delta.definitionRevision).",
                        context: ErrorContext(field: "definitionRevision", item: segment))
                }
                guard Set(entered).isDisjoint(with: exited) else {
                    throw Self.stale(segment, "a customer both entering and exiting")
                }
                if !exited.isEmpty {
                    let removed = try await connection.rows(
                        """
                        DELETE FROM segment_members WHERE segment = \(segment) AND customer_id = ANY(\(exited)::text[])
                        RETURNING 1
                        """)
                    guard removed.count == Set(exited).count, Set(exited).count == exited.count else {
                        throw Self.stale(segment, "a customer who is not a member (or twice)")
                    }
                }
                if !entered.isEmpty {
                    try await connection.rows(
                        "INSERT INTO segment_members (segment, customer_id) SELECT \(segment), unnest(\(entered)::text[])")
                }
            }
        } catch let error where error.isUniqueViolation(of: "segment_members_pkey") {
            throw Self.stale(segment, "a customer who is already a member (or twice)")
        }
    }

    /// Members ascending by ID (byte order), strictly after `after`, at most `limit`.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidPageSize``, ``SegmentationErrorCode/unknownSegment``.
    public func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw SegmentationError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        return try await client.transaction { connection in
            let defined = try await connection.rows("SELECT 1 FROM segment_definitions WHERE name = \(segment)")
            guard !defined.isEmpty else { throw Self.unknown(segment) }
            let rows = try await connection.rows(
                """
                SELECT customer_id FROM segment_members
                WHERE segment = \(segment) AND (\(after?.rawValue)::text IS NULL OR customer_id > \(after?.rawValue))
                ORDER BY customer_id LIMIT \(Int64(limit))
                """)
            return try rows.map { try StoredColumns.customerID($0.decode(String.self)) }
        }
    }

    /// The segments the customer is a member of, in byte order of the name.
    public func segments(of customer: CustomerID) async throws -> [String] {
        try await client.rows(
            "SELECT segment FROM segment_members WHERE customer_id = \(customer.rawValue) ORDER BY segment"
        ).map { try $0.decode(String.self) }
    }

    /// The trigger keys recorded for the customer.
    public func firedKeys(of customer: CustomerID) async throws -> Set<String> {
        Set(
            try await client.rows("SELECT key FROM segment_fired_triggers WHERE customer_id = \(customer.rawValue)")
                .map { try $0.decode(String.self) })
    }

    /// Records every key only if none is recorded for the customer yet.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidTriggerKey`` (a key empty or over 200 bytes),
    ///   ``SegmentationErrorCode/conflict``.
    public func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws {
        for key in keys where !(1...SegmentStoreLimits.maximumTriggerKeyLength).contains(key.utf8.count) {
            throw SegmentationError(
                .invalidTriggerKey, "A trigger key must be 1-\(SegmentStoreLimits.maximumTriggerKeyLength) bytes.",
                context: ErrorContext(field: "keys", item: customer.rawValue))
        }
        guard !keys.isEmpty else { return }
        do {
            try await client.rows(
                """
                INSERT INTO segment_fired_triggers (customer_id, key)
                SELECT \(customer.rawValue), unnest(\(keys.sorted())::text[])
                """)
        } catch let error where error.isUniqueViolation(of: "segment_fired_triggers_pkey") {
            throw SegmentationError(
                .conflict, "A trigger already fired for the customer; read the fired keys again.",
                context: ErrorContext(field: "keys", item: customer.rawValue))
        }
    }

    /// Removes the customer from every segment, forgets its fired keys and deletes its stored
    /// facts (`saveFacts(_:)`), in one transaction.
    public func erase(customer: CustomerID) async throws {
        try await client.transaction { connection in
            try await connection.rows("DELETE FROM segment_members WHERE customer_id = \(customer.rawValue)")
            try await connection.rows("DELETE FROM segment_fired_triggers WHERE customer_id = \(customer.rawValue)")
            try await connection.rows("DELETE FROM segment_facts WHERE customer_id = \(customer.rawValue)")
        }
    }

    // MARK: Support

    private static func decode(_ rows: [PostgresRow]) throws -> [SegmentDefinition] {
        try rows.map { row in
            let (name, query, revision, updatedAt) = try row.decode((String, String, Int, Int64).self)
            do {
                return try SegmentDefinition(name: name, query: query, revision: revision, updatedAt: StoredColumns.date(updatedAt))
            } catch {
                throw StoredColumns.corrupted("A stored segment definition is not valid.", item: name, underlying: error)
            }
        }
    }

    private static func unknown(_ name: String) -> SegmentationError {
        SegmentationError(.unknownSegment, "No segment named \(name) is defined.", context: ErrorContext(field: "segment", item: name))
    }

    private static func stale(_ segment: String, _ what: String) -> SegmentationError {
        SegmentationError(
            .conflict, "The membership change for segment \(segment) names \(what); read the members again.",
            context: ErrorContext(field: "delta", item: segment))
    }
}
