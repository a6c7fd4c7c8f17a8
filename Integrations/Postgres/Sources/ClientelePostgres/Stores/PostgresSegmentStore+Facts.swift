public import ClienteleCore
public import ClienteleSegmentation
public import Foundation
import PostgresNIO

/// Customer facts in the database, so a segment job can count and list the members of a
/// query over millions of customers without loading them: `segment_facts` (one row per
/// customer, the built-in attributes in typed columns, dates as UTC days),
/// `segment_fact_consents` (the state per purpose) and `segment_fact_profile` (one typed
/// value per field).
///
/// ```swift
/// if let facts = try await hub.facts(of: customer) { try await segments.saveFacts([facts]) }  // after a change, or nightly
/// let evaluator = try SegmentEvaluator("consent.newsletter = 'granted' AND amount_spent >= 500", schema: schema)
/// let count = try await segments.countMembers(matching: evaluator, at: clock.now)
/// let page = try await segments.members(matching: evaluator, at: clock.now, after: nil, limit: 1_000)
/// ```
///
/// The queries run as ``PostgresSegmentCondition`` compiles them, and select exactly the
/// customers ``SegmentEvaluator`` selects over the same facts (the package's tests check it on
/// the peers' segments and on random queries). The facts are a copy the host keeps current;
/// ``erase(customer:)`` deletes them with the rest of the person's segment data.
extension PostgresSegmentStore {
    /// Stores each customer's facts, replacing what was stored for them, in one transaction.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidLiteral`` for text holding a NUL character
    ///   (PostgreSQL's `text` cannot hold it; nothing is stored); postgres-nio's errors.
    public func saveFacts(_ facts: some Sequence<CustomerFacts>) async throws {
        let all = Array(facts)
        for customer in all { try Self.check(customer) }
        guard !all.isEmpty else { return }
        try await client.transaction { connection in
            for customer in all { try await Self.save(customer, on: connection) }
        }
    }

    /// Deletes a customer's facts (nothing happens when none are stored).
    public func removeFacts(of customer: CustomerID) async throws {
        try await client.rows("DELETE FROM segment_facts WHERE customer_id = \(customer.rawValue)")
    }

