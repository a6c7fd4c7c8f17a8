import Foundation

extension SegmentationService {
    /// Loads every customer's facts and every stored definition, evaluates them, and
    /// stores and announces the difference from the members stored before: at start-up,
    /// the entries and exits that happened while the process was down, and nothing else.
    ///
    /// Replaces whatever was loaded before. A stored definition that no longer compiles
    /// under ``schema`` is listed in ``unusableDefinitions`` and skipped, its stored members
    /// untouched.
    ///
    /// - Parameters:
    ///   - facts: Every customer's facts (a later fact for the same customer wins).
    ///   - expectedCount: How many customers `facts` holds, when known (the fact table
    ///     makes room for them at once instead of growing); the sequence's
    ///     `underestimatedCount` otherwise.
    /// - Returns: The entries and exits stored, and no transitions (there is no earlier
    ///   stage to compare with).
    /// - Throws: The store's errors; what was loaded into memory stays loaded, and the
    ///   segments not yet compared are compared by the next write.
    /// - Complexity: O(customers × segments) evaluation plus reading every stored member.
    @discardableResult
    public func load(_ facts: some Sequence<CustomerFacts>, expectedCount: Int? = nil) async throws -> SegmentationReport {
        try await load(expectedCount: expectedCount ?? facts.underestimatedCount) { upsert in facts.forEach(upsert) }
    }

    /// Loads every customer's facts as the `load(_:)` over a `Sequence` does, taking
    /// them one at a time from an asynchronous sequence, so that a host building them page by
    /// page from its stores never holds them all as values: only the fact table's columns.
    ///
    /// - Parameters:
    ///   - facts: Every customer's facts (a later fact for the same customer wins).
    ///   - expectedCount: How many customers `facts` holds, when known: the fact table
    ///     makes room for them at once. Growing it customer by customer instead leaves the
    ///     outgrown columns behind as memory the process still holds (about 50 bytes a
    ///     customer at a million).
    /// - Throws: The sequence's errors (nothing is loaded then) and the store's.
    @discardableResult
    public func load(_ facts: some AsyncSequence<CustomerFacts, any Error>, expectedCount: Int = 0) async throws -> SegmentationReport {
        try await load(expectedCount: expectedCount) { upsert in
            for try await customer in facts { upsert(customer) }
        }
    }

    /// Loads a table of every customer's facts read from an image
    /// (``FactTable/init(image:schema:)``) as `load(_:)` loads facts: its lifecycle stages
    /// set at the clock's now, then `updated` customers' facts set and `removed` customers
    /// taken out, before the stored definitions are evaluated and settled.
    ///
    /// - Throws: The store's errors, as `load(_:)`.
    @discardableResult
    package func load(
        _ table: consuming FactTable, updating updated: [CustomerFacts], removing removed: [CustomerID]
    ) async throws -> SegmentationReport {
        let now = clock.now()
        var table = table
        table.setLifecycleStages(configuration.lifecycle, at: now)
        for customer in removed { table.remove(customer) }
        for customer in updated { table.upsert(staged(customer, at: now)) }
        let loaded = table
        return try await write { try await install(loaded, at: now) }
    }

    private func load(
        expectedCount: Int, filling fill: (_ upsert: (CustomerFacts) -> Void) async throws -> Void
    ) async throws -> SegmentationReport {
        try await write {
            let now = clock.now()
            var table = FactTable(schema: schema)
            table.reserveCapacity(expectedCount)
            try await fill { customer in table.upsert(staged(customer, at: now)) }
            return try await install(table, at: now)
        }
    }

