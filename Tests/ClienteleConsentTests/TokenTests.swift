import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct UnsubscribeTokenTests {
    @Test func aOneClickTokenWithdrawsConsentWithoutLogin() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let token = try harness.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        #expect(!token.contains("alice"), "the customer ID is encoded, not readable in the URL")
        harness.advance(days: 10)
        let outcome = try await harness.service.unsubscribe(
            token: token, context: CollectionContext(source: "list-unsubscribe-post", ipAddress: "198.51.100.1"))
        let record = try #require(outcome.record)
        #expect(record.action == .withdrawn)
        #expect(record.actor == .customer)
        #expect(record.channel == .email)
        #expect(outcome.link == UnsubscribeLink(customer: Fixture.alice, purpose: "offers", channel: .email, expiresAt: nil, keyID: "k1"))
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(decision.reason == .withdrawn(at: record.at))
    }

    @Test func usingATokenTwiceChangesNothing() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let token = try harness.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        try await harness.service.unsubscribe(token: token)
        let again = try await harness.service.unsubscribe(token: token)
        #expect(again.record == nil)
        #expect(try await harness.service.ledger(of: Fixture.alice).count == 2)
    }

    @Test func aTamperedTokenIsRejected() async throws {
        let harness = try Harness()
        let token = try harness.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        let parts = token.split(separator: ".").map(String.init)
        // Re-encode the payload for another customer, keeping the signature.
        let payload = try #require(Data(base64Encoded: base64(parts[0])))
        let forgedPayload = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "alice", with: "bob")
        let forged = base64url(Data(forgedPayload.utf8)) + "." + parts[1]
        try expectError(.tamperedToken) { _ = try harness.service.verifyUnsubscribeToken(forged) }
        // Flip one character of the signature.
        var signature = Array(parts[1])
        signature[3] = signature[3] == "A" ? "B" : "A"
        try expectError(.tamperedToken) { _ = try harness.service.verifyUnsubscribeToken(parts[0] + "." + String(signature)) }
        // Shorten the signature to 30 bytes (still valid base64url).
        try expectError(.tamperedToken) { _ = try harness.service.verifyUnsubscribeToken(parts[0] + "." + parts[1].dropLast(3)) }
        // A signature cut off mid-character is not base64url at all.
        try expectError(.malformedToken) { _ = try harness.service.verifyUnsubscribeToken(parts[0] + "." + parts[1].dropLast(4)) }
        let ledger = try await harness.service.ledger(of: Fixture.bob)
        #expect(ledger.isEmpty)
    }

    @Test func aTokenSignedWithAnotherSecretUnderTheSameKeyIDIsForged() throws {
        let attacker = try Harness(configuration: Fixture.configuration(keys: TokenKeyRing(signingKey: Fixture.key("k1", fill: 9))))
        let forged = try attacker.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        let shop = try Harness()
        try expectError(.tamperedToken) { _ = try shop.service.verifyUnsubscribeToken(forged) }
    }

    @Test(arguments: ["", "abc", "a.b.c", "!!!.???", String(repeating: "A", count: 5000)])
    func garbageIsAMalformedToken(_ text: String) throws {
        let harness = try Harness()
        try expectError(.malformedToken) { _ = try harness.service.verifyUnsubscribeToken(text) }
    }

    @Test func aConfirmationTokenIsNoUnsubscribeToken() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        try expectError(.malformedToken) { _ = try harness.service.verifyUnsubscribeToken(try requireToken(given.confirmationToken)) }
    }

    @Test func anExpiringTokenWorksUntilJustBeforeItsExpiry() async throws {
        let configuration = try Fixture.configuration(unsubscribeValidity: .seconds(30 * 86_400))
        let harness = try Harness(configuration: configuration)
        let issued = harness.clock.now()
        let token = try harness.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        harness.clock.set(to: issued.addingTimeInterval(30 * 86_400 - 0.001))
        let link = try harness.service.verifyUnsubscribeToken(token)
        #expect(link.expiresAt == issued.addingTimeInterval(30 * 86_400))
        harness.clock.set(to: issued.addingTimeInterval(30 * 86_400))
        try expectError(.expiredToken) { _ = try harness.service.verifyUnsubscribeToken(token) }
        await #expect(throws: ConsentError.self) { try await harness.service.unsubscribe(token: token) }
        #expect(try await harness.service.ledger(of: Fixture.alice).isEmpty)
    }

    @Test func keyRotationKeepsOldLinksWorkingUntilTheOldKeyIsDropped() async throws {
        let store = ReferenceConsentStore.inMemory()
        let before = try Harness(store: store)
        try await before.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let oldToken = try before.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)

        let rotated = try Harness(
            store: store,
            configuration: Fixture.configuration(
                keys: TokenKeyRing(signingKey: Fixture.key("k2", fill: 2), verificationKeys: [Fixture.key("k1", fill: 1)])))
        let newToken = try rotated.service.unsubscribeToken(for: Fixture.alice, purpose: "offers", channel: .email)
        #expect(try rotated.service.verifyUnsubscribeToken(newToken).keyID == "k2")
        #expect(try rotated.service.verifyUnsubscribeToken(oldToken).keyID == "k1")

        let dropped = try Harness(
            store: store, configuration: Fixture.configuration(keys: TokenKeyRing(signingKey: Fixture.key("k2", fill: 2))))
        try expectError(.unknownTokenKey) { _ = try dropped.service.verifyUnsubscribeToken(oldToken) }
        #expect(try dropped.service.verifyUnsubscribeToken(newToken).customer == Fixture.alice)
        let outcome = try await dropped.service.unsubscribe(token: newToken)
        #expect(outcome.record?.action == .withdrawn)
    }

    @Test func keysNeedAValidIDAndALongSecret() {
        #expect(throws: ConsentError.self) { _ = try TokenKey(id: "k|1", secret: [UInt8](repeating: 1, count: 32)) }
        #expect(throws: ConsentError.self) { _ = try TokenKey(id: "k1", secret: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: ConsentError.self) {
            _ = try TokenKeyRing(signingKey: Fixture.key("k1", fill: 1), verificationKeys: [Fixture.key("k1", fill: 2)])
        }
        #expect((try? Fixture.key("k1", fill: 1))?.description == "TokenKey(k1)")
    }
}

