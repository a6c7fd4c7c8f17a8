import Foundation

extension SegmentationService {
    /// Sets one customer's facts (a new customer is added) and re-evaluates that customer
    /// alone against every segment; stores and announces the entries and exits, and the
    /// lifecycle transition if the stage changed.
    ///
    /// - Throws: The store's errors; the facts are then in memory and the changes are
    ///   stored and announced by the next write.
    /// - Complexity: O(segments × predicates), plus one store write per segment changed.
    @discardableResult
    public func update(_ facts: CustomerFacts) async throws -> SegmentationReport {
        try await write {
            let now = clock.now()
            let new = staged(facts, at: now)
            let (changes, transition) = live.withLock { live in
                let table = live.memberships.table
                let old = table.row(of: facts.customer).flatMap { table.facts(at: $0) }
                let transition = configuration.lifecycle.transition(
                    fromStage: old?.lifecycleStage.flatMap(LifecycleStage.init(rawValue:)), to: new, at: now)
                return (live.memberships.update(new, at: now), transition)
            }
            let report = SegmentationReport(changes: try await persist(changes), transitions: transition.map { [$0] } ?? [])
            announce(report, at: now)
            return report
        }
    }

    /// Re-evaluates every customer at now: lifecycle stages move with the days (a customer
    /// becomes at risk on the 90th day without an order) and so do relative dates (`-30d`
    /// is another day tomorrow). Run it once a day. Stores and announces every change.
    ///
    /// - Complexity: O(customers × segments) evaluation, plus reading each customer's
    ///   facts for its stage.
    @discardableResult
    public func refresh() async throws -> SegmentationReport {
        try await write {
            let now = clock.now()
            let (changes, transitions) = live.withLock { live in
                var changes: [MembershipChange] = []
                var transitions: [LifecycleTransition] = []
                let table = live.memberships.table
                for row in 0..<table.rowCount {
                    guard let facts = table.facts(at: row) else { continue }
                    let old = facts.lifecycleStage.flatMap(LifecycleStage.init(rawValue:))
                    guard let transition = configuration.lifecycle.transition(fromStage: old, to: facts, at: now) else { continue }
                    transitions.append(transition)
                    changes += live.memberships.update(staged(facts, at: now), at: now)
                }
                changes += live.memberships.refresh(at: now)
                return (changes, transitions)
            }
            let report = SegmentationReport(changes: try await persist(changes), transitions: transitions)
            announce(report, at: now)
            return report
        }
    }

    /// Erases a customer: its facts leave memory, and its stored memberships and fired
    /// trigger keys are erased (``SegmentStore/erase(customer:)``). No entry or exit is
    /// announced, only `segmentation.erased`. Repeatable.
    ///
    /// - Throws: The store's errors; the customer is then still held, and calling again
    ///   finishes the erasure.
    public func erase(customer: CustomerID) async throws {
        try await write {
            try await store.erase(customer: customer)
            live.withLock { _ = $0.memberships.remove(customer: customer) }
            emit("erased", customer, at: clock.now())
        }
    }
}