    /// Evaluates the stored definitions over `table` (every customer's facts, staged at
    /// `now`), makes it the loaded state, and settles each segment against its stored
    /// members: the body of every load, run as a write.
    private func install(_ table: FactTable, at now: Date) async throws -> SegmentationReport {
        let definitions = try await store.definitions()
        var memberships = SegmentMemberships(table: table)
        var revisions: [String: Int] = [:]
        var unusable: [String: SegmentationError] = [:]
        var compiled: [(name: String, evaluator: SegmentEvaluator)] = []
        for definition in definitions {
            switch Result(catching: { () throws(SegmentationError) in try SegmentEvaluator(definition.query, schema: schema) }) {
            case .success(let evaluator):
                compiled.append((definition.name, evaluator))
                revisions[definition.name] = definition.revision
            case .failure(let error):
                unusable[definition.name] = error
            }
        }
        // Evaluated side by side; the changes against the stored members are settled below.
        memberships.defineAll(compiled, at: now)
        live.withLock { live in
            live = Live(memberships: memberships, revisions: revisions, unusable: unusable, unsettled: Set(revisions.keys))
        }
        let report = SegmentationReport(changes: try await settleAll(revisions.keys.sorted()))
        announce(report, at: now)
        return report
    }

    /// Settles segments `names` side by side, one per core, and returns their changes in
    /// the order of `names`. A segment that fails stays unsettled (the next write settles
    /// it), and the first failure is rethrown.
    private func settleAll(_ names: [String]) async throws -> [MembershipChange] {
        let width = Swift.min(names.count, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))
        var settled = [[MembershipChange]](repeating: [], count: names.count)
        try await withThrowingTaskGroup(of: (Int, [MembershipChange]).self) { group in
            var next = 0
            while next < width {
                let index = next
                group.addTask { (index, try await settle(names[index])) }
                next += 1
            }
            while let (index, changes) = try await group.next() {
                settled[index] = changes
                if next < names.count {
                    let index = next
                    group.addTask { (index, try await settle(names[index])) }
                    next += 1
                }
            }
        }
        return settled.flatMap { $0 }
    }

    /// Defines segment `name` (or redefines it), evaluates it over every customer, and
    /// stores and announces who entered and left.
    ///
    /// The query is parsed and type-checked first; its canonical text is what is stored.
    ///
    /// - Parameters:
    ///   - name: 1–64 characters from `[a-z0-9_.-]`.
    ///   - query: The query text.
    ///   - expectedRevision: The revision read (0 for a new segment).
    /// - Returns: The definition as stored, and the membership changes.
    /// - Throws: The parser's errors (with the position in `query`),
    ///   ``SegmentationErrorCode/invalidSegmentName``, ``SegmentationErrorCode/conflict``
    ///   when the stored revision is not `expectedRevision`, or the store's errors.
    /// - Complexity: O(customers) for the evaluation.
    public func define(
        _ name: String, query: String, expectedRevision: Int
    ) async throws -> (definition: SegmentDefinition, changes: [MembershipChange]) {
        let evaluator = try SegmentEvaluator(query, schema: schema)
        return try await write {
            let now = clock.now()
            let definition = try SegmentDefinition(name: name, query: evaluator.query.description, updatedAt: now)
            let stored = try await store.save(definition, expectedRevision: expectedRevision)
            let changes = live.withLock { live in
                live.revisions[name] = stored.revision
                live.unusable[name] = nil
                return live.memberships.define(name, evaluator, at: now)
            }
            emit("defined", nil, at: now, ["segment": name, "revision": String(stored.revision)])
            let report = SegmentationReport(changes: try await persist(changes))
            announce(report, at: now)
            return (stored, report.changes)
        }
    }

    /// Removes segment `name` with its stored members; its members exit (announced, and
    /// returned).
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment``, ``SegmentationErrorCode/conflict``
    ///   when the stored revision is not `expectedRevision`, or the store's errors.
    @discardableResult
    public func remove(segment name: String, expectedRevision: Int) async throws -> [MembershipChange] {
        try await write {
            let now = clock.now()
            try await store.removeDefinition(named: name, expectedRevision: expectedRevision)
            let changes = live.withLock { live in
                live.revisions[name] = nil
                live.unusable[name] = nil
                live.unsettled.remove(name)
                return live.memberships.remove(segment: name)
            }
            emit("removed", nil, at: now, ["segment": name])
            announce(SegmentationReport(changes: changes), at: now)
            return changes
        }
    }

    /// The stored definitions, in name order.
    public func definitions() async throws -> [SegmentDefinition] {
        try await store.definitions()
    }
}
