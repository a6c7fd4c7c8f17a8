import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct SoftOptInTests {
    @Test func theSoftOptInLifecycle() async throws {
        let harness = try Harness()
        let service = harness.service
        let expiry = harness.clock.now().addingTimeInterval(365 * 86_400)

        // 1. A purchase records a soft opt-in tied to the order and its product categories.
        let recorded = try await service.recordSoftOptIn(
            "newsletter", channel: nil, for: Fixture.alice, order: "O-1001", productCategories: ["coffee", "mugs"],
            expiresAt: expiry)
        #expect(recorded.action == .softOptIn)
        #expect(recorded.softOptIn?.orderReference == "O-1001")

        // 2. Messages about similar products are allowed, and must offer an opt-out.
        harness.advance(days: 7)
        let similar = try await service.decide(
            .purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(similar.basis == .softOptIn(sequence: recorded.sequence, orderReference: "O-1001"))
        #expect(similar.mustOfferOptOut)
        let sms = try await service.decide(.purpose("newsletter"), channel: .sms, for: Fixture.alice, productCategories: ["mugs"])
        #expect(sms.isAllowed, "a soft opt-in without a channel covers SMS too")

        // 3. Other products, or a message that does not say, are not covered.
        let other = try await service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["tea"])
        #expect(other.reason == .noConsent)
        let unstated = try await service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        #expect(unstated.reason == .noConsent)

        // 4. It ends on its expiry date.
        let lapsed = try await service.decide(
            .purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"], at: expiry)
        #expect(lapsed.reason == .expired(at: expiry))

        // 5. The opt-out in a message (an unsubscribe) ends it.
        let token = try service.unsubscribeToken(for: Fixture.alice, purpose: "newsletter", channel: .email)
        let outcome = try await service.unsubscribe(token: token)
        #expect(outcome.record != nil, "a soft opt-in is withdrawn even though no consent was given")
        let afterOptOut = try await service.decide(
            .purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(afterOptOut.reason?.code == "withdrawn")

        // 6. A new order brings a new soft opt-in; an objection ends it for good.
        harness.advance(days: 30)
        try await service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "O-1002", productCategories: ["coffee"])
        let renewed = try await service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(renewed.basis?.name == "softOptIn")
        let objection = try await service.object(for: Fixture.alice, context: Fixture.form)
        let objected = try await service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(objected.reason == .objected(at: objection.at))

        // 7. Soft opt-ins recorded after the objection are ignored.
        harness.advance(days: 30)
        try await service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "O-1003", productCategories: ["coffee"])
        let ignored = try await service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(ignored.reason == .objected(at: objection.at))
    }

    @Test func softOptInNeedsAPurposeThatAllowsItOnElectronicMail() async throws {
        let harness = try Harness()
        do {
            try await harness.service.recordSoftOptIn("offers", channel: .email, for: Fixture.alice, order: "O-1", productCategories: ["coffee"])
            Issue.record("soft opt-in accepted for a purpose that does not allow it")
        } catch let error as ConsentError {
            #expect(error.code == .invalidRequest)
        }
        do {
            try await harness.service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "", productCategories: ["coffee"])
            Issue.record("soft opt-in accepted without an order")
        } catch let error as ConsentError {
            #expect(error.code == .invalidRequest)
            #expect(error.context.field == "order")
        }
        do {
            try await harness.service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "O-1", productCategories: [])
            Issue.record("soft opt-in accepted without categories")
        } catch let error as ConsentError {
            #expect(error.code == .invalidRequest)
        }
        #expect(try await harness.service.ledger(of: Fixture.alice).isEmpty, "nothing half-applied")
    }

    @Test func explicitConsentOutranksASoftOptIn() async throws {
        let harness = try Harness()
        try await harness.service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "O-1", productCategories: ["coffee"])
        try await harness.subscribeToNewsletter()
        let decision = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["coffee"])
        #expect(decision.basis?.name == "consent")
    }
}
