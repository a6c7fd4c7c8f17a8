import ClienteleProfiling
import ClienteleTestKit
import Foundation
import Testing

/// A consent bridge driven by a table the test changes: the purposes each customer holds.
final class TableConsent: ProfilingConsent {
    private let held = Locked<[CustomerID: Set<String>]>([:])
    private let calls = Locked(0)

    var callCount: Int { calls.withLock { $0 } }

    func grant(_ purpose: String, to customer: CustomerID) { held.withLock { _ = $0[customer, default: []].insert(purpose) } }
    func withdraw(_ purpose: String, from customer: CustomerID) { held.withLock { _ = $0[customer]?.remove(purpose) } }

    func heldPurposes(of customer: CustomerID, among purposes: Set<String>, at instant: Date) async throws -> Set<String> {
        calls.withLock { $0 += 1 }
        return held.withLock { $0[customer] ?? [] }.intersection(purposes)
    }
}

/// A store that answers every save with a conflict, counting them.
final class AlwaysConflictingProfileStore: ProfileStore {
    let inner = ReferenceProfileStore.inMemory()
    let saves = Locked(0)
    func profile(of customer: CustomerID) async throws -> CustomerProfile? { try await inner.profile(of: customer) }
    func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        saves.withLock { $0 += 1 }
        throw ProfilingError(.conflict, "Always stale.")
    }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await inner.customers(after: after, limit: limit) }
    func erase(customer: CustomerID) async throws { try await inner.erase(customer: customer) }
}

@Suite struct ProfilingServiceTests {
    let clock = ManualClock(Fixture.now)
    let consent = TableConsent()
    let store = ReferenceProfileStore.inMemory()
    let alice = Fixture.alice

    func service(events: EventBroadcaster? = nil, configuration: ProfilingConfiguration = .init(), store: (any ProfileStore)? = nil) throws
        -> ProfilingService
    {
        ProfilingService(
            store: store ?? self.store, clock: clock, events: events, configuration: configuration, catalog: try Fixture.catalog(),
            consent: consent)
    }

    @Test func twoStepRegistrationAsksTheEmailFirstAndTheNameSecond() async throws {
        let profiling = try service()
        let first = try await profiling.nextQuestions(for: alice, at: .registrationStep1, limit: 3)
        #expect(first.map(\.field) == ["email"])
        let emailReport = try await profiling.submit(["email": .value(.text("Alice@Example.NL"))], for: alice, at: .registrationStep1)
        #expect(emailReport.isValid)

        let second = try await profiling.nextQuestions(for: alice, at: .registrationStep2, limit: 3)
        #expect(second.map(\.field) == ["first-name", "last-name"])
        // Atomic: one bad answer stores nothing.
        let bad = try await profiling.submit(
            ["first-name": .value(.text("Alice")), "last-name": .value(.text("V"))], for: alice, at: .registrationStep2)
        #expect(bad.errors.map(\.rule) == [.tooShort] && bad.errors.map(\.field) == ["last-name"])
        #expect(bad.values.isEmpty)
        #expect(try await profiling.profile(of: alice).value(for: "first-name") == nil)
        // Partial: the good answer is stored, with its provenance.
        let partial = try await profiling.submit(
            ["first-name": .value(.text("Alice")), "last-name": .value(.text("V"))], for: alice, at: .registrationStep2, mode: .partial)
        #expect(partial.values.keys.sorted() == ["first-name"])
        let entry = try #require(try await profiling.profile(of: alice).entry(for: "first-name"))
        #expect(entry.value == .text("Alice"))
        #expect(entry.provenance == Provenance(source: .customer, collectionPoint: "registrationStep2", at: Fixture.now))
        #expect(try await profiling.nextQuestions(for: alice, at: .registrationStep2, limit: 3).map(\.field) == ["last-name"])
    }

    @Test func anUnknownFieldIsAnErrorAndNothingIsStored() async throws {
        let profiling = try service()
        let report = try await profiling.submit(
            ["first-name": .value(.text("Alice")), "shoe-size": .value(.number(38))], for: alice, at: .accountPage)
        #expect(report.errors.map(\.rule) == [.unknownField])
        #expect(try await store.profile(of: alice) == nil)
    }

