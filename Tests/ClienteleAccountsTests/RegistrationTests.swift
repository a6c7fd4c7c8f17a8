import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct RegistrationTests {
    @Test func hundredConcurrentRegistrationsDifferingOnlyInCaseMakeExactlyOneAccount() async throws {
        let h = Harness()
        let base = Array("marie.de.vries@voorbeeld.nl")
        let results = await withTaskGroup(of: AccountErrorCode?.self) { group in
            for index in 0..<100 {
                let email = String(base.enumerated().map { offset, char in (index >> (offset % 7)) & 1 == 1 ? Character(char.uppercased()) : char })
                group.addTask { await accountErrorCode { _ = try await h.service.register(email: email, password: goodPassword) } }
            }
            var codes: [AccountErrorCode?] = []
            for await code in group { codes.append(code) }
            return codes
        }
        #expect(results.filter { $0 == nil }.count == 1)
        #expect(results.filter { $0 == .emailTaken }.count == 99)
        #expect(h.store.state.read { $0.customerCount } == 1)
    }

    @Test func theAccountExistsAfterStepOneWithTheAddressAsTyped() async throws {
        let h = Harness()
        let customer = try await h.service.register(email: "  Jan.Jansen@Example.NL ", password: goodPassword).customer
        #expect(customer.kind == .account)
        #expect(customer.email.displayForm == "Jan.Jansen@Example.NL")
        #expect(try await h.service.account(email: "jan.jansen@example.nl")?.id == customer.id)
        #expect(await accountErrorCode { _ = try await h.service.register(email: "JAN.JANSEN@example.nl", password: otherPassword) } == .emailTaken)
        #expect(await accountErrorCode { _ = try await h.service.register(email: "not-an-address", password: goodPassword) } == .invalidEmail)
        #expect(await accountErrorCode { _ = try await h.service.register(email: "new@example.nl", password: "password") } == .passwordTooCommon)
    }

    @Test func aGuestBecomesAnAccountWithOnlyAPasswordAndKeepsThisCheckoutsOrder() async throws {
        let h = Harness()
        let guest = try await h.service.recordGuest(email: "piet@example.nl")
        let order = try #require(AccountFixtures.orders(of: guest.id, count: 1).first)
        try await h.service.recordOrder(order)
        let registration = try await h.service.convertGuest(guest.id, password: goodPassword)
        #expect(registration.customer.id == guest.id)
        #expect(registration.customer.kind == .account && registration.customer.status == .active)
        #expect(try await h.service.orders(of: guest.id).orders == [order])
        _ = try await h.service.login(email: "piet@example.nl", password: goodPassword)
        #expect(await accountErrorCode { _ = try await h.service.convertGuest(guest.id, password: goodPassword) } == .notAGuest)
    }

    @Test func earlierGuestOrdersAreAttachedOnlyAfterTheMailboxIsProven() async throws {
        let h = Harness()
        let earlier = try await h.service.recordGuest(email: "piet@example.nl")
        for order in AccountFixtures.orders(of: earlier.id, count: 2, newest: h.clock.now().addingTimeInterval(-86_400 * 30), prefix: "old") {
            try await h.service.recordOrder(order)
        }
        let current = try await h.service.recordGuest(email: "Piet@example.nl")
        for order in AccountFixtures.orders(of: current.id, count: 1, prefix: "new") { try await h.service.recordOrder(order) }
        let account = try await h.service.convertGuest(current.id, password: goodPassword).customer
        #expect(try await h.service.orders(of: account.id).orders.map(\.id.rawValue) == ["new-1"])
        let token = try await h.service.requestGuestOrderClaim(for: account.id)
        #expect(token.purpose == .claimGuestOrders)
        #expect(try await h.service.claimGuestOrders(for: account.id, token: token.value) == 2)
        #expect(try await h.service.orders(of: account.id).orders.map(\.id.rawValue) == ["new-1", "old-2", "old-1"])
        #expect(try await h.service.customer(account.id)?.emailVerifiedAt != nil)
        #expect(await accountErrorCode { try await h.service.claimGuestOrders(for: account.id, token: token.value) } == .invalidToken)
    }

    @Test func convertingAGuestWhoseAddressAlreadyHasAnAccountIsRefused() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "piet@example.nl", password: goodPassword)
        let guest = try await h.service.recordGuest(email: "piet@example.nl")
        #expect(await accountErrorCode { _ = try await h.service.convertGuest(guest.id, password: otherPassword) } == .emailTaken)
        #expect(try await h.service.customer(guest.id)?.kind == .guest)
    }

    @Test func aClosedGuestCannotBecomeAnAccount() async throws {
        let h = Harness()
        let guest = try await h.service.recordGuest(email: "piet@example.nl")
        try await h.service.close(guest.id, reason: "erasure request", actor: "staff")
        #expect(await accountErrorCode { _ = try await h.service.convertGuest(guest.id, password: goodPassword) } == .forbiddenTransition)
        #expect(await accountErrorCode { try await h.service.suspend(guest.id, reason: "x", actor: "staff") } == .notAnAccount)
    }

    @Test func underVerifyEmailAConvertedGuestIsPendingWithAToken() async throws {
        let h = Harness(activation: .verifyEmail)
        let guest = try await h.service.recordGuest(email: "piet@example.nl")
        let registration = try await h.service.convertGuest(guest.id, password: goodPassword)
        #expect(registration.customer.status == .pending)
        let token = try #require(registration.verificationToken)
        #expect(try await h.service.verifyEmail(token: token.value).status == .active)
    }

    @Test func closingAnAccountFreesTheAddressForANewOne() async throws {
        let h = Harness()
        let first = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer
        try await h.service.close(first.id, reason: "customer asked", actor: "staff")
        let second = try await h.service.register(email: "jan@example.nl", password: otherPassword).customer
        #expect(second.id != first.id)
    }

    @Test func accountEventsCarryNoPersonalData() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let store = ReferenceAccountStore.inMemory()
        let service = AccountService(store: store, clock: ManualClock(), ids: .incrementing(), events: events, hasher: CountingHasher())
        let customer = try await service.register(email: "jan@example.nl", password: goodPassword).customer
        var iterator = stream.makeAsyncIterator()
        let event = try #require(await iterator.next())
        #expect(event.name == "accounts.registered")
        #expect(event.customer == customer.id)
        #expect(!"\(event)".contains("jan"))
    }
}
