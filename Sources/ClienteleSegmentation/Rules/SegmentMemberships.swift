public import Foundation
import Dispatch

/// The members of every segment of a shop, kept up to date customer by customer.
///
/// Defining a segment (or ``refresh(at:)``, once a day, since relative dates move) evaluates
/// it over the whole ``FactTable`` in batch; ``update(_:at:)`` then changes one customer's
/// facts and re-evaluates only that customer against every segment, returning who entered
/// and who left. A pure value: the host keeps it, persists the definitions through its
/// segment store, and turns the changes into events.
///
/// ```swift
/// var memberships = SegmentMemberships(table: table)
/// _ = memberships.define("lapsed-vip", try SegmentEvaluator(text, schema: schema), at: now)
/// for change in memberships.update(factsAfterOrder, at: now) { publish(change) }
/// ```
public struct SegmentMemberships: Sendable {
    /// The facts of every customer.
    public private(set) var table: FactTable
    /// The segments in name order, each with its evaluator and members: one array, so an
    /// update walks it without hashing a name.
    private var entries: [(name: String, evaluator: SegmentEvaluator, members: MemberSet)] = []
    /// The entries' queries bound to `rowDay` for ``update(_:at:)`` (relative dates
    /// resolved once a day, not once a customer); `rowDay` `nil`: bind again before the
    /// next update (a segment was defined or removed).
    private var rowPrograms = RowPrograms([], today: UTCDay(daysSinceEpoch: 0))
    private var rowDay: UTCDay?

