import ClienteleAccounts
import ClienteleAccountsTesting
import ClienteleConsent
import ClienteleConsentTesting
import ClienteleCore
import ClientelePostgres
import PostgresNIO
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct ErasureTests {
    /// After erasing a rich customer from the account and consent stores, no row of any
    /// table holds their address, its uniqueness key or their name, while a bystander's
    /// rows and the suppression entry stay.
    @Test func erasureLeavesTheAddressAndNameInNoTable() async throws {
        let database = try await TestDatabase.create()
        let accounts = PostgresAccountStore(client: database.client)
        let consent = PostgresConsentStore(client: database.client)
        let erased = AccountFixtures.customerID(1)
        let bystander = AccountFixtures.customerID(2)

        let record = try AccountFixtures.richRecord(id: erased)
        _ = try await accounts.insert(record)
        _ = try await accounts.insert(try AccountFixtures.record(id: bystander, email: "piet@example.nl"))
        for order in AccountFixtures.richOrders(of: erased) { try await accounts.recordOrder(order) }
        let keys = [LoginThrottleKey(record.customer.email), LoginThrottleKey(try AccountFixtures.email(AccountFixtures.richNewEmail))]
        for key in keys { _ = try await accounts.saveLoginThrottle(AccountFixtures.richThrottle(key: key), expectedRevision: 0) }
        for entry in ConsentFixtures.richLedger(of: erased) { try await consent.append(entry) }
        for send in ConsentFixtures.richSends(for: erased) { try await consent.appendSend(send) }
        for entry in ConsentFixtures.ledger(of: bystander, count: 2) { try await consent.append(entry) }
        let suppression = ConsentFixtures.richSuppression(ConsentFixtures.digest(0x5e))
        try await consent.addSuppression(suppression)

        let needles = [
            "Anna de Vries", "de-vries", record.customer.email.uniquenessKey, "Keizersgracht", AccountFixtures.richNewEmail,
            keys[1].rawValue, erased.rawValue,
        ]
        #expect(try await tablesHolding(needles, in: database).contains("account_records"))

        try await accounts.erase(customer: erased)
        try await consent.erase(customer: erased)

        // The customer's id is the text "c1": search it as a whole column value, the rest anywhere.
        #expect(try await tablesHolding(needles, in: database) == [])
        #expect(try await accounts.record(bystander) != nil)
        #expect(try await consent.records(for: bystander).count == 2)
        #expect(try await consent.suppression(for: suppression.digest) == suppression)
        try await database.drop()
    }

    /// The tables (of the `public` schema) with a row whose text holds one of `needles`,
    /// ignoring case (`SELECT … ::text ILIKE`).
    private func tablesHolding(_ needles: [String], in database: TestDatabase) async throws -> [String] {
        let tables = try await database.rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).map { try $0.decode(String.self) }
        #expect(tables.count >= 9)
        var holding: [String] = []
        for table in tables {
            let rows = try await database.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT count(*) FROM \(table) AS t
                        WHERE t::text ILIKE ANY (SELECT '%' || needle || '%' FROM unnest($1::text[]) AS needle)
                           OR EXISTS (SELECT 1 FROM jsonb_each_text(to_jsonb(t)) AS c WHERE c.value = ANY($2::text[]))
                        """,
                    binds: bindings(needles.filter { $0.count > 2 }, needles)))
            if try rows.first?.decode(Int.self) ?? 0 > 0 { holding.append(table) }
        }
        return holding
    }

    private func bindings(_ first: [String], _ second: [String]) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(first)
        bindings.append(second)
        return bindings
    }
}
