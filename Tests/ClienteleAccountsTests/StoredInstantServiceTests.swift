import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct StoredInstantServiceTests {
    @Test func aClockWithSubMillisecondPartsIsStoredAtMillisecondPrecision() async throws {
        let store = ReferenceAccountStore.inMemory()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_793_491_200.123_456_7))
        let service = AccountService(
            store: store, clock: clock, ids: .incrementing(), configuration: AccountConfiguration(activation: .verifyEmail),
            hasher: CountingHasher())
        let registration = try await service.register(email: "Jan@Example.nl", password: goodPassword)
        let record = try #require(try await store.record(registration.customer.id))
        let changedAt = try #require(record.credentials?.changedAt)
        let tokenInstants: [Date] = record.tokens.flatMap { token -> [Date] in [token.issuedAt, token.expiresAt] }
        let instants: [Date] = [record.customer.createdAt, changedAt] + record.customer.statusLog.map(\.at) + tokenInstants
        #expect(instants.count >= 5)
        #expect(instants.allSatisfy(StoredInstant.isNormalized))
        #expect(record.customer.createdAt == StoredInstant.date(milliseconds: 1_793_491_200_123))
    }
}
