import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// Each retention rule at its boundary, with a manual clock.
@Suite struct RetentionTests {
    static let day: Double = 86_400

    static func hub(_ clock: ManualClock, retention: RetentionPolicy) throws -> CustomerHub {
        let base = try CustomerHubTests.configuration()
        let configuration = try CustomerHubConfiguration(
            consent: base.consent, purposes: base.purposes, triggerPurpose: base.triggerPurpose, profileCatalog: base.profileCatalog,
            birthDateField: base.birthDateField, accounts: base.accounts, profiling: base.profiling, retention: retention)
        return CustomerHub(stores: .inMemory(), configuration: configuration, clock: clock, hasher: try PBKDF2PasswordHasher(iterations: 1))
    }

    @Test func aGuestWithoutOrdersIsErasedWhenItsPeriodEndsNotAMillisecondBefore() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let hub = try Self.hub(clock, retention: try RetentionPolicy(guestsWithoutOrders: .seconds(30 * 86_400), profileHistory: nil))
        let abandoned = try await hub.accounts.recordGuest(email: "abandoned@example.nl").id
        let buyer = try await hub.accounts.recordGuest(email: "buyer@example.nl").id
        try await hub.accounts.recordOrder(try CustomerHubTests.order("b-1", of: buyer, at: start, "10.00"))
        let account = try await hub.accounts.register(email: "account@example.nl", password: CustomerHubTests.password).customer.id
        _ = try await hub.consent.give("newsletter", channel: .email, for: abandoned, context: CollectionContext(source: "checkout"))