    /// The segments by name.
    public var segments: [String: SegmentEvaluator] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.evaluator) })
    }

    /// The members of each segment, by name.
    public var members: [String: MemberSet] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.members) })
    }

    /// Memberships over `table`, with no segment yet.
    public init(table: FactTable) {
        self.table = table
    }

    /// The customers in segment `name`, in row order; empty for an unknown name.
    public func customers(in name: String) -> [CustomerID] {
        index(of: name).map { table.customers(in: entries[$0].members) } ?? []
    }

    /// Whether `customer` is in segment `name`.
    public func contains(_ customer: CustomerID, in name: String) -> Bool {
        guard let row = table.row(of: customer), let index = index(of: name) else { return false }
        return entries[index].members.contains(row)
    }

    /// The evaluator of segment `name`, or `nil` for an unknown name.
    func evaluator(named name: String) -> SegmentEvaluator? {
        index(of: name).map { entries[$0].evaluator }
    }

    /// The segments `customer` is in, in name order.
    ///
    /// - Complexity: O(segments).
    public func segments(containing customer: CustomerID) -> [String] {
        guard let row = table.row(of: customer) else { return [] }
        return entries.compactMap { $0.members.contains(row) ? $0.name : nil }
    }

    /// Defines (or redefines) segment `name` and evaluates it over every customer.
    ///
    /// - Returns: Who entered and left compared with the previous definition (everyone
    ///   entered for a new segment).
    @discardableResult
    public mutating func define(_ name: String, _ evaluator: SegmentEvaluator, at instant: Date) -> [MembershipChange] {
        let new = evaluator.members(of: table, at: instant)
        return replace(at: entry(name, evaluator), with: new)
    }

    /// Defines every segment of `segments` (each name once) at once, evaluating them side by
    /// side on every core, without listing who entered: for a load, which compares the
    /// members with the ones stored itself. A name already defined is redefined.
    ///
    /// - Complexity: O(segments × rows × predicates), spread over the cores.
    public mutating func defineAll(_ segments: [(name: String, evaluator: SegmentEvaluator)], at instant: Date) {
        let members = Self.members(of: segments.map(\.evaluator), over: table, at: instant)
        for ((name, evaluator), members) in zip(segments, members) {
            entries[entry(name, evaluator)].members = members
        }
    }

    /// The index of segment `name`'s entry, now with `evaluator`: a new segment gets an
    /// entry without members at its place in name order. The row programs are bound again
    /// before the next update.
    private mutating func entry(_ name: String, _ evaluator: SegmentEvaluator) -> Int {
        rowDay = nil
        if let index = index(of: name) {
            entries[index].evaluator = evaluator
            return index
        }
        let position = entries.firstIndex { $0.name > name } ?? entries.count
        entries.insert((name, evaluator, MemberSet(capacity: 0)), at: position)
        return position
    }

    /// Each evaluator's members over `table`, the evaluators spread over the cores (each
    /// reads the table, which nothing writes meanwhile, and writes its own slot).
    private static func members(of evaluators: [SegmentEvaluator], over table: FactTable, at instant: Date) -> [MemberSet] {
        guard evaluators.count > 1 else { return evaluators.map { $0.members(of: table, at: instant) } }
        let slots = Slots(count: evaluators.count)
        defer { slots.free() }
        DispatchQueue.concurrentPerform(iterations: evaluators.count) { index in
            slots.store(evaluators[index].members(of: table, at: instant), at: index)
        }
        return slots.values
    }

    /// One result slot per evaluator, each written once by the iteration of its index.
    private final class Slots: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<MemberSet>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: MemberSet(capacity: 0))
        }

        func store(_ members: MemberSet, at index: Int) { slots[index] = members }

        var values: [MemberSet] { Array(slots) }

        func free() {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    /// Removes segment `name`; its members exit.
    @discardableResult
    public mutating func remove(segment name: String) -> [MembershipChange] {
        guard let index = index(of: name) else { return [] }
        rowDay = nil
        let old = entries.remove(at: index).members
        return table.customers(in: old).map { MembershipChange(segment: name, customer: $0, kind: .exited) }
    }

    /// Re-evaluates every segment over every customer at `instant` (relative dates such as
    /// `-30d` move with the day), returning who entered and left, by segment name.
    @discardableResult
    public mutating func refresh(at instant: Date) -> [MembershipChange] {
        var changes: [MembershipChange] = []
        for index in entries.indices {
            changes += replace(at: index, with: entries[index].evaluator.members(of: table, at: instant))
        }
        return changes
    }

    /// Sets one customer's facts and re-evaluates that customer alone against every
    /// segment, returning the segments it entered and left (by segment name).
    ///
    /// - Complexity: O(segments × predicates).
    @discardableResult
    public mutating func update(_ facts: CustomerFacts, at instant: Date) -> [MembershipChange] {
        let row = table.upsert(facts)
        let today = UTCDay(utcDayOf: instant)
        if rowDay != today || rowPrograms.roots.count != entries.count {
            rowPrograms = RowPrograms(entries.map(\.evaluator.root), today: today)
            rowDay = today
        }
        let days = RowDays(facts)
        var changes: [MembershipChange] = []
        let programs = rowPrograms
        programs.nodes.withUnsafeBufferPointer { nodes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: programs.purposes.count) { consents in
                // Each consent purpose the queries read, looked up once for all of them.
                for (slot, purpose) in programs.purposes.enumerated() { consents[slot] = FactTable.code(facts.consent(purpose)) }
                for index in entries.indices {
                    let member = programs.evaluate(index, facts, days: days, consents: UnsafeBufferPointer(consents), nodes: nodes, today: today) == .true
                    guard entries[index].members.contains(row) != member else { continue }
                    entries[index].members.set(row, member)
                    changes.append(MembershipChange(segment: entries[index].name, customer: facts.customer, kind: member ? .entered : .exited))
                }
            }
        }
        return changes
    }

    /// Removes a customer from the table; it exits every segment it was in.
    @discardableResult
    public mutating func remove(customer: CustomerID) -> [MembershipChange] {
        guard let row = table.row(of: customer) else { return [] }
        var changes: [MembershipChange] = []
        for index in entries.indices where entries[index].members.contains(row) {
            entries[index].members.set(row, false)
            changes.append(MembershipChange(segment: entries[index].name, customer: customer, kind: .exited))
        }
        table.remove(customer)
        return changes
    }

    private func index(of name: String) -> Int? {
        entries.firstIndex { $0.name == name }
    }

    private mutating func replace(at position: Int, with new: MemberSet) -> [MembershipChange] {
        let name = entries[position].name
        let old = entries[position].members
        entries[position].members = new
        var changes: [MembershipChange] = []
        let words = max(old.words.count, new.words.count)
        for index in 0..<words {
            let before = index < old.words.count ? old.words[index] : 0
            let after = index < new.words.count ? new.words[index] : 0
            var entered = after & ~before, exited = before & ~after
            while entered != 0 {
                changes.append(MembershipChange(segment: name, customer: table.customers[index << 6 + entered.trailingZeroBitCount], kind: .entered))
                entered &= entered - 1
            }
            while exited != 0 {
                changes.append(MembershipChange(segment: name, customer: table.customers[index << 6 + exited.trailingZeroBitCount], kind: .exited))
                exited &= exited - 1
            }
        }
        return changes
    }
}
