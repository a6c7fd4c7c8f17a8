import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ReceiptAndEvidenceTests {
    @Test func evidenceKeepsSaltedDigestsAndNeverTheRawValues() async throws {
        let harness = try Harness()
        let given = try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let evidence = given.record.evidence
        #expect(evidence.formID == "footer-v2")
        let ip = try #require(evidence.ipAddressDigest)
        #expect(ip.hex.count == 64)
        #expect(Digest256(hex: ip.hex) == ip)
        #expect(ip == EvidenceDigester(salt: [UInt8](repeating: 7, count: 16)).ipAddress("203.0.113.7"))
        #expect(ip != EvidenceDigester(salt: [UInt8](repeating: 8, count: 16)).ipAddress("203.0.113.7"), "the digest depends on the salt")
        #expect(evidence.userAgentDigest != ip)
        let stored = String(decoding: try JSONEncoder().encode(try await harness.service.ledger(of: Fixture.alice)), as: UTF8.self)
        #expect(!stored.contains("203.0.113.7"))
        #expect(!stored.contains("Mozilla"))
    }

    @Test func aReceiptHasHeaderPartiesProcessingAndEvents() async throws {
        let harness = try Harness()
        try await harness.subscribeToNewsletter()
        try await harness.service.give("offers", channel: .sms, for: Fixture.alice, context: Fixture.form)
        let receipt = try await harness.service.receipt(for: Fixture.alice)
        #expect(receipt.header.chainIntact)
        #expect(receipt.header.ledgerHead.count == 3)
        #expect(receipt.header.jurisdiction == "NL")
        #expect(receipt.parties.subject == Fixture.alice)
        #expect(receipt.parties.controller.name == "Voorbeeld Webwinkel B.V.")
        #expect(receipt.events.map(\.action) == [.given, .confirmed, .given])
        let newsletter = try #require(receipt.processing.first { $0.purpose == "newsletter" && $0.channel == .email })
        #expect(newsletter.state == "granted")
        #expect(newsletter.legalBasis == .consent)
        let offersPost = try #require(receipt.processing.first { $0.purpose == "offers" && $0.channel == .post })
        #expect(offersPost.state == "none")
        #expect(!receipt.processing.contains { $0.purpose == "recall" }, "purposes needing no consent are not listed")

        let json = try receipt.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["header", "parties", "processing", "events"])
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"issuedAt\" : \"2026-11-01T00:00:00.000Z\""))
        #expect(text.contains("Kantara Consent Receipt Specification v1.1"))
        #expect(!text.contains("203.0.113.7"))
        #expect(try JSONDecoder().decode(ConsentReceipt.self, from: receipt.jsonDataForDecoding()) == receipt)
    }

    @Test func aProofOfAPastSendShowsTheConsentStateAtSendTime() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 1)
        let (decision, send) = try await harness.service.decideAndRecordSend(
            .purpose("offers"), channel: .email, for: Fixture.alice, reference: "mail-42")
        let sent = try #require(send)
        #expect(sent.ledgerHead == decision.ledgerHead)
        harness.advance(days: 1)
        try await harness.service.withdraw("offers", channel: .email, for: Fixture.alice, context: Fixture.form)

        let proof = try await harness.service.proof(ofSend: sent.id, for: Fixture.alice)
        #expect(proof.holds)
        #expect(proof.records.count == 1)
        #expect(proof.standing?.status.isGranted == true)
        #expect(proof.send.reference == "mail-42")
        let now = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(now.reason?.code == "withdrawn")
    }

    @Test func proofOfAnUnknownSendIsATypedError() async throws {
        let harness = try Harness()
        do {
            _ = try await harness.service.proof(ofSend: UUID(), for: Fixture.alice)
            Issue.record("expected an error")
        } catch let error as ConsentError {
            #expect(error.code == .unknownSend)
        }
    }

    @Test func consentEventsAreEmitted() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let harness = try Harness(events: events)
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        var iterator = stream.makeAsyncIterator()
        let event = try #require(await iterator.next())
        #expect(event.name == "consent.given")
        #expect(event.customer == Fixture.alice)
        #expect(event.attributes["purpose"] == "offers")
        #expect(event.attributes["channel"] == "email")
    }
}

extension ConsentReceipt {
    /// The receipt encoded with the decoder's default date format, for a round trip.
    func jsonDataForDecoding() throws -> Data { try JSONEncoder().encode(self) }
}

