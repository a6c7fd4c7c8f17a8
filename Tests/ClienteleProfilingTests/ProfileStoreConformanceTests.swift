import ClienteleProfiling
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ProfileStoreConformanceTests {
    @Test(arguments: ProfileStoreConformance.checksWithoutReopen)
    func theInMemoryStoreConforms(_ check: ProfileStoreConformance.Check) async throws {
        try await ProfileStoreConformance { ReferenceProfileStore.inMemory() }.run(check)
    }

    @Test(arguments: ProfileStoreConformance.Check.allCases)
    func theFileBackedStoreConforms(_ check: ProfileStoreConformance.Check) async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-profile-\(check.rawValue)")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let suite = ProfileStoreConformance(
            makeStore: { try await ReferenceProfileStore.open(folder: folder) },
            reopen: { store in
                try await store.close()
                return try await ReferenceProfileStore.open(folder: folder)
            },
            tearDown: { store in try await store.close() })
        try await suite.run(check)
    }

    @Test func theInMemoryStoreSkipsTheReopenChecksWithoutFailing() async {
        let report = await ProfileStoreConformance { ReferenceProfileStore.inMemory() }.runAll()
        #expect(report.failed.isEmpty, "\(report)")
        #expect(Set(report.skipped.map(\.check)) == Set(ProfileStoreConformance.reopenChecks.map(\.rawValue)))
    }

    @Test func theRichProfileSetsEveryKindOfValueAndEverySource() {
        let rich = ProfileFixtures.richProfile(of: ProfileFixtures.customerID("alice"))
        #expect(Set(rich.entries.map(\.value.kind)) == ["text", "number", "boolean", "date", "choice", "choices", "address"])
        #expect(Set(rich.entries.map(\.provenance.source)) == Set(Provenance.Source.allCases))
        #expect(Set(rich.entries.map(\.provenance.verified)) == [true, false])
        #expect(rich.history.contains { $0.oldValue == nil } && rich.history.contains { $0.newValue == nil })
        #expect(Set(rich.prompts).count < rich.prompts.count, "two prompts at one instant")
        #expect(Set(rich.declines.map(\.at)).count < rich.declines.count, "two declines at one instant")
        #expect(ProfileFixtures.longestText.count == FieldRules.defaultMaximumLength)
        #expect(ProfileFixtures.longestText.utf8.count > 3 * FieldRules.defaultMaximumLength)
        #expect(rich.entries.allSatisfy { StoredInstant.date(milliseconds: StoredInstant.milliseconds($0.provenance.at)) == $0.provenance.at })
    }

    @Test func differencesNameTheFieldsThatDiffer() {
        let alice = ProfileFixtures.customerID("alice")
        let rich = ProfileFixtures.richProfile(of: alice)
        #expect(ProfileFixtures.differences(between: rich, and: rich).isEmpty)
        var entries = rich.entries
        entries[0].provenance.at = entries[0].provenance.at.addingTimeInterval(0.001)
        let changed = CustomerProfile(
            customer: alice, entries: entries, history: Array(rich.history.reversed()), declines: [], prompts: rich.prompts,
            revision: 3)
        let differences = ProfileFixtures.differences(between: rich, and: changed)
        #expect(differences.contains("revision"))
        #expect(differences.contains("entries[\(entries[0].field.rawValue)].provenance.at"))
        #expect(differences.contains("history[0].field"))
        #expect(differences.contains("declines.fields"))
        #expect(!differences.contains("prompts"))
    }

    @Test func aStoreThatLosesHistoryFailsTheSuiteWithTheCheckNamed() async throws {
        let suite = ProfileStoreConformance { HistoryDroppingStore() }
        do {
            try await suite.run(.saveReadsBack)
            Issue.record("a store that loses history passed")
        } catch let failure as ConformanceFailure {
            #expect(failure.suite == "ProfileStoreConformance")
            #expect(failure.check == "saveReadsBack")
            #expect(failure.actual.contains("history.count"))
        }
    }

    @Test func afterAnErasureNoFileOfTheFolderHoldsTheProfilesValues() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-profile-erasure")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let alice = ProfileFixtures.customerID("alice")
        let bob = ProfileFixtures.customerID("bob")
        let store = try await ReferenceProfileStore.open(folder: folder)
        _ = try await store.save(ProfileFixtures.richProfile(of: alice), expectedRevision: 0)
        _ = try await store.save(ProfileFixtures.profile(of: bob), expectedRevision: 0)
        let secrets = [
            ProfileFixtures.richAddress.line1, ProfileFixtures.richAddress.line2 ?? "", ProfileFixtures.sparseAddress.line1,
            "account-page/Ünïcode", "nieuwsbrief-aanmelding", "+31612345678", String(ProfileFixtures.longestText.prefix(40)),
        ]
        #expect(try !RedactionCheck.files(in: folder, holding: secrets).isEmpty, "the journal holds them before")
        try await store.erase(customer: alice)
        #expect(try RedactionCheck.files(in: folder, holding: secrets).isEmpty)
        #expect(try RedactionCheck.files(in: folder, holding: ["Name 0"]).count >= 1, "the other customer's profile is kept")
        try await store.close()
        let reopened = try await ReferenceProfileStore.open(folder: folder)
        #expect(try await reopened.profile(of: alice) == nil)
        #expect(try await reopened.profile(of: bob) != nil)
        try await reopened.close()
    }
}

/// A store that forgets every profile's history: the suite must name the check it fails.
private final class HistoryDroppingStore: ProfileStore {
    private let base = ReferenceProfileStore.inMemory()

    func profile(of customer: CustomerID) async throws -> CustomerProfile? {
        try await base.profile(of: customer).map {
            CustomerProfile(customer: $0.customer, entries: $0.entries, declines: $0.declines, prompts: $0.prompts, revision: $0.revision)
        }
    }

    func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        try await base.save(profile, expectedRevision: expectedRevision)
    }

    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try await base.customers(after: after, limit: limit)
    }

    func erase(customer: CustomerID) async throws {
        try await base.erase(customer: customer)
    }
}
