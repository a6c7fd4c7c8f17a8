import ClienteleProfiling
import Foundation
import Testing

/// Profile changes: values with provenance, bounded history, declines, the prompt log and purges.
@Suite struct CustomerProfileTests {
    static func provenance(_ minutes: Double, _ source: Provenance.Source = .customer) -> Provenance {
        Provenance(source: source, collectionPoint: "account-page", at: Fixture.now.addingTimeInterval(minutes * 60))
    }

    @Test func theHistoryKeepsOnlyTheNewestChanges() {
        var profile = CustomerProfile(customer: Fixture.alice)
        for index in 1...5 {
            profile.set(.number(Double(index)), for: "household-size", provenance: Self.provenance(Double(index)), historyLimit: 3)
        }
        #expect(profile.history.count == 3)
        #expect(profile.history.map(\.newValue) == [.number(3), .number(4), .number(5)])
        #expect(profile.history.map(\.oldValue) == [.number(2), .number(3), .number(4)])
        #expect(profile.value(for: "household-size") == .number(5))
    }

    @Test func aStoredProfileHoldsNoRoomItsArraysGrewInto() throws {
        var profile = CustomerProfile(customer: Fixture.alice)
        for (index, field) in ["a-1", "a-2", "a-3", "a-4", "a-5"].enumerated() {
            profile.set(.number(Double(index)), for: try FieldKey(validating: field), provenance: Self.provenance(Double(index)), historyLimit: 50)
        }
        profile.revision = 1
        #expect(profile.entries.capacity > 6, "appending five values one by one leaves room for more")
        var state = ProfileState()
        try state.apply(.save(profile, expectedRevision: 0))
        let stored = try #require(try state.profile(of: Fixture.alice))
        #expect(stored == profile)
        #expect(stored.entries.capacity <= 6 && stored.history.capacity <= 6)
    }

    @Test func aFirstAnswerHasNoOldValueAndAHistoryOfZeroKeepsNothing() {
        var profile = CustomerProfile(customer: Fixture.alice)
        let changed = profile.set(.text("Ann"), for: "first-name", provenance: Self.provenance(0), historyLimit: 10)
        #expect(changed)
        #expect(profile.history == [ProfileChange(field: "first-name", oldValue: nil, newValue: .text("Ann"), provenance: Self.provenance(0))])
        profile.set(.text("Anna"), for: "first-name", provenance: Self.provenance(1), historyLimit: 0)
        #expect(profile.history.isEmpty)
    }

    @Test func settingTheSameValueOnlyUpdatesItsProvenance() {
        var profile = CustomerProfile(customer: Fixture.alice)
        profile.set(.text("+31612345678"), for: "phone", provenance: Self.provenance(0), historyLimit: 10)
        var verified = Self.provenance(5, .shop)
        verified.verified = true
        let changed = profile.set(.text("+31612345678"), for: "phone", provenance: verified, historyLimit: 10)
        #expect(!changed)
        #expect(profile.history.count == 1)
        #expect(profile.entry(for: "phone")?.provenance == verified)
    }

    @Test func answeringClearsADeclineAndRemovalIsRecorded() {
        var profile = CustomerProfile(customer: Fixture.alice)
        profile.decline("phone", at: Fixture.daysAgo(3))
        profile.decline("phone", at: Fixture.daysAgo(1))
        #expect(profile.declines == [FieldDecline(field: "phone", at: Fixture.daysAgo(1))])
        profile.set(.text("+31612345678"), for: "phone", provenance: Self.provenance(0), historyLimit: 10)
        #expect(profile.declinedAt("phone") == nil)
        let removed = profile.removeValue(for: "phone", provenance: Self.provenance(1), historyLimit: 10)
        let removedAgain = profile.removeValue(for: "phone", provenance: Self.provenance(2), historyLimit: 10)
        #expect(removed && !removedAgain)
        #expect(profile.value(for: "phone") == nil)
        #expect(profile.history.last?.newValue == nil)
        #expect(profile.history.last?.oldValue == .text("+31612345678"))
    }

    @Test func entriesStaySortedWhateverTheOrderOfChanges() {
        var profile = CustomerProfile(customer: Fixture.alice)
        for key: FieldKey in ["phone", "email", "last-name", "birth-date", "first-name"] {
            profile.set(.text(key.rawValue), for: key, provenance: Self.provenance(0), historyLimit: 10)
        }
        #expect(profile.entries.map(\.field) == ["birth-date", "email", "first-name", "last-name", "phone"])
        let rebuilt = CustomerProfile(customer: Fixture.alice, entries: profile.entries.reversed(), history: profile.history)
        #expect(rebuilt == profile)
        for entry in profile.entries { #expect(profile.value(for: entry.field) == .text(entry.field.rawValue)) }
    }

    @Test func theInitializerKeepsTheLastEntryOfAField() {
        let profile = CustomerProfile(
            customer: Fixture.alice,
            entries: [
                ProfileEntry(field: "b", value: .text("1"), provenance: Fixture.provenance),
                ProfileEntry(field: "a", value: .text("2"), provenance: Fixture.provenance),
                ProfileEntry(field: "b", value: .text("3"), provenance: Fixture.provenance),
            ])
        #expect(profile.entries.map(\.value) == [.text("2"), .text("3")])
    }

    @Test func purgingAPurposeDeletesItsValuesHistoryAndDeclines() throws {
        let catalog = try Fixture.catalog()
        var profile = CustomerProfile(customer: Fixture.alice)
        profile.set(.date(CalendarDate(year: 1990, month: 5, day: 17)), for: "birth-date", provenance: Self.provenance(0), historyLimit: 10)
        profile.set(.text("Ann"), for: "first-name", provenance: Self.provenance(1), historyLimit: 10)
        profile.decline("interests", at: Fixture.daysAgo(2))
        profile.decline("phone", at: Fixture.daysAgo(2))
        let purged = profile.purge(fields: catalog.fields(servingPurpose: "personalisation"))
        #expect(purged)
        #expect(profile.entries.map(\.field) == ["first-name"])
        #expect(profile.history.map(\.field) == ["first-name"])
        #expect(profile.declines.map(\.field) == ["phone"])
        let purgedAgain = profile.purge(fields: catalog.fields(servingPurpose: "personalisation"))
        #expect(!purgedAgain)
    }

    @Test func historyIsPurgeableByAgeWhileValuesStay() {
        var profile = CustomerProfile(customer: Fixture.alice)
        for minutes in [0.0, 10, 20] {
            profile.set(.number(minutes + 1), for: "household-size", provenance: Self.provenance(minutes), historyLimit: 10)
        }
        let purged = profile.purgeHistory(before: Fixture.now.addingTimeInterval(15 * 60))
        #expect(purged == 2)
        #expect(profile.history.map(\.newValue) == [.number(21)])
        #expect(profile.value(for: "household-size") == .number(21))
    }

    @Test func thePromptLogNeverOutgrowsTheCap() {
        var profile = CustomerProfile(customer: Fixture.alice)
        let cap = PromptCap(maximumPrompts: 2, period: .seconds(7 * 86_400))
        for days in [20.0, 10, 6, 3, 1] { profile.recordPrompt(at: Fixture.daysAgo(days), cap: cap) }
        #expect(profile.prompts == [Fixture.daysAgo(3), Fixture.daysAgo(1)])
        profile.recordPrompt(at: Fixture.now.addingTimeInterval(7 * Fixture.day), cap: cap)
        #expect(profile.prompts == [Fixture.now.addingTimeInterval(7 * Fixture.day)])
    }
}
