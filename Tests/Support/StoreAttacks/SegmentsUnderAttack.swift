import ClienteleCore
import ClienteleSegmentation
import Foundation

/// The segment store (``ReferenceSegmentStore``) under attack, written through its
/// ``SegmentStore`` requirements: four writers, each owning one segment (`attack-<task>`),
/// repeat a cycle of four calls: save the next revision of the definition (read, then save
/// at the revision read), enter a new customer, fire two trigger keys for it, and (every
/// other cycle) exit it again.
///
/// Keyed `segment#revision` (every revision up to the stored one counts as present),
/// `segment+customer` (entered), `customer!key` (fired) and `segment-customer` (exited).
/// Inspection derives the keys from the store alone: a fired `entered:<segment>` key says the
/// customer entered, and not being a member then says it exited. It reports as broken a
/// definition that does not hold what was saved at its revision, a member listing out of
/// step with `segments(of:)`, and a customer outside its segment that was never exited.
package enum SegmentsUnderAttack: StoreUnderAttack {
    package static let kind = "segments"

    /// The segment writer `task` owns.
    static func segment(_ task: Int) -> String { "attack-\(task)" }

    /// The definition of `name` at `revision` (≥ 1): its query and instant derive from it.
    /// The query is a few hundred bytes, as a shop's are, so that the corruption trial's
    /// writes reach a snapshot.
    static func definition(_ name: String, revision: Int) throws -> SegmentDefinition {
        let groups = (0..<12).map { "groups CONTAINS 'attack-group-\($0)'" }.joined(separator: " OR ")
        var definition = try SegmentDefinition(
            name: name, query: "number_of_orders >= \(revision) AND country = 'NL' AND city = 'Zoë \(revision)' AND (\(groups))",
            updatedAt: StoredInstant.date(milliseconds: 1_790_000_000_000 + Int64(revision) * 1_001))
        definition.revision = revision
        return definition
    }

    /// The customer a writer enters in `cycle`: `<prefix>-<task>-<cycle>`; exited again when
    /// `cycle` is odd.
    static func customer(prefix: String, task: Int, cycle: Int) throws -> CustomerID {
        try CustomerID(validating: "\(prefix)-\(task)-\(cycle)")
    }

    package static func write(
        folder: URL, options: JournalOptions, prefix: String, count: Int?,
        acknowledge: @escaping @Sendable (String) -> Void
    ) async throws {
        let store = try await ReferenceSegmentStore.open(folder: folder, options: options)
        try await concurrently(tasks: 4, count: count) { task, index in
            let name = segment(task)
            let step = index / 4
            let cycle = step / 4
            let customer = try Self.customer(prefix: prefix, task: task, cycle: cycle)
            switch step % 4 {
            case 0:
                let revision = try await store.definition(named: name)?.revision ?? 0
                let saved = try await store.save(try Self.definition(name, revision: revision + 1), expectedRevision: revision)
                acknowledge("\(name)#\(saved.revision)")
            case 1:
                let revision = try await store.definition(named: name)?.revision ?? 0
                try await store.record(SegmentMembershipDelta(segment: name, definitionRevision: revision, entered: [customer], exited: []))
                acknowledge("\(name)+\(customer.rawValue)")
            case 2:
                let keys: Set = ["entered:\(name)", "cycle-\(cycle)"]
                try await store.recordFired(keys, of: customer)
                for key in keys { acknowledge("\(customer.rawValue)!\(key)") }
            default:
                guard cycle % 2 == 1 else { return }
                let revision = try await store.definition(named: name)?.revision ?? 0
                try await store.record(SegmentMembershipDelta(segment: name, definitionRevision: revision, entered: [], exited: [customer]))
                acknowledge("\(name)-\(customer.rawValue)")
            }
        }
        try await store.close()
    }

    package static func inspect(folder: URL, options: JournalOptions) async throws -> StoreInspection {
        let store = try await ReferenceSegmentStore.open(folder: folder, options: options)
        let report = store.recoveryReport
        let outcome = await Result(catching: { () async throws -> StoreInspection in
            var keys: Set<String> = []
            var duplicates: [String] = []
            var broken: [String] = []
            var members: [String: Set<CustomerID>] = [:]
            for definition in try await store.definitions() {
                for revision in 0..<max(0, definition.revision) { keys.insert("\(definition.name)#\(revision + 1)") }
                if definition.revision < 1 || definition != (try? Self.definition(definition.name, revision: definition.revision)) {
                    broken.append("\(definition.name): revision \(definition.revision) does not hold what was saved at it")
                }
                let listed = try await store.members(of: definition.name, after: nil, limit: Int.max)
                members[definition.name] = Set(listed)
                if Set(listed).count != listed.count || listed != listed.sorted() {
                    duplicates.append("\(definition.name): members listed out of order or twice")
                }
                for customer in listed {
                    keys.insert("\(definition.name)+\(customer.rawValue)")
                    if try await !store.segments(of: customer).contains(definition.name) {
                        broken.append("\(definition.name): member \(customer.rawValue) does not list the segment")
                    }
                }
            }
            let fired = store.state.read { $0.fired }
            for (customer, held) in fired {
                for key in held { keys.insert("\(customer.rawValue)!\(key)") }
                for key in held where key.hasPrefix("entered:") {
                    let name = String(key.dropFirst("entered:".count))
                    keys.insert("\(name)+\(customer.rawValue)")
                    guard members[name]?.contains(customer) != true else { continue }
                    keys.insert("\(name)-\(customer.rawValue)")
                    let cycle = customer.rawValue.split(separator: "-").last.flatMap { Int($0) } ?? 0
                    if cycle % 2 == 0 { broken.append("\(name): \(customer.rawValue) left without an exit") }
                }
                let segments = try await store.segments(of: customer)
                for name in segments where members[name]?.contains(customer) != true {
                    broken.append("\(customer.rawValue): lists \(name) without being listed among its members")
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return StoreInspection(
                report: report, keys: keys, duplicates: duplicates, brokenChains: broken.sorted(),
                fingerprint: try store.state.read { try encoder.encode($0) })
        })
        try await store.close()
        return try outcome.get()
    }
}
