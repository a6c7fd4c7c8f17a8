import Clientele
import ClienteleAccountsTesting
import ClienteleCore
import ClientelePostgres
import Foundation
import PostgresNIO
import Testing

/// The facade over the five PostgreSQL stores, on two app servers sharing one database.
@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct CustomerHubOnPostgresTests {
    static func configuration() throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "test", secret: Array(repeating: 9, count: 32))),
                digestSalt: Array("a test salt that is long enough".utf8),
                controller: ReceiptController(
                    name: "Test shop", contact: "privacy desk", privacyPolicyURL: "https://shop.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter]),
            triggerPurpose: "newsletter",
            profileCatalog: try FieldCatalog([
                FieldDefinition(key: "first-name", labelKey: "firstName", type: .text, moments: [.accountPage])
            ]),
            accounts: AccountConfiguration(activation: .open))
    }

    static func hub(on client: PostgresClient, clock: ManualClock) throws -> CustomerHub {
        CustomerHub(
            stores: CustomerHubStores(
                accounts: PostgresAccountStore(client: client), consent: PostgresConsentStore(client: client),
                priceLists: PostgresPriceListStore(client: client), profiles: PostgresProfileStore(client: client),
                segments: PostgresSegmentStore(client: client)),
            configuration: try configuration(), clock: clock, hasher: try PBKDF2PasswordHasher(iterations: 1))
    }

    /// A customer registered, consenting, profiled and ordering through one app server is
    /// whole on the other; erased through the other, nothing of them is left in any table.
    @Test func aCustomerMadeOnOneAppServerIsWholeOnTheOtherAndErasedFromEveryTable() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let clock = ManualClock()
        let one = try Self.hub(on: database.client, clock: clock)
        let two = try Self.hub(on: second.client, clock: clock)

        let customer = try await one.accounts.register(email: "Marit.Jansen@Voorbeeld.NL", password: "correct horse battery staple")
            .customer.id
        _ = try await one.consent.give("newsletter", channel: .email, for: customer, context: CollectionContext(source: "test"))
        let report = try await one.profiling.submit(["first-name": .value(.text("Marit"))], for: customer, at: .accountPage)
        #expect(report.isValid)
        try await one.accounts.recordOrder(
            OrderReference(
                id: try OrderID(validating: "o-1"), customer: customer, placedAt: clock.now(),
                total: Money(minorUnits: 42_50, currency: .eur)))

        let facts = try #require(try await two.facts(of: customer))
        #expect(facts.numberOfOrders == 1)
        #expect(facts.amountSpentMinorUnits == 42_50)
        #expect(facts.emailDomain == "voorbeeld.nl")
        #expect(try await two.profiling.profile(of: customer).entries.count == 1)
        // A segment job keeps the facts in the database too; erasure must find them there.
        try await PostgresSegmentStore(client: second.client).saveFacts([facts])

        let before = try await Self.tablesNaming(["marit", "jansen"], in: database)
        #expect(before.contains("account_records") && before.contains("profiles"), "\(before)")
        #expect(before.contains("segment_fact_profile"), "\(before)")

        try await two.erase(customer: customer)
        #expect(try await one.accounts.store.record(customer) == nil)
        #expect(try await Self.tablesNaming(["marit", "jansen"], in: database) == [])
        await second.close()
        try await database.drop()
    }

    /// Two app servers (two facades, each on its own client) take 100 registrations of one
    /// address at once, in letter-case variants, each a request of its own: one account is
    /// made, every other request is told the address is taken.
    @Test func aHundredRegistrationsOfOneAddressOnTwoAppServersMakeOneAccount() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let clock = ManualClock()
        let servers = [try Self.hub(on: database.client, clock: clock), try Self.hub(on: second.client, clock: clock)]
        let variants = ["lotte.visser@voorbeeld.nl", "Lotte.Visser@Voorbeeld.NL", "LOTTE.VISSER@VOORBEELD.NL", "lotte.Visser@voorbeeld.NL"]
        let outcomes = await outcomes(ofConcurrent: 100) { attempt in
            let request = RegistrationRequest(
                requestID: UUID(), email: variants[attempt % variants.count], password: "correct horse battery staple",
                consents: ["newsletter"], context: CollectionContext(source: "registration form"))
            _ = try await servers[attempt % 2].register(request)
        }
        #expect(outcomes == ["succeeded": 1, AccountErrorCode.emailTaken.rawValue: 99])
        let holders = try await servers[1].customers(withEmail: try EmailAddress(parsing: "lotte.visser@voorbeeld.nl"))
        #expect(holders.count == 1)
        let holder = try #require(holders.first)
        #expect(try await servers[0].consent.ledger(of: holder).count == 1)
        await second.close()
        try await database.drop()
    }

    /// Two app servers record 1,000 consent statements for one customer at once (500 each):
    /// every one is appended, and the ledger is one gap-free chain that verifies.
    @Test(.timeLimit(.minutes(10)))  // a guard against a hang, not a speed check: it takes about 80 s
    func aThousandConsentStatementsForOneCustomerOnTwoAppServersLeaveOneValidChain() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let clock = ManualClock()
        let servers = [try Self.hub(on: database.client, clock: clock), try Self.hub(on: second.client, clock: clock)]
        let customer = try await servers[0].accounts.register(email: "daan@voorbeeld.nl", password: "correct horse battery staple")
            .customer.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for statement in 0..<1_000 {
                group.addTask {
                    _ = try await servers[statement % 2].consent.give(
                        "newsletter", channel: .email, for: customer, context: CollectionContext(source: "statement \(statement)"))
                }
            }
            try await group.waitForAll()
        }
        let ledger = try await servers[1].consent.ledger(of: customer)
        #expect(ledger.count == 1_000)
        #expect(ledger.map(\.sequence) == Array(0..<1_000))
        #expect(Set(ledger.map(\.source)).count == 1_000)
        #expect(LedgerChain.verify(ledger, of: customer).isIntact)
        await second.close()
        try await database.drop()
    }

    /// The tables of the `public` schema with a row whose text holds one of `needles`, ignoring case.
    static func tablesNaming(_ needles: [String], in database: TestDatabase) async throws -> [String] {
        let tables = try await database.rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).map { try $0.decode(String.self) }
        #expect(tables.count >= 15)
        var found: [String] = []
        for table in tables {
            let rows = try await database.rows(
                PostgresQuery(
                    unsafeSQL: "SELECT count(*) FROM \(table) AS t WHERE t::text ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n)",
                    binds: { var binds = PostgresBindings(); binds.append(needles); return binds }()))
            if try rows.first?.decode(Int.self) ?? 0 > 0 { found.append(table) }
        }
        return found
    }
}
