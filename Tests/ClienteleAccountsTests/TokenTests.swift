import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct TokenTests {
    @Test func aTokenWorksOnceAndIsStoredOnlyAsItsDigest() async throws {
        let h = Harness(activation: .verifyEmail)
        let registration = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        let token = try #require(registration.verificationToken)
        let stored = try #require(try await h.store.record(registration.customer.id)?.tokens.first)
        #expect(stored.digest.hex != token.value)
        #expect(stored.digest.bytes.count == 32)
        #expect(token.value.utf8.count == 43)
        #expect(!token.description.contains(token.value))
        _ = try await h.service.verifyEmail(token: token.value)
        #expect(await accountErrorCode { _ = try await h.service.verifyEmail(token: token.value) } == .invalidToken)
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let reset = try await h.service.passwordSetupToken(for: id)
        #expect(reset.expiresAt == h.clock.now().addingTimeInterval(30 * 60))
        h.clock.advance(by: .seconds(30 * 60))
        #expect(await accountErrorCode { try await h.service.resetPassword(token: reset.value, newPassword: otherPassword) } == .invalidToken)
    }

    @Test func resetTokensNeverLiveLongerThanSixtyMinutes() throws {
        let error = #expect(throws: AccountError.self) { try AccountConfiguration(resetTokenLifetime: .seconds(24 * 3_600)) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.context.field == "resetTokenLifetime")
        #expect(try AccountConfiguration(resetTokenLifetime: .seconds(3_600)).resetTokenLifetime == .seconds(3_600))
    }

    @Test func aTokenOfOneAccountIsRefusedForAnother() async throws {
        let h = Harness()
        let anna = try await h.service.register(email: "anna@example.nl", password: goodPassword).customer.id
        let bert = try await h.service.register(email: "bert@example.nl", password: goodPassword).customer.id
        let annasClaim = try await h.service.requestGuestOrderClaim(for: anna)
        #expect(await accountErrorCode { try await h.service.claimGuestOrders(for: bert, token: annasClaim.value) } == .invalidToken)
        let annasChange = try await h.service.requestEmailChange(of: anna, currentPassword: goodPassword, newEmail: "anna2@example.nl")
        #expect(await accountErrorCode { _ = try await h.service.confirmEmailChange(token: annasChange.value, for: bert) } == .invalidToken)
        // Still usable by its owner afterwards.
        #expect(try await h.service.claimGuestOrders(for: anna, token: annasClaim.value) == 0)
    }

    @Test func aTokenWorksOnlyForItsOwnPurpose() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let verification = try await h.service.requestEmailVerification(for: id)
        #expect(await accountErrorCode { try await h.service.resetPassword(token: verification.value, newPassword: otherPassword) } == .invalidToken)
        #expect(await accountErrorCode { try await h.service.claimGuestOrders(for: id, token: verification.value) } == .invalidToken)
        _ = try await h.service.verifyEmail(token: verification.value)
    }

    @Test(arguments: ["", "garbage", String(repeating: "A", count: 43), String(repeating: "A", count: 10_000)])
    func malformedOrUnknownTokensAreRefusedAlike(_ text: String) async throws {
        let h = Harness()
        #expect(await accountErrorCode { _ = try await h.service.verifyEmail(token: text) } == .invalidToken)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: text) } == .invalidToken)
    }

    @Test func aPasswordChangeInvalidatesEveryOutstandingToken() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let verification = try await h.service.requestEmailVerification(for: id)
        let reset = try await h.service.passwordSetupToken(for: id)
        let claim = try await h.service.requestGuestOrderClaim(for: id)
        try await h.service.changePassword(of: id, current: goodPassword, new: otherPassword)
        #expect(await accountErrorCode { _ = try await h.service.verifyEmail(token: verification.value) } == .invalidToken)
        #expect(await accountErrorCode { try await h.service.resetPassword(token: reset.value, newPassword: goodPassword) } == .invalidToken)
        #expect(await accountErrorCode { try await h.service.claimGuestOrders(for: id, token: claim.value) } == .invalidToken)
    }

    @Test func aResetRequestAnswersTheSameForKnownAndUnknownAddresses() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        let outbox = Outbox()
        try await h.service.requestPasswordReset(email: "JAN@example.nl", send: outbox.send)
        try await h.service.requestPasswordReset(email: "nobody@example.nl", send: outbox.send)
        let sent = await outbox.sent
        #expect(sent.count == 1)
        #expect(sent.first?.1.uniquenessKey == "jan@example.nl")
        let token = try #require(sent.first?.0)
        try await h.service.resetPassword(token: token.value, newPassword: otherPassword)
        _ = try await h.service.login(email: "jan@example.nl", password: otherPassword)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) } == .invalidCredentials)
    }

    @Test func aResetEndsEverySession() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let session = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        let reset = try await h.service.passwordSetupToken(for: id)
        try await h.service.resetPassword(token: reset.value, newPassword: otherPassword)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: session.token) } == .invalidToken)
        #expect(await accountErrorCode { try await h.service.resetPassword(token: reset.value, newPassword: goodPassword) } == .invalidToken)
    }

    @Test func onlyTheNewestTokensOfAPurposeAreKept() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        var tokens: [OneTimeToken] = []
        for _ in 1...7 {
            tokens.append(try await h.service.requestEmailVerification(for: id))
            h.clock.advance(by: .seconds(1))
        }
        #expect(try await h.store.record(id)?.tokens.count == 5)
        #expect(await accountErrorCode { _ = try await h.service.verifyEmail(token: tokens[0].value) } == .invalidToken)
        _ = try await h.service.verifyEmail(token: tokens[6].value)
    }
}

/// Collects reset mails instead of sending them.
actor Outbox {
    var sent: [(OneTimeToken, EmailAddress)] = []

    nonisolated func send(_ token: OneTimeToken, _ to: EmailAddress) async throws {
        await append(token, to)
    }

    private func append(_ token: OneTimeToken, _ to: EmailAddress) {
        sent.append((token, to))
    }
}
