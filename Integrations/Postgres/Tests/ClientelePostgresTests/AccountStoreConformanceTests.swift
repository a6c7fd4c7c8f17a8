import ClienteleAccounts
import ClienteleAccountsTesting
import ClienteleCore
import ClientelePostgres
import Foundation
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct AccountStoreConformanceTests {
    @Test(arguments: AccountStoreConformance.Check.allCases)
    func thePostgresAccountStoreConforms(_ check: AccountStoreConformance.Check) async throws {
        try await AccountStoreConformance(
            makeStore: { PostgresAccountStore(client: try await TestDatabase.create().client) },
            reopen: { store in PostgresAccountStore(client: try await TestDatabase.reopen(store.client)) },
            tearDown: { store in try await TestDatabase.drop(store.client) }
        ).run(check)
    }

    /// Two app servers (two clients, two stores) on one database register one address in
    /// letter-case variants, 100 times at once: the unique index leaves exactly one account.
    @Test func twoAppServersRegisteringOneAddressLeaveOneAccount() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let servers = [PostgresAccountStore(client: database.client), PostgresAccountStore(client: second.client)]
        let variants = ["jan.de.vries@example.nl", "Jan.de.Vries@Example.NL", "JAN.DE.VRIES@EXAMPLE.NL", "jan.De.vries@example.NL"]
        let outcomes = await outcomes(ofConcurrent: 100) { attempt in
            let record = try AccountFixtures.record(id: AccountFixtures.customerID(attempt + 1), email: variants[attempt % variants.count])
            _ = try await servers[attempt % 2].insert(record)
        }
        #expect(outcomes == ["succeeded": 1, AccountErrorCode.emailTaken.rawValue: 99])
        let holder = try await servers[1].account(emailKey: "jan.de.vries@example.nl")
        #expect(holder != nil)
        #expect(try await servers[0].customers(after: nil, limit: 1_000).count == 1)
        await second.close()
        try await database.drop()
    }

    /// A stale update from the other app server is refused by the revision in the `WHERE`
    /// clause, and the record keeps the first writer's change.
    @Test func aStaleUpdateFromTheOtherAppServerConflicts() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let one = PostgresAccountStore(client: database.client)
        let two = PostgresAccountStore(client: second.client)
        let inserted = try await one.insert(try AccountFixtures.record(id: AccountFixtures.customerID(7), email: "a@example.nl"))
        var first = inserted
        first.customer.groups = [.vip]
        _ = try await one.update(first, expectedRevision: 1)
        var stale = inserted
        stale.customer.groups = [.b2b]
        let error = await #expect(throws: AccountError.self) { try await two.update(stale, expectedRevision: 1) }
        #expect(error?.code == .conflict)
        let stored = try await two.record(AccountFixtures.customerID(7))
        #expect(stored?.customer.groups == [.vip])
        #expect(stored?.revision == 2)
        await second.close()
        try await database.drop()
    }
}
