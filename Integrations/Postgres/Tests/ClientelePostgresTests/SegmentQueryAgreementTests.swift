import ClienteleCore
import ClientelePostgres
import ClienteleSegmentation
import ClienteleSegmentationTesting
import Foundation
import PostgresNIO
import Testing

/// Segment queries compiled to SQL select, in PostgreSQL, exactly the customers the library's
/// evaluator selects: on the peers' ten queries and dataset (where SQLite's answer is also
/// known) and on random customers and queries over every attribute kind, on ordinary days,
/// leap days and the last day of a year.
@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct SegmentQueryAgreementTests {
    /// "Now" of the peers' dataset: 2026-11-01T00:00:00Z.
    static let peersNow = Date(timeIntervalSince1970: 1_793_491_200)

    @Test func thePeersQueriesSelectTheMembersSQLiteAndTheEvaluatorSelect() async throws {
        let database = try await TestDatabase.create()
        let store = PostgresSegmentStore(client: database.client)
        let customers = try PeersDataset.customers()
        try await store.saveFacts(customers)
        let schema = try SegmentSchema(currency: .eur)
        let expectations = try PeersDataset.expectations()
        #expect(expectations.count == 10 && customers.count == 184)
        for expected in expectations {
            let evaluator = try SegmentEvaluator(expected.query, schema: schema)
            let selected = try await store.members(matching: evaluator, at: Self.peersNow, after: nil, limit: 1_000).map(\.rawValue)
            #expect(selected == byteOrdered(expected.members), "\(expected.name)")
            #expect(try await store.countMembers(matching: evaluator, at: Self.peersNow) == expected.count, "\(expected.name)")
            let evaluated = customers.filter { evaluator.isMember($0, at: Self.peersNow) }.map(\.customer.rawValue)
            #expect(selected == byteOrdered(evaluated), "\(expected.name)")
        }
        try await database.drop()
    }

    @Test func randomQueriesSelectWhatTheEvaluatorSelectsOnEveryDay() async throws {
        let database = try await TestDatabase.create()
        let store = PostgresSegmentStore(client: database.client)
        let schema = try SegmentFixtures.randomSchema()
        var random = SegmentFixtures.SeededGenerator(seed: 19_2026)
        var customers = try (0..<600).map { try SegmentFixtures.randomFacts($0, using: &random) }
        customers += try Self.edgeCustomers()
        try await store.saveFacts(customers)
        // Some change after they were stored; the stored rows must follow.
        for index in stride(from: 0, to: 600, by: 7) {
            customers[index] = try SegmentFixtures.randomFacts(index, using: &random)
            try await store.saveFacts([customers[index]])
        }
        let days = [
            Self.peersNow, try Self.noon(2027, 2, 28), try Self.noon(2028, 2, 28), try Self.noon(2028, 2, 29),
            try Self.noon(2026, 12, 31),
        ]
        let texts = SegmentFixtures.randomPredicates + (0..<250).map { _ in SegmentFixtures.randomQuery(using: &random) }
        var compared = 0, splitting = 0
        for (index, text) in texts.enumerated() {
            let evaluator = try SegmentEvaluator(text, schema: schema)
            // Every predicate on every day; each random query on one of them.
            for now in index < SegmentFixtures.randomPredicates.count ? days : [days[index % days.count]] {
                let selected: [String]
                do {
                    selected = try await store.members(matching: evaluator, at: now, after: nil, limit: 10_000).map(\.rawValue)
                } catch {
                    Issue.record("\(text) at \(now): \(String(reflecting: error))")
                    continue
                }
                let evaluated = customers.filter { evaluator.isMember($0, at: now) }.map(\.customer.rawValue)
                #expect(selected == byteOrdered(evaluated), "\(text) at \(now)")
                if !evaluated.isEmpty && evaluated.count < customers.count { splitting += 1 }
                compared += 1
            }
        }
        #expect(compared > 500)
        #expect(splitting > compared / 2, "most queries hold for some customers and not for others")
        try await database.drop()
    }

    @Test func membersComeInPagesInByteOrderAndErasureDeletesTheFacts() async throws {
        let database = try await TestDatabase.create()
        let store = PostgresSegmentStore(client: database.client)
        let ids = ["b", "a", "Z", "-x", "a1", "B2"]
        try await store.saveFacts(
            try ids.map { CustomerFacts(customer: try CustomerID(validating: $0), createdAt: Self.peersNow, groups: ["vip"]) })
        let vip = try SegmentEvaluator("groups CONTAINS 'vip'", schema: try SegmentSchema())
        var pages: [[String]] = []
        var after: CustomerID?
        while true {
            let page = try await store.members(matching: vip, at: Self.peersNow, after: after, limit: 4)
            guard let last = page.last else { break }
            pages.append(page.map(\.rawValue))
            after = last
        }
        #expect(pages == [["-x", "B2", "Z", "a"], ["a1", "b"]])
        await #expect(throws: SegmentationError.self) {
            try await store.members(matching: vip, at: Self.peersNow, after: nil, limit: 0)
        }

        try await store.erase(customer: try CustomerID(validating: "a"))
        try await store.removeFacts(of: try CustomerID(validating: "b"))
        #expect(try await store.countMembers(matching: vip, at: Self.peersNow) == 4)
        try await database.drop()
    }

    @Test func factsWithANulCharacterAreRefusedAndNothingOfTheBatchIsStored() async throws {
        let database = try await TestDatabase.create()
        let store = PostgresSegmentStore(client: database.client)
        let good = CustomerFacts(customer: try CustomerID(validating: "good"), createdAt: Self.peersNow, country: "NL")
        var bad = CustomerFacts(customer: try CustomerID(validating: "bad"), createdAt: Self.peersNow)
        bad.profile["pet"] = .text("d\u{0}g")
        await #expect(throws: SegmentationError.self) { try await store.saveFacts([good, bad]) }
        let anyone = try SegmentEvaluator("number_of_orders >= 0", schema: try SegmentSchema())
        #expect(try await store.countMembers(matching: anyone, at: Self.peersNow) == 0)
        let nul = try SegmentEvaluator(.predicate(SegmentPredicate(.country, .compare(.equal, .text("N\u{0}L")))), schema: try SegmentSchema())
        await #expect(throws: SegmentationError.self) { try await store.countMembers(matching: nul, at: Self.peersNow) }
        try await database.drop()
    }

    /// Customers at the edges: leap-day and year-end birthdays, instants beyond year 9999
    /// and before year 1, negative amounts, empty lists, NaN profile numbers, average order
    /// values just above a literal.
    static func edgeCustomers() throws -> [CustomerFacts] {
        var customers: [CustomerFacts] = []
        let birthdays: [(Int, Int, Int?)] = [(2, 29, nil), (2, 29, 1996), (2, 28, 2001), (3, 1, nil), (12, 31, nil), (1, 1, 1980)]
        for (index, birthday) in birthdays.enumerated() {
            customers.append(
                CustomerFacts(
                    customer: try CustomerID(validating: "edge-birthday-\(index)"), createdAt: peersNow,
                    birthDate: try BirthDate(month: birthday.0, day: birthday.1, year: birthday.2)))
        }
        var far = CustomerFacts(
            customer: try CustomerID(validating: "edge-far"), createdAt: Date(timeIntervalSince1970: 1e14), numberOfOrders: 3,
            amountSpentMinorUnits: -1_500, firstOrderDate: .distantPast, lastOrderDate: Date(timeIntervalSince1970: -1e13))
        far.profile["shoe_size"] = .number(.nan)
        far.profile["anniversary"] = .date(UTCDay(daysSinceEpoch: 5_000_000))
        far.profile["hobbies"] = .choices([])
        customers.append(far)
        var midnight = CustomerFacts(
            customer: try CustomerID(validating: "edge-midnight"), createdAt: peersNow.addingTimeInterval(-0.001),
            numberOfOrders: 7, amountSpentMinorUnits: 7_000, lastVisitDate: peersNow)
        midnight.consents = ["newsletter": .granted, "fax": .refused]
        midnight.profile["pet"] = .choice("cat")
        customers.append(midnight)
        // Averages a fraction of a cent above a literal of the predicates: only an exact
        // comparison keeps them out of `<=`, `=` and `BETWEEN` and in `>`.
        for (index, (orders, amount)) in [(3, 75_151), (3, 30_001), (2, 100_001), (3, 150_001)].enumerated() {
            customers.append(
                CustomerFacts(
                    customer: try CustomerID(validating: "edge-average-\(index)"), createdAt: peersNow, numberOfOrders: Int64(orders),
                    amountSpentMinorUnits: Int64(amount)))
        }
        return customers
    }

    static func noon(_ year: Int, _ month: Int, _ day: Int) throws -> Date {
        try UTCDay(year: year, month: month, day: day).start.addingTimeInterval(43_200)
    }
}

