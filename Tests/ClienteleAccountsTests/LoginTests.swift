import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct LoginTests {
    @Test func anActiveAccountLogsInWithANewRandomSessionToken() async throws {
        let h = Harness()
        let account = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer
        let first = try await h.service.login(email: "JAN@example.nl", password: goodPassword)
        let second = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        #expect(first.customer.id == account.id)
        #expect(first.token != second.token)
        #expect(first.token.utf8.count == 43)
        let stored = try #require(try await h.store.record(account.id))
        #expect(stored.sessions.count == 2)
        #expect(!stored.sessions.contains { $0.digest.hex.contains(first.token) })
        #expect(first.description.contains(first.token) == false)
    }

    @Test func loggingInAgainRevokesTheSessionItReplaces() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        let first = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        let second = try await h.service.login(email: "jan@example.nl", password: goodPassword, replacing: first.token)
        #expect(await accountErrorCode { _ = try await h.service.resumeSession(token: first.token) } == .invalidToken)
        #expect(try await h.service.resumeSession(token: second.token).customer.id == second.customer.id)
    }

    @Test func unknownEmailWrongPasswordAndInactiveAccountFailAlikeAndCostOneHashEach() async throws {
        let h = Harness(activation: .approval)
        _ = try await h.service.register(email: "pending@example.nl", password: goodPassword)
        _ = try await h.service.createAccount(email: "active@example.nl", password: goodPassword, actor: "staff")
        var messages: Set<String> = []
        for (email, password) in [("nobody@example.nl", goodPassword), ("active@example.nl", otherPassword), ("pending@example.nl", goodPassword)] {
            h.hasher.reset()
            let error = try #require(await accountError { _ = try await h.service.login(email: email, password: password) })
            #expect(error.code == .invalidCredentials)
            #expect(h.hasher.work == 1, "\(email): exactly one hash")
            #expect(h.hasher.verifications == 1)
            messages.insert(error.description)
        }
        #expect(messages.count == 1)
    }

    @Test func aGuestAddressAndAMalformedAddressAlsoCostOneHash() async throws {
        let h = Harness()
        _ = try await h.service.recordGuest(email: "guest@example.nl")
        for email in ["guest@example.nl", "not an address"] {
            h.hasher.reset()
            #expect(await accountErrorCode { _ = try await h.service.login(email: email, password: goodPassword) } == .invalidCredentials)
            #expect(h.hasher.work == 1)
        }
    }

    @Test func anOutdatedHashIsReplacedAtLogin() async throws {
        let h = Harness(hasher: CountingHasher(iterations: 1))
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        let oldHash = try #require(try await h.store.record(id)?.credentials?.passwordHash)
        #expect(oldHash.contains("$i=1$"))
        let stronger = h.with(configuration: h.service.configuration, hasher: try PBKDF2PasswordHasher(iterations: 3))
        _ = try await stronger.login(email: "jan@example.nl", password: goodPassword)
        let newHash = try #require(try await h.store.record(id)?.credentials?.passwordHash)
        #expect(newHash.contains("$i=3$"))
        _ = try await stronger.login(email: "jan@example.nl", password: goodPassword)
        #expect(try await h.store.record(id)?.credentials?.passwordHash == newHash)
    }

    @Test func anOverlongPasswordFailsWithoutBeingHashed() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        h.hasher.reset()
        let huge = String(repeating: "x", count: 100_000)
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: huge) } == .invalidCredentials)
        #expect(h.hasher.work == 0)
    }
}
