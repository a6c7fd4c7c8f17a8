import Foundation

/// Everything the reference segment store holds, as a journaled value: the definitions,
/// the members of each segment, and the fired trigger keys of each customer. `apply`
/// enforces the contract of ``SegmentStore`` itself (revisions, membership preconditions,
/// fired-key claims), so the in-memory and the file-backed store cannot differ.
public struct SegmentState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Store a definition whose stored revision is `expectedRevision` (0: none); its
        /// own revision must be one more.
        case save(SegmentDefinition, expectedRevision: Int)
        /// Remove a definition stored at `expectedRevision`, with its members.
        case remove(name: String, expectedRevision: Int)
        /// Apply a membership change.
        case record(SegmentMembershipDelta)
        /// Record trigger keys as fired for a customer, none of them fired yet.
        case fire(keys: [String], customer: CustomerID)
        /// Remove a customer from every segment and forget its fired keys.
        case erase(customer: CustomerID)
    }

    /// The definitions by name.
    public private(set) var definitions: [String: SegmentDefinition] = [:]
    /// The members of each defined segment, ascending: also what a customer's segments are
    /// read from (one binary search per segment), so no set of segments is kept per
    /// customer (a few hundred thousand small sets, built again at every open).
    private var members: [String: SortedCustomerIDs] = [:]
    /// The fired trigger keys of each customer.
    public private(set) var fired: [CustomerID: Set<String>] = [:]

    /// An empty state.
    public init() {}

    /// Applies a change, or throws (``SegmentationErrorCode/conflict``,
    /// ``SegmentationErrorCode/unknownSegment``, ``SegmentationErrorCode/invalidTriggerKey``)
    /// and changes nothing.
    public mutating func apply(_ change: Change) throws {
        try applyTyped(change)
    }

    mutating func applyTyped(_ change: Change) throws(SegmentationError) {
        switch change {
        case .save(let definition, let expected):
            try SegmentDefinition.check(name: definition.name)
            try requireRevision(expected, of: definition.name, allowingNone: true)
            guard expected < Int.max, definition.revision == expected + 1 else {
                throw SegmentationError(
                    .conflict, "A definition saved from revision \(expected) must be one revision more, not \(definition.revision).",
                    context: ErrorContext(field: "revision", item: definition.name))
            }
            if definitions.updateValue(definition, forKey: definition.name) == nil { members[definition.name] = SortedCustomerIDs() }
        case .remove(let name, let expected):
            guard definitions[name] != nil else { throw Self.unknown(name) }
            try requireRevision(expected, of: name, allowingNone: false)
            definitions[name] = nil
            members[name] = nil
        case .record(let delta):
            try check(delta)
            var list = members[delta.segment] ?? SortedCustomerIDs()
            members[delta.segment] = nil  // unique while it changes
            for customer in delta.exited { list.remove(customer) }
            for customer in delta.entered { list.insert(customer) }
            members[delta.segment] = list
        case .fire(let keys, let customer):
            let held = fired[customer] ?? []
            for key in keys {
                guard (1...SegmentStoreLimits.maximumTriggerKeyLength).contains(key.utf8.count) else {
                    throw SegmentationError(
                        .invalidTriggerKey, "A trigger key must be 1-\(SegmentStoreLimits.maximumTriggerKeyLength) bytes.",
                        context: ErrorContext(field: "keys", item: customer.rawValue))
                }
                guard !held.contains(key) else {
                    throw SegmentationError(
                        .conflict, "Trigger \(key) already fired for the customer; read the fired keys again.",
                        context: ErrorContext(field: "keys", item: customer.rawValue))
                }
            }
            guard !keys.isEmpty else { return }
            fired[customer] = held.union(keys)
        case .erase(let customer):
            fired[customer] = nil
            // The names first: writing a list inside a loop over the dictionary would copy it.
            for name in Array(members.keys) { members[name]?.remove(customer) }
        }
    }

    /// The members of `segment`, ascending, strictly after `after`, at most `limit`; nil
    /// for an unknown segment.
    ///
    /// - Complexity: O(log n + limit).
    public func members(of segment: String, after: CustomerID?, limit: Int) -> [CustomerID]? {
        members[segment]?.page(after: after, limit: limit)
    }

    /// The segments `customer` is a member of, in name order.
    ///
    /// - Complexity: O(segments × log members).
    public func segments(of customer: CustomerID) -> [String] {
        members.compactMap { $1.contains(customer) ? $0 : nil }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func requireRevision(_ expected: Int, of name: String, allowingNone: Bool) throws(SegmentationError) {
        let stored = definitions[name]?.revision ?? 0
        guard stored == expected, allowingNone || stored > 0 else {
            throw SegmentationError(
                .conflict, "Segment \(name) changed since it was read (stored revision \(stored), expected \(expected)); read it again and retry.",
                context: ErrorContext(field: "revision", item: name))
        }
    }

    private func check(_ delta: SegmentMembershipDelta) throws(SegmentationError) {
        guard let definition = definitions[delta.segment] else { throw Self.unknown(delta.segment) }
        guard definition.revision == delta.definitionRevision else {
            throw SegmentationError(
                .conflict, "Segment \(delta.segment) is at revision \(definition.revision); the change was computed for \(delta.definitionRevision).",
                context: ErrorContext(field: "definitionRevision", item: delta.segment))
        }
        let current = members[delta.segment] ?? SortedCustomerIDs()
        var seen = Set<CustomerID>()
        for customer in delta.exited {
            guard seen.insert(customer).inserted, current.contains(customer) else {
                throw Self.stale(delta.segment, "a customer who is not a member (or twice)")
            }
        }
        for customer in delta.entered {
            guard seen.insert(customer).inserted, !current.contains(customer) else {
                throw Self.stale(delta.segment, "a customer who is already a member (or twice)")
            }
        }
    }

    private static func unknown(_ name: String) -> SegmentationError {
        SegmentationError(.unknownSegment, "No segment named \(name) is defined.", context: ErrorContext(field: "segment", item: name))
    }

    private static func stale(_ segment: String, _ what: String) -> SegmentationError {
        SegmentationError(
            .conflict, "The membership change for segment \(segment) names \(what); read the members again.",
            context: ErrorContext(field: "delta", item: segment))
    }

    // MARK: Codable: definitions, members and fired keys in order.

    // `packedMembers`: one byte string, for each segment in name order its name, its member
    // count and each member's ID (`PackedWriter` texts). `members`: the snapshots written
    // before (a list of segments and their members), still read.
    private enum CodingKeys: String, CodingKey { case definitions, members, packedMembers, fired }

    /// A segment's members as snapshots before `packedMembers` held them.
    private struct StoredMembers: Codable {
        var segment: String
        var customers: [CustomerID]
    }

    private struct StoredFired: Codable {
        var customer: CustomerID
        var keys: [String]
    }

    /// Decodes a snapshot.
    ///
    /// - Throws: `DecodingError` when a name repeats or members belong to no definition.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for definition in try container.decode([SegmentDefinition].self, forKey: .definitions) {
            guard definitions.updateValue(definition, forKey: definition.name) == nil else {
                throw DecodingError.dataCorruptedError(forKey: .definitions, in: container, debugDescription: "A segment defined twice.")
            }
            members[definition.name] = SortedCustomerIDs()
        }
        func install(_ customers: [CustomerID], of segment: String, key: CodingKeys) throws {
            guard definitions[segment] != nil else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "Members of an undefined segment.")
            }
            members[segment] = SortedCustomerIDs(sorting: customers)
        }
        if container.contains(.packedMembers) {
            let bytes = try container.decode([UInt8].self, forKey: .packedMembers)
            try bytes.withUnsafeBytes { raw in
                var reader = PackedReader(raw)
                do {
                    while !reader.isAtEnd {
                        let segment = try reader.text()
                        // Each member takes at least a byte.
                        let count = try reader.count(atMost: reader.remaining)
                        var customers: [CustomerID] = []
                        customers.reserveCapacity(count)
                        for _ in 0..<count {
                            guard let customer = CustomerID(rawValue: try reader.text()) else { throw reader.malformed("a member's customer ID is not valid") }
                            customers.append(customer)
                        }
                        try install(customers, of: segment, key: .packedMembers)
                    }
                } catch let error as PackedReader.Malformed {
                    throw DecodingError.dataCorruptedError(forKey: .packedMembers, in: container, debugDescription: "\(error)")
                }
            }
        } else {
            for stored in try container.decode([StoredMembers].self, forKey: .members) {
                try install(stored.customers, of: stored.segment, key: .members)
            }
        }
        for stored in try container.decode([StoredFired].self, forKey: .fired) {
            fired[stored.customer] = Set(stored.keys)
        }
    }

    /// Encodes the state in name and id order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let names = definitions.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try container.encode(names.compactMap { definitions[$0] }, forKey: .definitions)
        var packed = PackedWriter()
        for name in names {
            let customers = members[name]?.page(after: nil, limit: Int.max) ?? []
            packed.text(name)
            packed.count(customers.count)
            for customer in customers { packed.text(customer.rawValue) }
        }
        try container.encode(packed.bytes, forKey: .packedMembers)
        try container.encode(
            fired.keys.sorted().map { StoredFired(customer: $0, keys: (fired[$0] ?? []).sorted()) }, forKey: .fired)
    }
}
