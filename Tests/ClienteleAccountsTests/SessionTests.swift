import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct SessionTests {
    func loggedIn(_ h: Harness) async throws -> (CustomerID, LoginSession) {
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        return (id, try await h.service.login(email: "jan@example.nl", password: goodPassword))
    }

    @Test func aSessionEndsAfterItsIdleTimeout() async throws {
        let h = Harness()
        let (_, login) = try await loggedIn(h)
        h.clock.advance(by: .seconds(23 * 3_600))
        _ = try await h.service.resumeSession(token: login.token)
        h.clock.advance(by: .seconds(23 * 3_600))
        _ = try await h.service.resumeSession(token: login.token)
        h.clock.advance(by: .seconds(24 * 3_600))
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
    }

    @Test func aSessionEndsAtItsAbsoluteExpiryHoweverOftenItIsUsed() async throws {
        let h = Harness()
        let (_, login) = try await loggedIn(h)
        #expect(login.absoluteExpiry == h.clock.now().addingTimeInterval(30 * 24 * 3_600))
        for _ in 1..<30 {
            h.clock.advance(by: .seconds(24 * 3_600 - 60))
            _ = try await h.service.resumeSession(token: login.token)
        }
        h.clock.set(to: login.absoluteExpiry)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
    }

    @Test func useIsRecordedAtMostOncePerTouchInterval() async throws {
        let h = Harness()
        let (id, login) = try await loggedIn(h)
        let revision = try #require(try await h.store.record(id)?.revision)
        h.clock.advance(by: .seconds(60))
        _ = try await h.service.resumeSession(token: login.token)
        #expect(try await h.store.record(id)?.revision == revision)
        h.clock.advance(by: .seconds(300))
        #expect(try await h.service.resumeSession(token: login.token).session.lastUsedAt == h.clock.now())
    }

    @Test func sessionsAreListedAndRevokedPerCustomer() async throws {
        let h = Harness()
        let (id, first) = try await loggedIn(h)
        h.clock.advance(by: .seconds(10))
        let second = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        let listed = try await h.service.sessions(of: id)
        #expect(listed.map(\.id) == [second.session.id, first.session.id])
        try await h.service.revokeSession(first.session.id, of: id)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: first.token) } == .invalidToken)
        _ = try await h.service.resumeSession(token: second.token)
        try await h.service.logout(token: second.token)
        #expect(try await h.service.sessions(of: id).isEmpty)
        let third = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        try await h.service.revokeAllSessions(of: id)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: third.token) } == .invalidToken)
    }

    @Test func aPasswordChangeEndsEverySession() async throws {
        let h = Harness()
        let (id, login) = try await loggedIn(h)
        #expect(await accountErrorCode { try await h.service.changePassword(of: id, current: otherPassword, new: otherPassword + "!") } == .wrongPassword)
        _ = try await h.service.resumeSession(token: login.token)
        try await h.service.changePassword(of: id, current: goodPassword, new: otherPassword)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
    }

    @Test func suspensionAndClosureEndEverySession() async throws {
        let h = Harness()
        let (id, login) = try await loggedIn(h)
        try await h.service.suspend(id, reason: "chargeback", actor: "staff")
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
        try await h.service.reinstate(id, actor: "staff")
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: login.token) } == .invalidToken)
        let again = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        try await h.service.close(id, actor: "staff")
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: again.token) } == .invalidToken)
        #expect(try await h.store.record(id)?.sessions.isEmpty == true)
    }

    @Test func aCustomerKeepsAtMostTheConfiguredNumberOfSessions() async throws {
        let h = Harness(configuration: AccountConfiguration(sessions: try SessionPolicy(maximumSessionsPerCustomer: 3)))
        let (id, first) = try await loggedIn(h)
        for _ in 1...3 {
            h.clock.advance(by: .seconds(1))
            _ = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        }
        #expect(try await h.service.sessions(of: id).count == 3)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: first.token) } == .invalidToken)
    }
}