/// `ids` in byte order of their UTF-8, the order of the stores' listings.
private func byteOrdered(_ ids: [String]) -> [String] {
    ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
}

/// The peers' dataset and queries (Fixtures/README.md), read as the library's own
/// `SegmentAgreementTests` reads them.
enum PeersDataset {
    struct Expected {
        var name: String
        var query: String
        var count: Int
        var members: [String]
    }

    static func fixture(_ name: String, _ ext: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Rows without `#` comments and blank lines (the fixtures use no quoting).
    static func rows(_ text: String, separator: Character) -> [[String]] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
    }

    static func expectations() throws -> [Expected] {
        let queries = Dictionary(uniqueKeysWithValues: rows(try fixture("segments", "tsv"), separator: "\t").map { ($0[0], $0[1]) })
        return try rows(try fixture("segment-expected", "tsv"), separator: "\t").map { row in
            Expected(
                name: row[0], query: try #require(queries[row[0]]), count: try #require(Int(row[1])),
                members: row[3].isEmpty ? [] : row[3].split(separator: ",").map(String.init))
        }
    }

    /// `customer_group` is `groups`, `newsletter` the state of purpose `newsletter`, empty
    /// order, visit and birth values NULL, `amount_spent` cents of EUR.
    static func customers() throws -> [CustomerFacts] {
        let table = rows(try fixture("segment-customers", "csv"), separator: ",")
        let header = try #require(table.first)
        return try table.dropFirst().map { row in
            func column(_ name: String) throws -> String { row[try #require(header.firstIndex(of: name))] }
            func instant(_ name: String) throws -> Date? {
                let text = try column(name)
                return text.isEmpty ? nil : Date(timeIntervalSince1970: Double(try #require(Int64(text))))
            }
            var facts = CustomerFacts(
                customer: try CustomerID(validating: try column("id")), createdAt: try #require(try instant("created_at")))
            facts.country = try column("country")
            facts.groups = try column("customer_group").isEmpty ? [] : [try column("customer_group")]
            facts.consents = ["newsletter": try #require(ConsentFact(rawValue: try column("newsletter")))]
            facts.numberOfOrders = try #require(Int64(try column("number_of_orders")))
            facts.amountSpentMinorUnits = try #require(Int64(try column("amount_spent")))
            facts.firstOrderDate = try instant("first_order_at")
            facts.lastOrderDate = try instant("last_order_at")
            facts.lastVisitDate = try instant("last_visit_at")
            if let day = UTCDay(iso8601: try column("birth_date")) {
                let parts = day.parts
                facts.birthDate = try BirthDate(month: parts.month, day: parts.day, year: parts.year)
            }
            return facts
        }
    }
}
