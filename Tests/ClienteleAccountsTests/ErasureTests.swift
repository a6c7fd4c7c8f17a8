import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

/// `AccountService.erase(customer:)`: every way in stops working and nothing is found.
@Suite struct ErasureTests {
    @Test func anErasedCustomersSessionsLoginAndRecordsAreGone() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let login = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        try await h.service.recordOrder(OrderReference(
            id: try OrderID(validating: "o-1"), customer: id, placedAt: h.clock.now(), total: try Money(parsing: "10.00", currency: .eur)))
        _ = await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: "wrong password!") }
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl")) != nil)

        try await h.service.erase(customer: id)
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl")) == nil)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) } == .invalidCredentials)
        #expect(try await h.service.customer(id) == nil)
        #expect(try await h.store.orders(of: id, after: nil, limit: 10).isEmpty)
        try await h.service.erase(customer: id)
        // The address is free for a new registration.
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
    }

    @Test func erasureIsAnnounced() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let store = ReferenceAccountStore.inMemory()
        let clock = ManualClock()
        let service = AccountService(store: store, clock: clock, ids: .incrementing(), events: events, hasher: CountingHasher())
        let id = try await service.register(email: "jan@example.nl", password: goodPassword).customer.id
        try await service.erase(customer: id)
        events.finish()
        var names: [String] = []
        for await event in stream { names.append(event.name) }
        #expect(names.last == "accounts.erased")
    }
}
