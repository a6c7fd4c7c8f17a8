import ClienteleConsent
import ClienteleConsentTesting
import ClienteleCore
import ClientelePostgres
import Foundation
import PostgresNIO
import Testing

@Suite(.serialized, .disabled(if: TestServer.skipped, "CLIENTELE_PG_SKIP=1"))
struct ConsentStoreConformanceTests {
    @Test(arguments: ConsentStoreConformance.Check.allCases)
    func thePostgresConsentStoreConforms(_ check: ConsentStoreConformance.Check) async throws {
        try await ConsentStoreConformance(
            makeStore: { PostgresConsentStore(client: try await TestDatabase.create().client) },
            reopen: { store in PostgresConsentStore(client: try await TestDatabase.reopen(store.client)) },
            tearDown: { store in try await TestDatabase.drop(store.client) }
        ).run(check)
    }

    /// The database itself refuses to rewrite or delete ledger rows: only the store's
    /// erasure transaction may delete them.
    @Test func theLedgerRefusesUpdatesAndDeletesOutsideErasure() async throws {
        let database = try await TestDatabase.create()
        let store = PostgresConsentStore(client: database.client)
        let customer = ConsentFixtures.customerID("ledger")
        for record in ConsentFixtures.ledger(of: customer, count: 3) { try await store.append(record) }

        for statement in [
            "UPDATE consent_records SET action = 'given'",
            "UPDATE consent_records SET hash = previous_hash WHERE sequence = 2",
            "DELETE FROM consent_records WHERE sequence = 2",
            "TRUNCATE consent_records",
        ] {
            let error = await #expect(throws: PSQLError.self, "\(statement)") {
                try await database.rows(PostgresQuery(unsafeSQL: statement))
            }
            #expect(error?.serverInfo?[.message]?.contains("append-only") == true, "\(statement)")
        }
        #expect(try await store.records(for: customer) == ConsentFixtures.ledger(of: customer, count: 3))

        try await store.erase(customer: customer)
        #expect(try await store.records(for: customer).isEmpty)
        // The erasure's setting was local to its transaction.
        try await store.append(ConsentFixtures.ledger(of: customer, count: 1)[0])
        await #expect(throws: PSQLError.self) {
            try await database.rows("DELETE FROM consent_records")
        }
        try await database.drop()
    }

    /// Two app servers append to one customer's ledger at once (four writers on each),
    /// re-reading and resealing on every conflict as the consent service does: the ledger
    /// ends gap-free and verifies. (With appends as single statements this ran both pools
    /// dry and waited for ever, until `PostgresClient.rows` leased its connection itself:
    /// the time limit turns such a hang into a failure.)
    @Test(.timeLimit(.minutes(2)))  // a guard against a hang, not a speed check: it takes about 10 s
    func twoAppServersAppendingToOneLedgerLeaveAValidChain() async throws {
        let database = try await TestDatabase.create()
        let second = try database.secondClient()
        let servers = [PostgresConsentStore(client: database.client), PostgresConsentStore(client: second.client)]
        let customer = ConsentFixtures.customerID("busy")
        let writers = 8
        let appendsPerWriter = 25
        let appends = writers * appendsPerWriter
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let store = servers[writer % 2]
                    for number in 0..<appendsPerWriter {
                        let index = writer * appendsPerWriter + number
                        while true {
                            let ledger = try await store.records(for: customer)
                            let record = ConsentRecord(sealing: ConsentFixtures.entry(index), customer: customer, after: ledger.last)
                            do {
                                try await store.append(record)
                                break
                            } catch let error as ConsentError where error.code == .conflict {
                                continue
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let ledger = try await servers[0].records(for: customer)
        #expect(ledger.count == appends)
        #expect(ledger.map(\.sequence) == Array(0..<appends))
        #expect(Set(ledger.map(\.id)).count == appends)
        #expect(LedgerChain.verify(ledger, of: customer).isIntact)
        await second.close()
        try await database.drop()
    }
}
