import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct AccountStateTests {
    func encode(_ state: AccountState) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(state)
    }

    @Test func aSnapshotDecodesToTheSameStateWithItsIndexesRebuilt() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let login = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        _ = try await h.service.requestGuestOrderClaim(for: id)
        let guest = try await h.service.recordGuest(email: "JAN@example.nl")
        for order in AccountFixtures.orders(of: guest.id, count: 3) { try await h.service.recordOrder(order) }
        try await h.service.saveAddress(
            try Address(id: AddressID(rawValue: "home"), recipient: "Jan", lines: ["Dorpsstraat 1"], postalCode: "1234 AB", city: "Utrecht", countryCode: "NL"),
            for: id, asDefaultFor: [.billing])
        _ = await accountErrorCode { _ = try await h.service.login(email: "nobody@example.nl", password: otherPassword) }

        let data = try encode(h.store.state.read { $0 })
        let decoded = try JSONDecoder().decode(AccountState.self, from: data)
        #expect(try encode(decoded) == data)
        let reopened = ReferenceAccountStore(state: .inMemory(decoded))
        let service = AccountService(store: reopened, clock: h.clock, ids: .incrementing(from: 500), hasher: h.hasher)
        #expect(try await service.resumeSession(token: login.token).customer.id == id)
        #expect(try await reopened.guests(emailKey: "jan@example.nl").map(\.customer.id) == [guest.id])
        #expect(try await reopened.orders(of: guest.id, after: nil, limit: 10).count == 3)
        #expect(try await reopened.loginThrottle(key: try LoginThrottleKey(validating: "nobody@example.nl"))?.failures == 1)
        #expect(await accountErrorCode { _ = try await service.register(email: "Jan@Example.nl", password: goodPassword) } == .emailTaken)
        #expect(try await reopened.record(id)?.customer.defaultAddresses == [.billing: AddressID(rawValue: "home")])
    }

    @Test func aSnapshotWithTwoAccountsForOneAddressIsRefused() throws {
        let a = try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "a@example.nl")
        let b = try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "A@example.nl")
        struct Snapshot: Encodable { var records: [AccountRecord]; var orders: [OrderReference] = []; var throttles: [LoginThrottleRecord] = [] }
        let data = try JSONEncoder().encode(Snapshot(records: [a, b]))
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(AccountState.self, from: data) }
    }

    @Test func aRejectedChangeLeavesTheStateUntouched() throws {
        var state = AccountState()
        var record = try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "a@example.nl")
        record.revision = 1
        try state.apply(.insert(record))
        let before = try encode(state)
        var stale = record
        stale.revision = 5
        stale.customer.groups = [.vip]
        #expect(throws: AccountError.self) { try state.apply(.update(stale, expectedRevision: 4)) }
        #expect(try encode(state) == before)
    }
}
