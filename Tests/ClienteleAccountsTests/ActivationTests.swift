import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ActivationTests {
    @Test func underTheOpenPolicyARegistrationIsActiveAtOnce() async throws {
        let h = Harness(activation: .open)
        let registration = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        #expect(registration.customer.status == .active)
        #expect(registration.verificationToken == nil)
        _ = try await h.service.login(email: "jan@example.nl", password: goodPassword)
    }

    @Test func underVerifyEmailTheAccountIsPendingUntilTheTokenIsUsed() async throws {
        let h = Harness(activation: .verifyEmail)
        let registration = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        #expect(registration.customer.status == .pending)
        let token = try #require(registration.verificationToken)
        #expect(token.purpose == .verifyEmail)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) } == .invalidCredentials)
        let verified = try await h.service.verifyEmail(token: token.value)
        #expect(verified.status == .active)
        #expect(verified.emailVerifiedAt == h.clock.now())
        #expect(verified.statusLog.last?.reason == "e-mail verified")
        _ = try await h.service.login(email: "jan@example.nl", password: goodPassword)
    }

    @Test func underApprovalTheShopApprovesOrRejectsWithAReasonInTheLog() async throws {
        let h = Harness(activation: .approval, requirements: [KvKNumberValidator()])
        let anna = try await h.service.register(email: "anna@example.nl", password: goodPassword, requirements: ["kvk": "1234 5678"]).customer
        let bert = try await h.service.register(email: "bert@example.nl", password: goodPassword, requirements: ["kvk": "87654321"]).customer
        #expect(anna.status == .pending && bert.status == .pending)
        #expect(anna.requirements == ["kvk": "12345678"])
        let approved = try await h.service.approve(anna.id, actor: "staff-7", note: "KvK checked")
        #expect(approved.status == .active)
        #expect(approved.statusLog.last == StatusChange(from: .pending, to: .active, at: h.clock.now(), reason: "KvK checked", actor: "staff-7"))
        #expect(await accountErrorCode { try await h.service.reject(bert.id, reason: "  ", actor: "staff-7") } == .reasonRequired)
        let rejected = try await h.service.reject(bert.id, reason: "KvK number belongs to another company", actor: "staff-7")
        #expect(rejected.status == .rejected)
        #expect(rejected.statusLog.map(\.reason) == ["registered", "KvK number belongs to another company"])
        _ = try await h.service.login(email: "anna@example.nl", password: goodPassword)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "bert@example.nl", password: goodPassword) } == .invalidCredentials)
        // Verifying the address does not bypass approval.
        let h2 = Harness(activation: .approval)
        let carla = try await h2.service.register(email: "carla@example.nl", password: goodPassword).customer
        let token = try await h2.service.requestEmailVerification(for: carla.id)
        #expect(try await h2.service.verifyEmail(token: token.value).status == .pending)
    }

    @Test func underShopCreatedOnlyCustomersCannotRegisterButTheShopCanCreateAndInvite() async throws {
        let h = Harness(activation: .shopCreatedOnly)
        #expect(await accountErrorCode { _ = try await h.service.register(email: "b2b@example.nl", password: goodPassword) } == .selfRegistrationClosed)
        let guest = try await h.service.recordGuest(email: "b2b@example.nl")
        #expect(await accountErrorCode { _ = try await h.service.convertGuest(guest.id, password: goodPassword) } == .selfRegistrationClosed)
        let created = try await h.service.createAccount(email: "b2b@example.nl", groups: [.b2b], actor: "staff-1")
        #expect(created.status == .active && created.groups == [.b2b])
        #expect(await accountErrorCode { _ = try await h.service.login(email: "b2b@example.nl", password: goodPassword) } == .invalidCredentials)
        let invitation = try await h.service.passwordSetupToken(for: created.id)
        try await h.service.resetPassword(token: invitation.value, newPassword: goodPassword)
        _ = try await h.service.login(email: "b2b@example.nl", password: goodPassword)
    }

    static let allPairs = AccountStatus.allCases.flatMap { from in AccountStatus.allCases.map { (from, $0) } }

    @Test(arguments: allPairs)
    func onlyTheDocumentedTransitionsAreAllowed(_ from: AccountStatus, _ to: AccountStatus) {
        let allowed: Set<String> = [
            "pending>active", "pending>rejected", "pending>closed", "active>suspended", "active>closed",
            "suspended>active", "suspended>closed", "rejected>closed",
        ]
        #expect(from.canChange(to: to) == allowed.contains("\(from.rawValue)>\(to.rawValue)"))
    }

    @Test func forbiddenTransitionsAreRefusedByTheServiceAndChangeNothing() async throws {
        let h = Harness(activation: .approval)
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        #expect(await accountErrorCode { try await h.service.suspend(id, reason: "fraud", actor: "s") } == .forbiddenTransition)
        #expect(await accountErrorCode { try await h.service.reinstate(id, actor: "s") } == .forbiddenTransition)
        try await h.service.approve(id, actor: "s")
        #expect(await accountErrorCode { try await h.service.approve(id, actor: "s") } == .forbiddenTransition)
        #expect(await accountErrorCode { try await h.service.reject(id, reason: "late", actor: "s") } == .forbiddenTransition)
        try await h.service.suspend(id, reason: "chargeback", actor: "s")
        #expect(await accountErrorCode { try await h.service.approve(id, actor: "s") } == .forbiddenTransition)
        try await h.service.reinstate(id, actor: "s")
        try await h.service.close(id, reason: "customer asked", actor: "s")
        let before = try await h.store.record(id)
        for attempt in [
            { try await h.service.approve(id, actor: "s") }, { try await h.service.suspend(id, reason: "x", actor: "s") },
            { try await h.service.reinstate(id, actor: "s") }, { try await h.service.close(id, actor: "s") },
        ] as [@Sendable () async throws -> Customer] {
            #expect(await accountErrorCode { _ = try await attempt() } == .forbiddenTransition)
        }
        #expect(try await h.store.record(id) == before)
        #expect(before?.customer.statusLog.map(\.to) == [.pending, .active, .suspended, .active, .closed])
    }

    @Test func requirementValidatorsRunAtRegistration() async throws {
        let h = Harness(requirements: [KvKNumberValidator(), EUVATNumberValidator()])
        #expect(await accountErrorCode { _ = try await h.service.register(email: "a@example.nl", password: goodPassword, requirements: ["kvk": "12345678"]) } == .requirementMissing)
        let error = await accountError { _ = try await h.service.register(email: "a@example.nl", password: goodPassword, requirements: ["kvk": "1234567", "vat": "NL123456789B01"]) }
        #expect(error?.code == .requirementInvalid)
        #expect(error?.context.field == "kvk")
        let customer = try await h.service.register(email: "a@example.nl", password: goodPassword, requirements: ["kvk": "12.34.56.78", "vat": "nl 1234.56.789.b01"]).customer
        #expect(customer.requirements == ["kvk": "12345678", "vat": "NL123456789B01"])
    }
}
