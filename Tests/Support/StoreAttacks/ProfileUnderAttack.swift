import ClienteleCore
import ClienteleProfiling
import Foundation

/// The profile store (``ReferenceProfileStore``) under attack, written through its
/// ``ProfileStore`` requirements (read, then save at the revision read): eight customers, each
/// with one writer, whose profiles move up one revision per save; keyed `customer#revision`
/// (every revision up to the stored one counts as present). Each revision's profile is
/// derived from its number, so inspection checks that what a revision holds is what was
/// saved at it (reported as a broken chain otherwise).
package enum ProfileUnderAttack: StoreUnderAttack {
    package static let kind = "profile"

    static let customers = (0..<8).compactMap { CustomerID(rawValue: "attack-\($0)") }
    /// History entries and prompts a profile keeps, so profiles stay small however long a writer runs.
    static let kept = 4

    /// The profile of `customer` at `revision` (≥ 1), written by the writer named `prefix`.
    static func profile(of customer: CustomerID, revision: Int, prefix: String) -> CustomerProfile {
        func at(_ revision: Int) -> Date { StoredInstant.date(milliseconds: 1_790_000_000_000 + Int64(revision) * 1_001) }
        let provenance = Provenance(source: .customer, collectionPoint: "crash-loop/\(prefix)", at: at(revision), verified: revision % 2 == 0)
        let history = (max(1, revision - kept + 1)...revision).map { number in
            ProfileChange(
                field: "counter", oldValue: number == 1 ? nil : .number(Double(number - 1)), newValue: .number(Double(number)),
                provenance: Provenance(source: .shop, collectionPoint: "crash-loop", at: at(number)))
        }
        return CustomerProfile(
            customer: customer,
            entries: [
                ProfileEntry(field: "counter", value: .number(Double(revision)), provenance: provenance),
                ProfileEntry(field: "writer", value: .text("Schrijver \(prefix) — ✓"), provenance: provenance),
                ProfileEntry(field: "interests", value: .choices(["garden", "books"].shuffledBy(revision)), provenance: provenance),
            ],
            history: history,
            declines: [FieldDecline(field: "phone", at: at(revision))],
            prompts: (max(1, revision - kept + 1)...revision).map(at))
    }

    package static func write(
        folder: URL, options: JournalOptions, prefix: String, count: Int?,
        acknowledge: @escaping @Sendable (String) -> Void
    ) async throws {
        let store = try await ReferenceProfileStore.open(folder: folder, options: options)
        // Four writers, each with two customers of its own, so no save conflicts.
        try await concurrently(tasks: 4, count: count) { task, index in
            let customer = customers[task + 4 * ((index / 4) % 2)]
            let revision = try await store.profile(of: customer)?.revision ?? 0
            let saved = try await store.save(profile(of: customer, revision: revision + 1, prefix: prefix), expectedRevision: revision)
            acknowledge("\(customer.rawValue)#\(saved.revision)")
        }
        try await store.close()
    }

    package static func inspect(folder: URL, options: JournalOptions) async throws -> StoreInspection {
        let store = try await ReferenceProfileStore.open(folder: folder, options: options)
        let report = store.recoveryReport
        let outcome = await Result(catching: { () async throws -> StoreInspection in
            var keys: Set<String> = []
            var broken: [String] = []
            var profiles: [CustomerProfile] = []
            for customer in try await store.customers(after: nil, limit: Int.max) {
                guard let profile = try await store.profile(of: customer) else {
                    broken.append("\(customer.rawValue): listed without a profile")
                    continue
                }
                profiles.append(profile)
                for revision in 0..<profile.revision { keys.insert("\(customer.rawValue)#\(revision + 1)") }
                // The writer's prefix is not stored apart; take it from the collection point.
                let point = profile.entries.first?.provenance.collectionPoint ?? ""
                let prefix = point.hasPrefix("crash-loop/") ? String(point.dropFirst("crash-loop/".count)) : ""
                if profile.revision < 1 || profile != Self.profile(of: customer, revision: profile.revision, prefix: prefix).revised(profile.revision) {
                    broken.append("\(customer.rawValue): revision \(profile.revision) does not hold what was saved at it")
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return StoreInspection(
                report: report, keys: keys, duplicates: [], brokenChains: broken, fingerprint: try encoder.encode(profiles))
        })
        try await store.close()
        return try outcome.get()
    }
}

extension CustomerProfile {
    /// The profile at `revision`.
    fileprivate func revised(_ revision: Int) -> CustomerProfile {
        var profile = self
        profile.revision = revision
        return profile
    }
}

extension Array {
    /// The array rotated by `amount`: a deterministic order that changes between revisions.
    fileprivate func shuffledBy(_ amount: Int) -> [Element] {
        guard !isEmpty else { return self }
        let shift = amount % count
        return Array(self[shift...] + self[..<shift])
    }
}
