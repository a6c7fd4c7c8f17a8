import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ContactDecisionTests {
    @Test func serviceMessagesAreAllowedOnTheContractWithoutOptOut() async throws {
        let harness = try Harness()
        _ = try await harness.service.suppress(emailKey: "alice@example.nl", reason: .erasure)
        try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        for message in ServiceMessage.allCases {
            let decision = try await harness.service.decide(
                .service(message), channel: .email, for: Fixture.alice, emailKey: "alice@example.nl")
            #expect(decision.basis == .contract)
            #expect(decision.mustOfferOptOut == false)
            #expect(decision.isExempt)
        }
    }

    @Test func aLegalObligationPurposeIsAllowedWithoutConsent() async throws {
        let harness = try Harness()
        let decision = try await harness.service.decide(.purpose("recall"), channel: .post, for: Fixture.alice)
        #expect(decision.basis == .legalObligation)
    }

    @Test func aChannelThePurposeDoesNotCoverIsDenied() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        let decision = try await harness.service.decide(.purpose("offers"), channel: .push, for: Fixture.alice)
        #expect(decision.reason == .channelNotCovered)
    }

    @Test func noConsentIsDenied() async throws {
        let harness = try Harness()
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(decision.reason == .noConsent)
        #expect(decision.isAllowed == false)
    }

    @Test func givenConsentAllowsAndNamesTheRecordItRestsOn() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(minutes: 1)
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(decision.basis == .consent(sequence: given.record.sequence, version: 1, since: given.record.at))
        #expect(decision.mustOfferOptOut)
        #expect(decision.ledgerHead == given.record.head)
    }

    @Test func consentForOneChannelDoesNotCoverAnother() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let decision = try await harness.service.decide(.purpose("offers"), channel: .sms, for: Fixture.alice)
        #expect(decision.reason == .noConsent)
    }

    @Test func refusedConsentIsDeniedWithTheInstant() async throws {
        let harness = try Harness()
        let record = try await harness.service.refuse("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(decision.reason == .refused(at: record.at))
    }

    @Test func withdrawnConsentBlocksTheNextMessage() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 3)
        let record = try await harness.service.withdraw("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let email = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(email.reason == .withdrawn(at: record.at))
        let sms = try await harness.service.decide(.purpose("offers"), channel: .sms, for: Fixture.alice)
        #expect(sms.isAllowed, "withdrawing e-mail leaves the SMS consent in force")
    }

    @Test func expiredConsentIsDenied() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 700)
        let record = try await harness.service.expire("offers", channel: .email, for: Fixture.alice)
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(decision.reason == .expired(at: record.at))
        #expect(record.actor == .system)
    }

    @Test func unconfirmedDoubleOptInAwaitsConfirmationThenExpiresAtItsDeadline() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        let deadline = try #require(given.record.confirmBy)
        #expect(deadline == harness.clock.now().addingTimeInterval(48 * 3600))
        let pending = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        #expect(pending.reason == .awaitingConfirmation(confirmBy: deadline))
        harness.clock.set(to: deadline)
        let lapsed = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        #expect(lapsed.reason == .expired(at: deadline))
    }

    @Test func confirmedDoubleOptInIsAllowed() async throws {
        let harness = try Harness()
        try await harness.subscribeToNewsletter()
        let decision = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        #expect(decision.basis?.name == "consent")
        if case .consent(let sequence, _, _) = decision.basis {
            #expect(sequence == 1, "the confirmation record makes the consent count")
        }
    }

    @Test func suppressedAddressesAreDeniedOnEmailOnly() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        let entry = try await harness.service.suppress(emailKey: "alice@example.nl", reason: .erasure)
        let email = try await harness.service.decide(
            .purpose("offers"), channel: .email, for: Fixture.alice, emailKey: "alice@example.nl")
        #expect(email.reason == .suppressed(since: entry.since))
        let other = try await harness.service.decide(
            .purpose("offers"), channel: .email, for: Fixture.alice, emailKey: "alice.new@example.nl")
        #expect(other.isAllowed)
        let sms = try await harness.service.decide(.purpose("offers"), channel: .sms, for: Fixture.alice, emailKey: "alice@example.nl")
        #expect(sms.isAllowed)
    }

    @Test func anObjectionEndsEveryMarketingBasis() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        try await harness.service.give("recommendations", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(minutes: 5)
        let objection = try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        for (purpose, channel) in [("offers", ContactChannel.email), ("offers", .post), ("reviews", .email)] {
            let decision = try await harness.service.decide(.purpose(PurposeID(stringLiteral: purpose)), channel: channel, for: Fixture.alice)
            #expect(decision.reason == .objected(at: objection.at), "\(purpose) on \(channel)")
        }
        let personalisation = try await harness.service.decide(.purpose("recommendations"), channel: .email, for: Fixture.alice)
        #expect(personalisation.isAllowed, "an objection to direct marketing does not touch personalisation")
    }

    @Test func onlyTheCustomersOwnNewConsentLiftsAnObjection() async throws {
        let harness = try Harness()
        try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        harness.advance(minutes: 1)
        try await harness.service.give(
            "offers", channel: .email, for: Fixture.alice, context: CollectionContext(source: "phone", actor: .shop))
        let byShop = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(byShop.reason?.code == "objected")
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let byCustomer = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(byCustomer.isAllowed)
    }

    @Test func anObjectionStandsUntilANewDoubleOptInIsConfirmed() async throws {
        let harness = try Harness()
        let objection = try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        harness.advance(minutes: 1)
        let given = try await harness.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        try await harness.service.recordSoftOptIn("newsletter", channel: .email, for: Fixture.alice, order: "O-9", productCategories: ["tea"])
        let pending = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, productCategories: ["tea"])
        #expect(pending.reason == .objected(at: objection.at), "an unconfirmed sign-up does not lift the objection")
        try await harness.service.confirm(token: try requireToken(given.confirmationToken), context: Fixture.form)
        let confirmed = try await harness.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice)
        #expect(confirmed.basis?.name == "consent")
    }

    @Test func legitimateInterestHoldsUntilTheCustomerOptsOut() async throws {
        let harness = try Harness()
        let before = try await harness.service.decide(.purpose("reviews"), channel: .email, for: Fixture.alice)
        #expect(before.basis == .legitimateInterest)
        let record = try await harness.service.withdraw("reviews", channel: .email, for: Fixture.alice, context: Fixture.form)
        let after = try await harness.service.decide(.purpose("reviews"), channel: .email, for: Fixture.alice)
        #expect(after.reason == .withdrawn(at: record.at))
    }

    @Test func aNewPurposeVersionThatNeedsNewConsentMakesOldConsentOutdated() async throws {
        let store = ReferenceConsentStore.inMemory()
        let first = try Harness(store: store)
        try await first.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        var minor = Fixture.offers
        minor.version = 2
        let withMinor = try Harness(store: store, catalog: Fixture.catalog(extra: [minor]))
        let stillCovered = try await withMinor.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(stillCovered.isAllowed, "a version that needs no new consent is covered")
        var major = Fixture.offers
        major.version = 3
        major.needsNewConsent = true
        let withMajor = try Harness(store: store, catalog: Fixture.catalog(extra: [minor, major]))
        let outdated = try await withMajor.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(outdated.reason == .consentOutdated(givenVersion: 1, currentVersion: 3))
        #expect(outdated.purposeVersion == 3)
    }

    @Test func aQuietPeriodDeniesAndServiceMessagesIgnoreIt() async throws {
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let evening = QuietPeriod(name: "evening-sms", channels: [.sms], startMinute: 21 * 60, endMinute: 8 * 60, timeZone: amsterdam)
        let harness = try Harness(configuration: Fixture.configuration(policy: ContactPolicy(quietPeriods: [evening])))
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        // The clock starts at 2026-11-01T00:00Z = 01:00 in Amsterdam (CET).
        let night = try await harness.service.decide(.purpose("offers"), channel: .sms, for: Fixture.alice)
        #expect(night.reason == .quietPeriod(evening))
        let email = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(email.isAllowed)
        let shipping = try await harness.service.decide(.service(.shipping), channel: .sms, for: Fixture.alice)
        #expect(shipping.isAllowed)
    }

    @Test(arguments: [
        (minutesAfterMidnightUTC: 6 * 60 + 59, silenced: true),  // 07:59 CET
        (minutesAfterMidnightUTC: 7 * 60, silenced: false),  // 08:00 CET: the period has ended
        (minutesAfterMidnightUTC: 19 * 60 + 59, silenced: false),  // 20:59 CET
        (minutesAfterMidnightUTC: 20 * 60, silenced: true),  // 21:00 CET: the period starts
    ])
    func quietPeriodsAreHalfOpenInLocalTime(minutesAfterMidnightUTC: Int, silenced: Bool) throws {
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let evening = QuietPeriod(name: "evening", startMinute: 21 * 60, endMinute: 8 * 60, timeZone: amsterdam)
        let instant = ManualClock.defaultStart.addingTimeInterval(Double(minutesAfterMidnightUTC * 60))
        #expect(evening.contains(instant, channel: .email) == silenced)
    }

    @Test func quietPeriodsCanBeLimitedToWeekdays() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let sunday = QuietPeriod(name: "sunday", startMinute: 0, endMinute: 0, weekdays: [1], timeZone: utc)
        #expect(sunday.contains(ManualClock.defaultStart, channel: .email), "2026-11-01 is a Sunday")
        #expect(!sunday.contains(ManualClock.defaultStart.addingTimeInterval(86_400), channel: .email))
    }

    @Test func aDecisionForAPastInstantIgnoresLaterRecords() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 1)
        try await harness.service.withdraw("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let then = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice, at: given.record.at)
        #expect(then.isAllowed)
        #expect(then.ledgerHead.count == 1)
    }

    @Test func anUnknownPurposeIsATypedError() async throws {
        let harness = try Harness()
        await #expect(throws: ConsentError.self) {
            _ = try await harness.service.decide(.purpose("nope"), channel: .email, for: Fixture.alice)
        }
        do {
            _ = try await harness.service.give("nope", channel: .email, for: Fixture.alice, context: Fixture.form)
            Issue.record("expected an error")
        } catch let error as ConsentError {
            #expect(error.code == .unknownPurpose)
            #expect(error.context.item == "nope")
        }
    }

    @Test func consentCannotBeRecordedForAPurposeOnLegalObligation() async throws {
        let harness = try Harness()
        do {
            _ = try await harness.service.give("recall", channel: .email, for: Fixture.alice, context: Fixture.form)
            Issue.record("expected an error")
        } catch let error as ConsentError {
            #expect(error.code == .invalidRequest)
        }
    }
}
