import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ProfileTests {
    func address(_ h: Harness, _ city: String) throws -> Address {
        try Address(
            id: AddressID(using: h.service.ids), recipient: "Jan Jansen", lines: ["Dorpsstraat 1"], postalCode: "1234 AB",
            city: city, countryCode: "NL")
    }

    @Test func addressesHaveDefaultsForBillingAndShipping() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let home = try address(h, "Utrecht")
        let work = try address(h, "Amsterdam")
        try await h.service.saveAddress(home, for: id, asDefaultFor: [.billing, .shipping])
        var customer = try await h.service.saveAddress(work, for: id)
        #expect(customer.defaultAddress(for: .shipping)?.city == "Utrecht")
        customer = try await h.service.setDefaultAddress(work.id, for: .shipping, of: id)
        #expect(customer.defaultAddress(for: .shipping)?.city == "Amsterdam")
        #expect(customer.defaultAddress(for: .billing)?.city == "Utrecht")
        customer = try await h.service.removeAddress(home.id, from: id)
        #expect(customer.defaultAddress(for: .billing) == nil)
        #expect(await accountErrorCode { try await h.service.removeAddress(home.id, from: id) } == .addressNotFound)
    }

    @Test func anIncompleteAddressNamesTheMissingField() {
        let error = #expect(throws: AccountError.self) {
            _ = try Address(id: AddressID(rawValue: "a"), recipient: "Jan", lines: ["Dorpsstraat 1"], postalCode: " ", city: "Utrecht", countryCode: "NL")
        }
        #expect(error?.context.field == "postalCode")
        #expect(throws: AccountError.self) {
            _ = try Address(id: AddressID(rawValue: "a"), recipient: "Jan", lines: ["Dorpsstraat 1"], postalCode: "1234", city: "Utrecht", countryCode: "nl")
        }
    }

    @Test func theShopPutsCustomersInManyGroups() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        try await h.service.addToGroup(.vip, id)
        try await h.service.addToGroup(try CustomerGroup(validating: "wholesale"), id)
        #expect(try await h.service.customer(id)?.groups == [.vip, try CustomerGroup(validating: "wholesale")])
        try await h.service.removeFromGroup(.vip, id)
        try await h.service.setGroups([.b2b], of: id)
        #expect(try await h.service.customer(id)?.groups == [.b2b])
        #expect(throws: CoreError.self) { try CustomerGroup(validating: "VIP customers") }
    }

    @Test func anOrdersInstantIsKeptToTheMillisecond() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        var order = AccountFixtures.orders(of: id, count: 1)[0]
        order.placedAt = Date(timeIntervalSince1970: 1_700_000_000.123_456_7)
        try await h.service.recordOrder(order)
        let stored = try await h.service.orders(of: id).orders
        #expect(stored.map(\.placedAt) == [Date(timeIntervalSince1970: 1_700_000_000.123)].map(StoredInstant.normalized))
        #expect(stored.allSatisfy { StoredInstant.isNormalized($0.placedAt) })
    }

    @Test func myOrdersComeNewestFirstInPages() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let orders = AccountFixtures.orders(of: id, count: 45)
        for order in orders.reversed() { try await h.service.recordOrder(order) }
        var pages: [[OrderReference]] = []
        var cursor: OrderCursor?
        repeat {
            let page = try await h.service.orders(of: id, after: cursor, limit: 20)
            pages.append(page.orders)
            cursor = page.next
        } while cursor != nil
        #expect(pages.map(\.count) == [20, 20, 5])
        #expect(pages.flatMap { $0 } == orders)
        #expect(await accountErrorCode { _ = try await h.service.orders(of: id, limit: 0) } == .invalidPageSize)
        #expect(await accountErrorCode { _ = try await h.service.orders(of: id, limit: 101) } == .invalidPageSize)
        #expect(await accountErrorCode { try await h.service.recordOrder(AccountFixtures.orders(of: AccountFixtures.customerID(404), count: 1)[0]) } == .customerNotFound)
    }

    @Test func changingTheEmailNeedsTheCurrentPasswordAndTheNewMailbox() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        _ = try await h.service.register(email: "taken@example.nl", password: goodPassword)
        #expect(await accountErrorCode { _ = try await h.service.requestEmailChange(of: id, currentPassword: otherPassword, newEmail: "jan@new.nl") } == .wrongPassword)
        #expect(await accountErrorCode { _ = try await h.service.requestEmailChange(of: id, currentPassword: goodPassword, newEmail: "TAKEN@example.nl") } == .emailTaken)
        let token = try await h.service.requestEmailChange(of: id, currentPassword: goodPassword, newEmail: "Jan@New.nl")
        #expect(try await h.service.customer(id)?.email.uniquenessKey == "jan@example.nl")
        let changed = try await h.service.confirmEmailChange(token: token.value, for: id)
        #expect(changed.email.displayForm == "Jan@New.nl")
        #expect(changed.emailVerifiedAt == h.clock.now())
        _ = try await h.service.login(email: "jan@new.nl", password: goodPassword)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) } == .invalidCredentials)
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
    }

    @Test func anEmailChangeLosesARaceForTheAddressCleanly() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let token = try await h.service.requestEmailChange(of: id, currentPassword: goodPassword, newEmail: "wanted@example.nl")
        _ = try await h.service.register(email: "wanted@example.nl", password: goodPassword)
        #expect(await accountErrorCode { _ = try await h.service.confirmEmailChange(token: token.value) } == .emailTaken)
        #expect(try await h.service.customer(id)?.email.uniquenessKey == "jan@example.nl")
    }
}