@Suite struct RepermissionTests {
    @Test func consentsOlderThanNMonthsAreListed() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        harness.advance(days: 200)
        try await harness.service.give("offers", channel: .email, for: Fixture.bob, context: Fixture.form)
        harness.advance(days: 200)
        let candidates = try await harness.service.repermissionCandidates(olderThanMonths: 12, pageSize: 1)
        #expect(candidates.map(\.customer) == [Fixture.alice])
        #expect(candidates.first?.reasons == [.older])
        #expect(try await harness.service.repermissionCandidates(olderThanMonths: 6).count == 2)
    }

    @Test func aPageSizeBelowOneIsRefused() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        do {
            _ = try await harness.service.repermissionCandidates(olderThanMonths: 0, pageSize: 0)
            Issue.record("a page size of 0 was accepted")
        } catch let error as ConsentError {
            #expect(error.code == .invalidPageSize)
            #expect(error.context.field == "limit")
        }
    }

    @Test func consentsToAVersionThatNeedsNewConsentAreListed() async throws {
        let store = ReferenceConsentStore.inMemory()
        let before = try Harness(store: store)
        try await before.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        try await before.service.give("offers", channel: .sms, for: Fixture.bob, context: Fixture.form)
        var changed = Fixture.offers
        changed.version = 2
        changed.needsNewConsent = true
        let after = try Harness(store: store, catalog: Fixture.catalog(extra: [changed]))
        try await after.service.give("offers", channel: .sms, for: Fixture.bob, context: Fixture.form)
        let candidates = try await after.service.repermissionCandidates(olderThanMonths: 0)
        #expect(candidates.count == 1)
        #expect(candidates.first?.customer == Fixture.alice)
        #expect(candidates.first?.reasons == [.purposeChanged])
        #expect(candidates.first?.currentVersion == 2)
    }
}

@Suite struct PurposeCatalogTests {
    @Test func aDuplicateVersionIsRejected() {
        #expect(throws: ConsentError.self) { _ = try PurposeCatalog([Fixture.offers, Fixture.offers]) }
    }

    @Test func versionsOfAPurposeMustShareCategoryAndBasis() {
        var changed = Fixture.offers
        changed.version = 2
        changed.legalBasis = .legitimateInterest
        #expect(throws: ConsentError.self) { _ = try PurposeCatalog([Fixture.offers, changed]) }
    }

    @Test func aContractPurposeCannotAskForDoubleOptIn() {
        let purpose = Purpose(
            id: "invoices", title: "Invoices", textDigest: "", legalBasis: .contract, category: .service, channels: [.email],
            requiresConfirmation: true)
        #expect(throws: ConsentError.self) { _ = try PurposeCatalog([purpose]) }
    }

    @Test func theNewestVersionIsCurrentAndChangesNeedingConsentAreKnown() throws {
        var second = Fixture.offers
        second.version = 2
        var third = Fixture.offers
        third.version = 3
        third.needsNewConsent = true
        let catalog = try PurposeCatalog([third, Fixture.offers, second])
        #expect(catalog.current("offers")?.version == 3)
        #expect(catalog.needsNewConsent("offers", since: 1))
        #expect(catalog.needsNewConsent("offers", since: 2))
        #expect(!catalog.needsNewConsent("offers", since: 3))
    }

    @Test(arguments: ["", "has space", "a|b", String(repeating: "x", count: 65)])
    func invalidPurposeIDsAreRejected(_ text: String) {
        #expect(PurposeID(rawValue: text) == nil)
        #expect(throws: ConsentError.self) { _ = try PurposeID(validating: text) }
        var purpose = Fixture.offers
        purpose.id = PurposeID(stringLiteral: text)
        #expect(throws: ConsentError.self) { _ = try PurposeCatalog([purpose]) }
    }
}

@Suite struct SuppressionTests {
    @Test func anAddressIsSuppressedByItsUniquenessKeyWhateverItsCase() async throws {
        let harness = try Harness()
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        let typed = try EmailAddress(parsing: " Alice@Example.NL ")
        let entry = try await harness.service.suppress(typed, reason: .erasure)
        #expect(entry.digest == harness.service.suppressionDigest(emailKey: "alice@example.nl"))
        let other = try EmailAddress(parsing: "alice@example.nl")
        let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice, email: other)
        #expect(decision.reason == .suppressed(since: entry.since))
        #expect(try await harness.service.suppression(of: other)?.reason == .erasure)
    }

    @Test func suppressingTwiceKeepsTheFirstEntry() async throws {
        let harness = try Harness()
        let first = try await harness.service.suppress(emailKey: "bob@example.nl", reason: .bounce)
        harness.advance(days: 1)
        let second = try await harness.service.suppress(emailKey: "bob@example.nl", reason: .erasure)
        #expect(second == first)
    }
}

@Suite struct Digest256Tests {
    @Test func hexRoundTripsAndRejectsBadInput() throws {
        let bytes = (0..<32).map { UInt8($0 * 7) }
        let digest = try #require(Digest256(bytes: bytes))
        #expect(digest.bytes == bytes)
        #expect(Digest256(hex: digest.hex) == digest)
        #expect(Digest256(hex: digest.hex.uppercased()) == digest)
        #expect(Digest256(bytes: bytes.dropLast()) == nil)
        #expect(Digest256(hex: String(digest.hex.dropLast())) == nil)
        #expect(Digest256(hex: String(repeating: "g", count: 64)) == nil)
        let json = try JSONEncoder().encode([digest])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(digest.hex)\"]")
        #expect(try JSONDecoder().decode([Digest256].self, from: json) == [digest])
    }

    @Test func theChainUsesSHA256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(Purpose.digest(ofText: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
