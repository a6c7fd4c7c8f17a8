import Foundation

extension SegmentationService {
    /// Runs a write: one at a time, after settling segments a failed write left unsettled.
    func write<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await writes.run(0) {
            let unsettled = live.withLock { $0.unsettled }
            var settled: [MembershipChange] = []
            for name in unsettled.sorted() {
                settled += try await settle(name)
            }
            announce(SegmentationReport(changes: settled), at: clock.now())
            return try await body()
        }
    }

    /// Stores membership changes the in-memory evaluation made, segment by segment, and
    /// returns the changes stored: the same, unless the store held something else (another
    /// process, an earlier failed write), in which case the whole segment was compared with
    /// the store and the real difference stored.
    ///
    /// A failure other than a conflict marks the segments not yet stored as unsettled (the
    /// next write settles them) and is rethrown.
    func persist(_ changes: [MembershipChange]) async throws -> [MembershipChange] {
        guard !changes.isEmpty else { return [] }
        var bySegment: [String: (entered: [CustomerID], exited: [CustomerID])] = [:]
        for change in changes {
            switch change.kind {
            case .entered: bySegment[change.segment, default: ([], [])].entered.append(change.customer)
            case .exited: bySegment[change.segment, default: ([], [])].exited.append(change.customer)
            }
        }
        let names = bySegment.keys.sorted()
        var stored: [MembershipChange] = []
        for (index, name) in names.enumerated() {
            guard let revision = live.withLock({ $0.revisions[name] }), let delta = bySegment[name] else { continue }
            do {
                let change = SegmentMembershipDelta(segment: name, definitionRevision: revision, entered: delta.entered, exited: delta.exited)
                do {
                    try await store.record(change)
                    stored += change.changes
                } catch where Self.isConflict(error) {
                    stored += try await settle(name)
                }
            } catch {
                live.withLock { $0.unsettled.formUnion(names[index...]) }
                throw error
            }
        }
        return stored
    }

    /// Compares segment `name`'s stored members with the evaluated ones and stores the
    /// difference; returns it. Retries when another writer moves the store on meanwhile.
    func settle(_ name: String) async throws -> [MembershipChange] {
        let changes = try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
            let current = live.withLock { live in
                live.revisions[name].map { (revision: $0, members: live.memberships.customers(in: name)) }
            }
            guard let current else { return [MembershipChange]() }
            var storedMembers: [CustomerID] = []
            var after: CustomerID?
            while true {
                let page = try await store.members(of: name, after: after, limit: configuration.memberPageSize)
                storedMembers += page
                guard page.count == configuration.memberPageSize, let last = page.last else { break }
                after = last
            }
            // Usually the same list (a restart with nothing changed): equality is cheaper
            // than the ordered merge.
            guard current.members != storedMembers else { return [MembershipChange]() }
            let (entered, exited) = Self.difference(
                // The evaluated members come in row order: id order for the customers loaded
                // at start. A store pages in id order.
                SortedCustomerIDs.ascending(current.members), SortedCustomerIDs.ascending(storedMembers))
            let delta = SegmentMembershipDelta(segment: name, definitionRevision: current.revision, entered: entered, exited: exited)
            if !delta.isEmpty { try await store.record(delta) }
            return delta.changes
        }
        live.withLock { _ = $0.unsettled.remove(name) }
        return changes
    }

    /// What only `evaluated` holds and what only `stored` holds, both ascending without
    /// repeats: one merge, where sets of a few hundred thousand members would each be
    /// hashed and built first.
    static func difference(_ evaluated: [CustomerID], _ stored: [CustomerID]) -> (entered: [CustomerID], exited: [CustomerID]) {
        var entered: [CustomerID] = []
        var exited: [CustomerID] = []
        var left = 0
        var right = 0
        while left < evaluated.count, right < stored.count {
            if evaluated[left] < stored[right] {
                entered.append(evaluated[left])
                left += 1
            } else if stored[right] < evaluated[left] {
                exited.append(stored[right])
                right += 1
            } else {
                left += 1
                right += 1
            }
        }
        entered += evaluated[left...]
        exited += stored[right...]
        return (entered, exited)
    }
}