    /// The number of customers whose stored facts satisfy `evaluator`'s query at `instant`
    /// (relative dates count from its UTC day).
    public func countMembers(matching evaluator: SegmentEvaluator, at instant: Date) async throws -> Int {
        let condition = try PostgresSegmentCondition(evaluator, on: UTCDay(utcDayOf: instant))
        let rows = try await client.rows(
            PostgresQuery(unsafeSQL: "SELECT count(*) FROM segment_facts f WHERE \(condition.sql)", binds: condition.bindings))
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// The customers whose stored facts satisfy `evaluator`'s query at `instant`, ascending by
    /// ID (byte order), strictly after `after`, at most `limit`.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidPageSize`` for a `limit` below 1.
    public func members(matching evaluator: SegmentEvaluator, at instant: Date, after: CustomerID?, limit: Int) async throws
        -> [CustomerID]
    {
        guard limit >= 1 else {
            throw SegmentationError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        var bindings = PostgresBindings()
        bindings.append(after?.rawValue)
        bindings.append(Int64(limit))
        let condition = try PostgresSegmentCondition(evaluator, on: UTCDay(utcDayOf: instant), after: bindings)
        let rows = try await client.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT f.customer_id FROM segment_facts f
                    WHERE ($1::text IS NULL OR f.customer_id > $1) AND \(condition.sql)
                    ORDER BY f.customer_id LIMIT $2
                    """,
                binds: condition.bindings))
        return try rows.map { try StoredColumns.customerID($0.decode(String.self)) }
    }

    // MARK: Support

    private static func save(_ facts: CustomerFacts, on connection: PostgresConnection) async throws {
        let id = facts.customer.rawValue
        func day(_ instant: Date?) -> String? { instant.map { PostgresSegmentCondition.dateText(UTCDay(utcDayOf: $0)) } }
        try await connection.rows(
            """
            INSERT INTO segment_facts (
                customer_id, number_of_orders, amount_spent, first_order_day, last_order_day, created_day, last_visit_day,
                country, email_domain, groups, tags, account_status, lifecycle_stage, birth_month, birth_day, birth_year)
            VALUES (
                \(id), \(facts.numberOfOrders), \(facts.amountSpentMinorUnits), \(day(facts.firstOrderDate))::date,
                \(day(facts.lastOrderDate))::date, \(day(facts.createdAt))::date, \(day(facts.lastVisitDate))::date,
                \(facts.country), \(facts.emailDomain), \(facts.groups), \(facts.tags), \(facts.accountStatus),
                \(facts.lifecycleStage), \(facts.birthDate.map { Int16($0.month) }), \(facts.birthDate.map { Int16($0.day) }),
                \(facts.birthDate?.year.map { Int16($0) }))
            ON CONFLICT (customer_id) DO UPDATE SET
                number_of_orders = EXCLUDED.number_of_orders, amount_spent = EXCLUDED.amount_spent,
                first_order_day = EXCLUDED.first_order_day, last_order_day = EXCLUDED.last_order_day,
                created_day = EXCLUDED.created_day, last_visit_day = EXCLUDED.last_visit_day, country = EXCLUDED.country,
                email_domain = EXCLUDED.email_domain, groups = EXCLUDED.groups, tags = EXCLUDED.tags,
                account_status = EXCLUDED.account_status, lifecycle_stage = EXCLUDED.lifecycle_stage,
                birth_month = EXCLUDED.birth_month, birth_day = EXCLUDED.birth_day, birth_year = EXCLUDED.birth_year
            """)
        try await connection.rows("DELETE FROM segment_fact_consents WHERE customer_id = \(id)")
        if !facts.consents.isEmpty {
            let consents = facts.consents.sorted { $0.key < $1.key }
            try await connection.rows(
                """
                INSERT INTO segment_fact_consents (customer_id, purpose, state)
                SELECT \(id), purpose, state FROM unnest(\(consents.map(\.key))::text[], \(consents.map(\.value.rawValue))::text[])
                    AS consent (purpose, state)
                """)
        }
        try await connection.rows("DELETE FROM segment_fact_profile WHERE customer_id = \(id)")
        for (field, value) in facts.profile.sorted(by: { $0.key < $1.key }) {
            var text: String?, number: Double?, boolean: Bool?, date: String?, list: [String]?
            switch value {
            case .text(let value), .choice(let value): text = value
            case .number(let value):
                guard !value.isNaN else { continue }  // NaN reads as NULL, as in the evaluator
                number = value
            case .boolean(let value): boolean = value
            case .date(let value): date = PostgresSegmentCondition.dateText(value)
            case .choices(let values): list = values
            }
            try await connection.rows(
                """
                INSERT INTO segment_fact_profile (customer_id, field, text_value, number_value, boolean_value, day_value, list_value)
                VALUES (\(id), \(field), \(text), \(number), \(boolean), \(date)::date, \(list)::text[])
                """)
        }
    }

    /// Refuses facts PostgreSQL's `text` cannot hold (a NUL character).
    private static func check(_ facts: CustomerFacts) throws(SegmentationError) {
        var texts = [facts.country, facts.emailDomain, facts.accountStatus, facts.lifecycleStage].compactMap { $0 }
        texts += facts.groups + facts.tags + facts.consents.keys + facts.profile.keys
        for value in facts.profile.values {
            switch value {
            case .text(let value), .choice(let value): texts.append(value)
            case .choices(let values): texts += values
            case .number, .boolean, .date: break
            }
        }
        if texts.contains(where: { $0.utf8.contains(0) }) {
            throw SegmentationError(
                .invalidLiteral, "A fact's text holds a NUL character, which PostgreSQL cannot store.",
                context: ErrorContext(field: "facts", item: facts.customer.rawValue))
        }
    }
}
