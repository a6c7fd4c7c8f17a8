import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct FrequencyCapTests {
    let day = Duration.seconds(86_400)

    func harness(_ caps: [FrequencyCap]) async throws -> Harness {
        let harness = try Harness(configuration: Fixture.configuration(policy: ContactPolicy(frequencyCaps: caps)))
        try await harness.service.give("offers", channel: nil, for: Fixture.alice, context: Fixture.form)
        return harness
    }

    @Test func theWindowExcludesASendExactlyOneWindowAgo() async throws {
        let harness = try await harness([FrequencyCap(channel: .email, limit: 2, window: day)])
        let start = harness.clock.now()
        let first = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(first.send != nil)
        harness.advance(minutes: 60)
        let second = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(second.send != nil)

        let cap = FrequencyCap(channel: .email, limit: 2, window: day)
        let boundary = start.addingTimeInterval(86_400)
        let justBefore = try await harness.service.decide(
            .purpose("offers"), channel: .email, for: Fixture.alice, at: boundary.addingTimeInterval(-0.001))
        #expect(justBefore.reason == .frequencyCapReached(cap: cap, sent: 2, allowedAgainAt: boundary))
        let exactly = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice, at: boundary)
        #expect(exactly.isAllowed, "the window is (t − w, t]: the send at t − w no longer counts")
    }

    @Test func aSendAtTheDecisionInstantCounts() async throws {
        let harness = try await harness([FrequencyCap(channel: .email, limit: 1, window: day)])
        _ = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .email, for: Fixture.alice)
        let same = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(same.reason?.code == "frequencyCapReached")
    }

    @Test func allowedAgainAtNamesWhenEnoughSendsLeaveTheWindow() async throws {
        let harness = try await harness([FrequencyCap(limit: 2, window: .seconds(3600))])
        let start = harness.clock.now()
        for _ in 0..<3 {
            let decision = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
            if decision.isAllowed { try await harness.service.recordSend(decision) }
            harness.advance(minutes: 10)
        }
        // Sends at +0 and +10 min; the third attempt at +20 was capped.
        let capped = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        guard case .frequencyCapReached(_, let sent, let allowedAgainAt) = capped.reason else {
            Issue.record("expected a cap, got \(String(describing: capped.reason))")
            return
        }
        #expect(sent == 2)
        #expect(allowedAgainAt == start.addingTimeInterval(3600))
    }

    @Test func capsCountPerChannelAndPerKind() async throws {
        let harness = try await harness([
            FrequencyCap(channel: .sms, limit: 1, window: day),
            FrequencyCap(purpose: "offers", limit: 2, window: day),
        ])
        _ = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .sms, for: Fixture.alice)
        let sms = try await harness.service.decide(.purpose("offers"), channel: .sms, for: Fixture.alice)
        #expect(sms.reason?.code == "frequencyCapReached")
        let email = try await harness.service.decideAndRecordSend(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(email.send != nil, "the SMS cap does not count e-mail")
        let third = try await harness.service.decide(.purpose("offers"), channel: .post, for: Fixture.alice)
        guard case .frequencyCapReached(let cap, 2, _) = third.reason else {
            Issue.record("expected the per-purpose cap, got \(String(describing: third.reason))")
            return
        }
        #expect(cap.purpose == "offers")
        let reviews = try await harness.service.decide(.purpose("reviews"), channel: .email, for: Fixture.alice)
        #expect(reviews.isAllowed, "the offers cap does not count reviews")
    }

    @Test func serviceMessagesAreNeitherCappedNorCounted() async throws {
        let harness = try await harness([FrequencyCap(channel: .email, limit: 1, window: day)])
        for message in [ServiceMessage.orderConfirmation, .invoice, .shipping] {
            let result = try await harness.service.decideAndRecordSend(.service(message), channel: .email, for: Fixture.alice)
            #expect(result.send != nil)
        }
        let marketing = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        #expect(marketing.isAllowed)
        #expect(try await harness.service.sends(of: Fixture.alice).count == 3)
    }

    @Test func aCapOfZeroForbidsTheMessagesItMatches() async throws {
        let harness = try await harness([FrequencyCap(channel: .post, limit: 0, window: day)])
        let post = try await harness.service.decide(.purpose("offers"), channel: .post, for: Fixture.alice)
        #expect(post.reason == .frequencyCapReached(cap: FrequencyCap(channel: .post, limit: 0, window: day), sent: 0, allowedAgainAt: nil))
    }

    @Test func aStaleDecisionCannotBeRecorded() async throws {
        let harness = try await harness([FrequencyCap(channel: .email, limit: 1, window: day)])
        let first = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        let second = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        try await harness.service.recordSend(first)
        do {
            try await harness.service.recordSend(second)
            Issue.record("a stale decision was recorded")
        } catch let error as ConsentError {
            #expect(error.code == .conflict)
        }
    }

    @Test func concurrentSendersNeverExceedACap() async throws {
        let harness = try await harness([FrequencyCap(channel: .email, limit: 5, window: day)])
        let service = harness.service
        let sent = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await service.decideAndRecordSend(.purpose("offers"), channel: .email, for: Fixture.alice).send != nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(sent == 5)
    }

    @Test func aDeniedDecisionCannotBeRecorded() async throws {
        let harness = try Harness()
        let denied = try await harness.service.decide(.purpose("offers"), channel: .email, for: Fixture.alice)
        do {
            try await harness.service.recordSend(denied)
            Issue.record("a denied decision was recorded")
        } catch let error as ConsentError {
            #expect(error.code == .decisionDenied)
        }
    }

    @Test func invalidCapsAreRejectedAtConfiguration() throws {
        #expect(throws: ConsentError.self) {
            _ = try Harness(configuration: Fixture.configuration(policy: ContactPolicy(frequencyCaps: [FrequencyCap(limit: 1, window: .zero)])))
        }
    }
}