@Suite struct DoubleOptInTests {
    @Test func aConfirmationTokenConfirmsOnceAndIsIdempotent() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        let token = try requireToken(given.confirmationToken)
        harness.advance(minutes: 30)
        let confirmed = try await harness.service.confirm(token: token, context: CollectionContext(source: "confirmation-link"))
        #expect(confirmed.action == .confirmed)
        #expect(confirmed.confirms == given.record.sequence)
        let again = try await harness.service.confirm(token: token, context: CollectionContext(source: "confirmation-link"))
        #expect(again == confirmed)
        let standing = try await harness.service.standing(of: Fixture.alice, purpose: "newsletter", channel: .email)
        #expect(standing.status == .granted(since: confirmed.at, version: 1, sequence: confirmed.sequence))
    }

    @Test func aConfirmationAfterTheDeadlineIsExpired() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 2)
        do {
            try await harness.service.confirm(token: try requireToken(given.confirmationToken), context: Fixture.form)
            Issue.record("an expired confirmation was accepted")
        } catch let error as ConsentError {
            #expect(error.code == .expiredToken)
        }
    }

    @Test func aWithdrawnSignUpCannotBeConfirmedAnymore() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        try await harness.service.withdraw("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        do {
            try await harness.service.confirm(token: try requireToken(given.confirmationToken), context: Fixture.form)
            Issue.record("a withdrawn consent was confirmed")
        } catch let error as ConsentError {
            #expect(error.code == .notPending)
        }
    }

    @Test func aTamperedConfirmationTokenIsRejected() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        let token = try requireToken(given.confirmationToken)
        var characters = Array(token)
        let middle = characters.count - 20  // inside the signature, away from base64 padding bits
        characters[middle] = characters[middle] == "A" ? "B" : "A"
        let tampered = String(characters)
        do {
            try await harness.service.confirm(token: tampered, context: Fixture.form)
            Issue.record("a tampered confirmation was accepted")
        } catch let error as ConsentError {
            #expect(error.code == .tamperedToken)
        }
    }

    @Test func consentWithoutDoubleOptInHasNoToken() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        #expect(given.confirmationToken == nil)
        #expect(given.record.confirmBy == nil)
    }
}

func expectError(_ code: ConsentErrorCode, _ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    do {
        try body()
        Issue.record("expected \(code), got success", sourceLocation: sourceLocation)
    } catch let error as ConsentError {
        #expect(error.code == code, sourceLocation: sourceLocation)
        #expect(!error.message.contains("alice"), "messages carry no personal data", sourceLocation: sourceLocation)
    }
}

func base64(_ base64url: String) -> String {
    var text = base64url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    return text
}

func base64url(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