        let before = try await hub.purgeExpired(at: start.addingTimeInterval(30 * Self.day - 0.001))
        #expect(before.guestsErased.isEmpty)
        #expect(try await hub.stores.accounts.record(abandoned) != nil)
        let at = try await hub.purgeExpired(at: start.addingTimeInterval(30 * Self.day))
        #expect(at.guestsErased == [abandoned])
        #expect(try await hub.stores.accounts.record(abandoned) == nil)
        #expect(try await hub.consent.ledger(of: abandoned).isEmpty, "erased from every module")
        #expect(try await hub.consent.suppression(emailKey: "abandoned@example.nl") == nil, "retention does not suppress the address")
        #expect(try await hub.stores.accounts.record(buyer) != nil, "a guest with an order is kept")
        #expect(try await hub.stores.accounts.record(account) != nil, "an account is kept")
    }

    @Test func anInactiveCustomerIsErasedAPeriodAfterItsLastActivity() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let hub = try Self.hub(
            clock, retention: try RetentionPolicy(guestsWithoutOrders: nil, inactiveCustomers: .seconds(365 * 86_400), profileHistory: nil))
        let sleeper = try await hub.accounts.register(email: "sleeper@example.nl", password: CustomerHubTests.password).customer.id
        clock.set(to: start.addingTimeInterval(10 * Self.day))
        _ = try await hub.accounts.login(email: "sleeper@example.nl", password: CustomerHubTests.password)
        clock.set(to: start.addingTimeInterval(20 * Self.day))
        try await hub.accounts.recordOrder(try CustomerHubTests.order("s-1", of: sleeper, at: clock.now(), "10.00"))
        let lastActivity = start.addingTimeInterval(20 * Self.day)

        let before = try await hub.purgeExpired(at: lastActivity.addingTimeInterval(365 * Self.day - 0.001))
        #expect(before.inactiveErased.isEmpty, "the order 20 days in is the last activity")
        let at = try await hub.purgeExpired(at: lastActivity.addingTimeInterval(365 * Self.day))
        #expect(at.inactiveErased == [sleeper])
        #expect(try await hub.accounts.orders(of: sleeper).orders.isEmpty)
    }

    @Test func expiredSessionsAndTokensAreRemovedAtTheirExpiry() async throws {
        let clock = ManualClock()
        let hub = try Self.hub(clock, retention: try RetentionPolicy(guestsWithoutOrders: nil, profileHistory: nil))
        let customer = try await hub.accounts.register(email: "s@example.nl", password: CustomerHubTests.password).customer.id
        let login = try await hub.accounts.login(email: "s@example.nl", password: CustomerHubTests.password)
        clock.advance(by: .seconds(3_600))
        let token = try await hub.accounts.requestEmailChange(of: customer, currentPassword: CustomerHubTests.password, newEmail: "t@example.nl")
        let idleEnd = login.session.lastUsedAt.addingTimeInterval(24 * 3_600)
        #expect(token.expiresAt > idleEnd, "the token outlives the session here")

        let before = try await hub.purgeExpired(at: idleEnd.addingTimeInterval(-0.001))
        #expect(before.credentialsPruned == 0)
        #expect(try await hub.stores.accounts.record(customer)?.sessions.count == 1)
        let at = try await hub.purgeExpired(at: idleEnd)
        #expect(at.credentialsPruned == 1)
        let record = try await hub.stores.accounts.record(customer)
        #expect(record?.sessions.isEmpty == true)
        #expect(record?.tokens.count == 1, "the token is still valid")
        _ = try await hub.purgeExpired(at: token.expiresAt)
        #expect(try await hub.stores.accounts.record(customer)?.tokens.isEmpty == true)
    }

    @Test func profileHistoryOlderThanItsPeriodIsDeletedAndValuesStay() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let hub = try Self.hub(clock, retention: try RetentionPolicy(guestsWithoutOrders: nil, profileHistory: .seconds(10 * 86_400)))
        let customer = try await hub.accounts.register(email: "h@example.nl", password: CustomerHubTests.password).customer.id
        _ = try await hub.profiling.submit(["pet": .value(.choice("dog"))], for: customer, at: .accountPage)
        clock.set(to: start.addingTimeInterval(Self.day))
        _ = try await hub.profiling.submit(["pet": .value(.choice("cat"))], for: customer, at: .accountPage)
        #expect(try await hub.profiling.profile(of: customer).history.count == 2)

        let at = try await hub.purgeExpired(at: start.addingTimeInterval(10 * Self.day))
        #expect(at.historyEntriesDeleted == 0, "an entry exactly the period old is kept")
        let after = try await hub.purgeExpired(at: start.addingTimeInterval(10 * Self.day + 0.001))
        #expect(after.historyEntriesDeleted == 1)
        let profile = try await hub.profiling.profile(of: customer)
        #expect(profile.history.count == 1)
        #expect(profile.value(for: "pet") == .choice("cat"))
    }

    @Test func sendRecordsOlderThanTheirPeriodAreDeletedAndTheCountStays() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let hub = try Self.hub(
            clock, retention: try RetentionPolicy(guestsWithoutOrders: nil, profileHistory: nil, sendRecords: .seconds(365 * 86_400)))
        let customer = try await hub.accounts.register(email: "m@example.nl", password: CustomerHubTests.password).customer.id
        _ = try await hub.consent.give("newsletter", channel: .email, for: customer, context: CollectionContext(source: "test"))
        _ = try await hub.consent.decideAndRecordSend(.purpose("newsletter"), channel: .email, for: customer, emailKey: "m@example.nl")
        clock.set(to: start.addingTimeInterval(Self.day))
        _ = try await hub.consent.decideAndRecordSend(.purpose("newsletter"), channel: .email, for: customer, emailKey: "m@example.nl")

        let at = try await hub.purgeExpired(at: start.addingTimeInterval(365 * Self.day))
        #expect(at.sendsDeleted == 0, "a send exactly the period old is kept")
        let after = try await hub.purgeExpired(at: start.addingTimeInterval(365 * Self.day + 0.001))
        #expect(after.sendsDeleted == 1)
        #expect(try await hub.consent.sends(of: customer).count == 1)
        #expect(try await hub.stores.consent.sendCount(for: customer) == 2, "the count stays: the next send is number 2")
        clock.set(to: start.addingTimeInterval(366 * Self.day))
        _ = try await hub.consent.decideAndRecordSend(.purpose("newsletter"), channel: .email, for: customer, emailKey: "m@example.nl")
        #expect(try await hub.consent.sends(of: customer).map(\.sequence) == [1, 2])
    }

    @Test func aPeriodThatIsNotPositiveIsRefused() {
        #expect(throws: SegmentationError.self) { _ = try RetentionPolicy(guestsWithoutOrders: .zero) }
        #expect(throws: SegmentationError.self) { _ = try RetentionPolicy(profileHistory: .seconds(-1)) }
    }
}
