import ClienteleTestKit
import Foundation
import Testing

/// What the conformance suite did to one mutant: the checks that failed on it.
private struct MutantOutcome {
    var name: String
    var killedBy: [String]
    /// Why a survivor is tolerated (it cannot be observed through the protocol), or nil.
    var excused: String?
}

/// The mutation table of one store protocol: which checks killed which mutant.
private struct MutationTable {
    var store: String
    var outcomes: [MutantOutcome]

    /// Mutants no check failed on and that are not excused.
    var survivors: [String] { outcomes.filter { $0.killedBy.isEmpty && $0.excused == nil }.map(\.name) }
    var killed: Int { outcomes.filter { !$0.killedBy.isEmpty }.count }
    /// Killed mutants over the mutants that must be killed (the unexcused ones and any
    /// excused one that is killed anyway).
    var killRate: String {
        let counted = outcomes.filter { $0.excused == nil || !$0.killedBy.isEmpty }.count
        return "\(killed)/\(counted) (\(counted == 0 ? 100 : killed * 100 / counted) %)"
    }

    var description: String {
        let width = outcomes.map(\.name.count).max() ?? 0
        var lines = ["\(store) mutation suite: \(outcomes.count) mutants, \(killed) killed, kill rate \(killRate)"]
        for outcome in outcomes {
            let name = outcome.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let verdict =
                outcome.killedBy.isEmpty
                ? "SURVIVED" + (outcome.excused.map { " (\($0))" } ?? "")
                : "killed by " + outcome.killedBy.joined(separator: ", ")
            lines.append("  \(name)  \(verdict)")
        }
        return lines.joined(separator: "\n")
    }
}

private let unobservable = "unobservable through the protocol; see the kit's guide"

/// Issue 14 part 3: every mutant of every store protocol (a reference store with one
/// property broken) fails at least one conformance check. A test prints its table and fails
/// on any survivor.
@Suite struct MutationSuiteTests {
    @Test func theUnmutatedWrappersConform() async {
        let accounts = await AccountStoreConformance { MutantAccountStore(nil) }.runAll()
        let consent = await ConsentStoreConformance { MutantConsentStore(nil) }.runAll()
        let pricing = await PriceListStoreConformance { MutantPriceListStore(nil) }.runAll()
        let profiles = await ProfileStoreConformance { MutantProfileStore(nil) }.runAll()
        let segments = await SegmentStoreConformance(makeStore: { MutantSegmentStore(nil) }, reopen: { $0.reopened() }).runAll()
        #expect(accounts.failed.isEmpty, "\(accounts)")
        #expect(consent.failed.isEmpty, "\(consent)")
        #expect(pricing.failed.isEmpty, "\(pricing)")
        #expect(profiles.failed.isEmpty, "\(profiles)")
        #expect(segments.failed.isEmpty && segments.skipped.isEmpty, "\(segments)")
        #expect(accounts.passed.map(\.rawValue) == AccountStoreConformance.checksWithoutReopen.map(\.rawValue))
    }

    @Test func everyAccountStoreMutantFailsACheck() async {
        await expectEveryMutantKilled(store: "AccountStore", AccountMutation.allCases) { mutation in
            AccountStoreConformance { MutantAccountStore(mutation) }
        }
    }

    @Test func everyConsentStoreMutantFailsACheck() async {
        await expectEveryMutantKilled(
            store: "ConsentStore", ConsentMutation.allCases,
            excused: { ConsentMutation.unobservable.contains($0) ? unobservable : nil }
        ) { mutation in ConsentStoreConformance { MutantConsentStore(mutation) } }
    }

    @Test func everyPriceListStoreMutantFailsACheck() async {
        await expectEveryMutantKilled(store: "PriceListStore", PricingMutation.allCases) { mutation in
            PriceListStoreConformance { MutantPriceListStore(mutation) }
        }
    }

    @Test func everyProfileStoreMutantFailsACheck() async {
        await expectEveryMutantKilled(store: "ProfileStore", ProfileMutation.allCases) { mutation in
            ProfileStoreConformance { MutantProfileStore(mutation) }
        }
    }

    @Test func everySegmentStoreMutantFailsACheck() async {
        await expectEveryMutantKilled(store: "SegmentStore", SegmentMutation.allCases) { mutation in
            // With `reopen` (a new wrapper over the same data), so the reopen checks run too.
            SegmentStoreConformance(makeStore: { MutantSegmentStore(mutation) }, reopen: { $0.reopened() })
        }
    }

    /// Runs `suite(mutation)` for every mutation, prints the table and expects no survivor.
    private func expectEveryMutantKilled<Mutation: RawRepresentable<String>, Suite: ConformanceSuite>(
        store: String, _ mutations: [Mutation], excused: (Mutation) -> String? = { _ in nil },
        suite: (Mutation) -> Suite
    ) async {
        var outcomes: [MutantOutcome] = []
        for mutation in mutations {
            let report = await suite(mutation).runAll()
            outcomes.append(MutantOutcome(
                name: mutation.rawValue, killedBy: report.failed.map(\.check.rawValue), excused: excused(mutation)))
        }
        let table = MutationTable(store: store, outcomes: outcomes)
        print(table.description)
        #expect(table.survivors.isEmpty, "surviving mutants: \(table.survivors)")
    }

    @Test func theSuiteHasAtLeastFortyMutantsAcrossTheStores() {
        let count = AccountMutation.allCases.count + ConsentMutation.allCases.count + PricingMutation.allCases.count
            + ProfileMutation.allCases.count + SegmentMutation.allCases.count
        #expect(count >= 40)
        #expect(ProfileMutation.allCases.count >= 15)
        #expect(SegmentMutation.allCases.count >= 30)
    }
}
