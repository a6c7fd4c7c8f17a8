import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ThrottleTests {
    @Test(arguments: [(5, 0), (6, 1), (7, 2), (8, 4), (10, 16), (14, 256), (15, 512), (16, 900), (40, 900), (1_000, 900)])
    func theDelayDoublesAfterFiveFreeFailuresUpToFifteenMinutes(_ failures: Int, _ seconds: Int) {
        #expect(LoginThrottle().delay(afterFailures: failures) == .seconds(seconds))
    }

    @Test func aThrottleKeyIsTheNormalizedKeyOfAnAddress() throws {
        let key = try LoginThrottleKey(validating: "Jan.Jansen@Example.NL")
        #expect(key == (try LoginThrottleKey(validating: "jan.jansen@example.nl")))
        #expect(key.rawValue == "jan.jansen@example.nl")
        let international = try LoginThrottleKey(validating: "jan@Bücher.example")
        #expect(international.rawValue == "jan@xn--bcher-kva.example")
        #expect(try LoginThrottleKey(validating: international.rawValue) == international)
    }

    @Test(arguments: ["", "x", "jan", "@example.nl", "jan@"])
    func textThatIsNotAnAddressIsNoThrottleKey(_ text: String) throws {
        let error = #expect(throws: AccountError.self) { try LoginThrottleKey(validating: text) }
        #expect(error?.code == .invalidEmail)
        #expect(error?.context.field == "key")
        let stored = try JSONEncoder().encode([text])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LoginThrottleKey].self, from: stored) }
    }

    @Test func aThrottleKeyIsStoredAsItsText() throws {
        let key = try LoginThrottleKey(validating: "jan@example.nl")
        #expect(String(decoding: try JSONEncoder().encode([key]), as: UTF8.self) == #"["jan@example.nl"]"#)
        #expect(try JSONDecoder().decode([LoginThrottleKey].self, from: JSONEncoder().encode([key])) == [key])
    }

    @Test func theScheduleIsEnforcedWithAManualClock() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        for _ in 1...5 {
            #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } == .invalidCredentials)
            h.clock.advance(by: .seconds(1))
        }
        // Sixth failure: from now on a 1-second delay.
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } == .invalidCredentials)
        let sixthAt = h.clock.now()
        h.hasher.reset()
        let throttled = try #require(await accountError { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) })
        #expect(throttled.code == .loginThrottled)
        #expect(throttled.retryAfter == sixthAt.addingTimeInterval(1))
        #expect(h.hasher.work == 0, "a throttled attempt checks no password")
        h.clock.advance(by: .seconds(1))
        // Seventh failure: 2 seconds.
        #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } == .invalidCredentials)
        #expect(await accountError { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) }?.retryAfter == h.clock.now().addingTimeInterval(2))
        h.clock.advance(by: .seconds(2))
        // The right password works once the delay is over, and clears the record.
        _ = try await h.service.login(email: "jan@example.nl", password: goodPassword)
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl")) == nil)
    }

    @Test func attemptsDuringADelayDoNotExtendIt() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        for _ in 1...6 { _ = await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } }
        let record = try #require(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl")))
        for _ in 1...50 {
            #expect(await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } == .loginThrottled)
        }
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl")) == record)
    }

    @Test func noLockLastsLongerThanFifteenMinutesAfterTheLastFailure() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        for _ in 1...60 {
            if let error = await accountError({ _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) }),
                let until = error.retryAfter
            {
                #expect(until <= h.clock.now().addingTimeInterval(900))
            }
            h.clock.advance(by: .seconds(60))
        }
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl"))?.failures ?? 0 > 10)
        // However long the attack went on, the customer is in 15 minutes after it stops.
        h.clock.advance(by: .seconds(900))
        _ = try await h.service.login(email: "jan@example.nl", password: goodPassword)
    }

    @Test func theWindowForgetsFailuresAfterFifteenQuietMinutes() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        for _ in 1...5 { _ = await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } }
        h.clock.advance(by: .seconds(15 * 60))
        _ = await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) }
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "jan@example.nl"))?.failures == 1)
    }

    @Test func anUnknownAddressIsThrottledExactlyLikeAKnownOne() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        for email in ["jan@example.nl", "nobody@example.nl"] {
            var codes: [AccountErrorCode?] = []
            for _ in 1...7 { codes.append(await accountErrorCode { _ = try await h.service.login(email: email, password: otherPassword) }) }
            #expect(codes == Array(repeating: .invalidCredentials, count: 6) + [.loginThrottled], "\(email)")
        }
    }

    @Test func aPasswordResetClearsTheThrottle() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        for _ in 1...8 { _ = await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: otherPassword) } }
        let token = try await h.service.passwordSetupToken(for: id)
        try await h.service.resetPassword(token: token.value, newPassword: otherPassword + "!")
        _ = try await h.service.login(email: "jan@example.nl", password: otherPassword + "!")
    }

    @Test func staleThrottleRecordsArePruned() async throws {
        let h = Harness()
        _ = await accountErrorCode { _ = try await h.service.login(email: "x@example.nl", password: otherPassword) }
        h.clock.advance(by: .seconds(16 * 60))
        try await h.service.pruneLoginThrottles()
        #expect(try await h.store.loginThrottle(key: try LoginThrottleKey(validating: "x@example.nl")) == nil)
    }
}