    @Test func consentGatesAskingAndKeepingAndItsEndPurgesTheValues() async throws {
        let profiling = try service()
        var asked = try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 10).map(\.field)
        #expect(!asked.contains("birth-date") && !asked.contains("interests"))
        let refused = try await profiling.submit(
            ["birth-date": .value(.date(CalendarDate(year: 1990, month: 5, day: 17)))], for: alice, at: .accountPage)
        #expect(refused.errors.map(\.rule) == [.consentNotHeld])
        #expect(try await store.profile(of: alice)?.entries == [], "only the prompt was stored")

        consent.grant("personalisation", to: alice)
        clock.advance(by: .seconds(8 * 86_400))  // past the prompt cap of the first call
        asked = try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 10).map(\.field)
        #expect(asked.contains("birth-date") && asked.contains("interests"))
        let stored = try await profiling.submit(
            ["birth-date": .value(.date(CalendarDate(year: 1990, month: 5, day: 17))), "interests": .value(.choices(["books"]))],
            for: alice, at: .accountPage)
        #expect(stored.isValid)
        #expect(try await profiling.completeness(of: alice).byPurpose["personalisation"]?.missing == [])

        consent.withdraw("personalisation", from: alice)
        #expect(try await profiling.purge(purpose: "personalisation", for: alice))
        let profile = try await profiling.profile(of: alice)
        #expect(profile.value(for: "birth-date") == nil && profile.value(for: "interests") == nil)
        #expect(!profile.history.contains { $0.field == "birth-date" || $0.field == "interests" })
        #expect(try await profiling.purge(purpose: "personalisation", for: alice) == false)
    }

    @Test func thePromptCapHoldsAcrossCallsAndAgainstConcurrentRequests() async throws {
        let profiling = try service()
        #expect(try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 2).count == 2)
        #expect(try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 2).isEmpty, "one prompt a week")
        #expect(try await profiling.nextQuestions(for: alice, at: .checkout, limit: 2).count == 2, "checkout is exempt")
        #expect(try await profiling.profile(of: alice).prompts == [Fixture.now])
        clock.advance(by: .seconds(7 * 86_400))
        #expect(try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 2).count == 2)

        let bob = try CustomerID(validating: "bob")
        let prompted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 { group.addTask { !(try await profiling.nextQuestions(for: bob, at: .accountPage, limit: 1)).isEmpty } }
            var count = 0
            for try await shown in group where shown { count += 1 }
            return count
        }
        #expect(prompted == 1)
    }

    @Test func aDeclinedQuestionWaitsForItsCoolDown() async throws {
        let profiling = try service(configuration: try ProfilingConfiguration(promptCap: nil))
        try await profiling.submit(["has-pets": .declined], for: alice, at: .afterFirstOrder)
        #expect(try await profiling.profile(of: alice).declinedAt("has-pets") == Fixture.now)
        #expect(!(try await profiling.nextQuestions(for: alice, at: .afterFirstOrder, limit: 5)).map(\.field).contains("has-pets"))
        clock.advance(by: .seconds(30 * 86_400 - 1))
        #expect(!(try await profiling.nextQuestions(for: alice, at: .afterFirstOrder, limit: 5)).map(\.field).contains("has-pets"))
        clock.advance(by: .seconds(1))
        let again = try await profiling.nextQuestions(for: alice, at: .afterFirstOrder, limit: 5)
        #expect(again.first { $0.field == "has-pets" }?.reason == .askedAgainAfterDecline(declinedAt: Fixture.now))
    }

    @Test func selfServiceEditsCheckTheFieldAndRecordTheCustomerAsSource() async throws {
        let profiling = try service()
        await #expect { try await profiling.edit("customer-tier", to: .choice("vip"), for: alice) } throws: {
            ($0 as? ProfilingError)?.code == .fieldNotEditable
        }
        await #expect { try await profiling.edit("shoe-size", to: .number(38), for: alice) } throws: {
            ($0 as? ProfilingError)?.code == .unknownField
        }
        await #expect { try await profiling.edit("phone", to: .text("0612345678"), for: alice) } throws: {
            let error = $0 as? ProfilingError
            return error?.code == .invalidAnswer && error?.context.field == "invalidPhone" && error?.message.contains("0612345678") == false
        }
        await #expect { try await profiling.edit("birth-date", to: .date(CalendarDate(year: 1990, month: 1, day: 1)), for: alice) } throws: {
            ($0 as? ProfilingError)?.context.field == AnswerRule.consentNotHeld.rawValue
        }
        #expect(try await store.profile(of: alice) == nil, "no refused edit stored anything")

        let edited = try await profiling.edit("phone", to: .text("+31 6 1234 5678"), for: alice)
        #expect(edited.value(for: "phone") == .text("+31612345678"))
        #expect(edited.entry(for: "phone")?.provenance.source == .customer && edited.revision == 1)
        clock.advance(by: .seconds(60))
        let removed = try await profiling.edit("phone", to: nil, for: alice)
        #expect(removed.value(for: "phone") == nil)
        #expect(removed.history.map(\.newValue) == [.text("+31612345678"), nil])
    }

    @Test func aWriteThatAlwaysConflictsIsTriedTheConfiguredNumberOfTimes() async throws {
        let conflicting = AlwaysConflictingProfileStore()
        let profiling = try service(configuration: try ProfilingConfiguration(maximumConflictAttempts: 3), store: conflicting)
        await #expect { try await profiling.submit(["first-name": .value(.text("Alice"))], for: alice, at: .accountPage) } throws: {
            ($0 as? ProfilingError)?.code == .conflict
        }
        #expect(conflicting.saves.withLock { $0 } == 3)
    }

    @Test func eventsNameWhatChangedAndNeverAValue() async throws {
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let profiling = try service(events: events)
        try await profiling.submit(["first-name": .value(.text("Alice")), "has-pets": .declined], for: alice, at: .accountPage)
        try await profiling.edit("first-name", to: .text("Alicia"), for: alice)
        try await profiling.erase(customer: alice)
        events.finish()
        var received: [ClienteleEvent] = []
        for await event in stream { received.append(event) }
        #expect(received == [
            ClienteleEvent(name: "profiling.answered", customer: alice, at: Fixture.now, attributes: ["moment": "accountPage", "values": "1", "declines": "1"]),
            ClienteleEvent(name: "profiling.edited", customer: alice, at: Fixture.now, attributes: ["field": "first-name"]),
            ClienteleEvent(name: "profiling.erased", customer: alice, at: Fixture.now),
        ])
        #expect(!received.contains { "\($0)".contains("Ali") })
    }

    @Test func erasureRemovesTheProfileAndHistoryRetentionPurgesOldEntries() async throws {
        let profiling = try service()
        let bob = try CustomerID(validating: "bob")
        try await profiling.submit(["first-name": .value(.text("Alice"))], for: alice, at: .accountPage)
        try await profiling.submit(["first-name": .value(.text("Bob"))], for: bob, at: .accountPage)
        clock.advance(by: .seconds(86_400))
        try await profiling.submit(["last-name": .value(.text("Visser"))], for: bob, at: .accountPage)
        #expect(try await profiling.purgeHistory(before: Fixture.now.addingTimeInterval(1)) == 2)
        #expect(try await profiling.profile(of: bob).history.map(\.field) == ["last-name"])
        #expect(try await profiling.profile(of: bob).value(for: "first-name") == .text("Bob"), "values stay")

        try await profiling.erase(customer: alice)
        #expect(try await store.profile(of: alice) == nil)
        #expect(try await store.customers(after: nil, limit: 10) == [bob])
        try await profiling.erase(customer: alice)
    }

    @Test func aCatalogWithoutGatedFieldsNeverAsksTheConsentBridge() async throws {
        let catalog = try FieldCatalog(Fixture.fields.filter { $0.purpose == nil })
        let profiling = ProfilingService(store: store, clock: clock, catalog: catalog, consent: consent)
        _ = try await profiling.nextQuestions(for: alice, at: .accountPage, limit: 3)
        try await profiling.submit(["first-name": .value(.text("Alice"))], for: alice, at: .accountPage)
        _ = try await profiling.completeness(of: alice)
        #expect(consent.callCount == 0)
    }
}
