import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// Batch evaluation over the columnar `FactTable` agrees, customer for customer, with the
/// row evaluator over the customers' own facts: for random customers (NULLs, lists,
/// consent, profile values) and random queries over every attribute kind, before and after
/// customers change or leave.
@Suite struct FactTableAgreementTests {
    static let now = SegmentFixtures.randomNow  // 2026-11-01T00:00:00Z

    static func schema() throws -> SegmentSchema { try SegmentFixtures.randomSchema() }

    typealias Random = SegmentFixtures.SeededGenerator

    static func facts(_ index: Int, _ random: inout Random) throws -> CustomerFacts {
        try SegmentFixtures.randomFacts(index, using: &random)
    }

    static let predicates = SegmentFixtures.randomPredicates

    static func query(_ random: inout Random) -> String { SegmentFixtures.randomQuery(using: &random) }

    @Test func batchEvaluationAgreesWithTheRowEvaluatorForEveryCustomer() throws {
        let schema = try Self.schema()
        var random = Random(seed: 20_261_203)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<700 {
            let facts = try Self.facts(index, &random)
            all.append(facts)
            table.upsert(facts)
        }
        // Some customers change, some leave.
        var removed = Set<Int>()
        for _ in 0..<150 {
            let index = random.below(all.count)
            if random.chance(20) {
                table.remove(all[index].customer)
                removed.insert(index)
            } else {
                all[index] = try Self.facts(index, &random)
                table.upsert(all[index])
                removed.remove(index)
            }
        }
        var checked = 0, splitting = 0
        for text in Self.predicates + (0..<300).map({ _ in Self.query(&random) }) {
            let evaluator = try SegmentEvaluator(text, schema: schema)
            let members = evaluator.members(of: table, at: Self.now)
            if members.count > 0 && members.count < table.count { splitting += 1 }
            for (index, facts) in all.enumerated() {
                let row = try #require(table.row(of: facts.customer) ?? (removed.contains(index) ? -1 : nil))
                let expected = !removed.contains(index) && evaluator.isMember(facts, at: Self.now)
                #expect(members.contains(row) == expected, "\(text) for customer \(index)")
                checked += 1
            }
        }
        #expect(checked > 200_000)
        #expect(splitting > 200, "most queries hold for some customers and not for others")
    }

    /// Room made in advance (more or fewer rows than are then filled) changes nothing the
    /// table holds or selects.
    @Test(arguments: [0, 10, 50, 1_000])
    func aTableWithRoomMadeInAdvanceHoldsAndSelectsTheSame(rows: Int) throws {
        let schema = try Self.schema()
        var random = Random(seed: 11)
        var grown = FactTable(schema: schema)
        var reserved = FactTable(schema: schema)
        reserved.reserveCapacity(rows)
        for index in 0..<50 {
            let facts = try Self.facts(index, &random)
            #expect(grown.upsert(facts) == reserved.upsert(facts))
        }
        for row in 0..<50 { #expect(grown.facts(at: row) == reserved.facts(at: row)) }
        for query in ["number_of_orders >= 2", "consent.newsletter = 'granted'", "country = 'NL' OR groups CONTAINS 'vip'"] {
            let evaluator = try SegmentEvaluator(query, schema: schema)
            #expect(evaluator.members(of: grown, at: Self.now) == evaluator.members(of: reserved, at: Self.now), "\(query)")
        }
    }

    @Test func theTableReadsBackWhatWasUpserted() throws {
        let schema = try Self.schema()
        var random = Random(seed: 7)
        var table = FactTable(schema: schema)
        for index in 0..<50 {
            let facts = try Self.facts(index, &random)
            let row = table.upsert(facts)
            let read = try #require(table.facts(at: row))
            #expect(read.numberOfOrders == facts.numberOfOrders && read.groups == facts.groups && read.country == facts.country)
            #expect(read.lastVisitDate.map(UTCDay.init(utcDayOf:)) == facts.lastVisitDate.map(UTCDay.init(utcDayOf:)))
            #expect(read.birthDate == facts.birthDate)
            #expect(read.consent("newsletter") == facts.consent("newsletter"))
        }
        #expect(table.count == 50)
        table.remove(try CustomerID(validating: "c3"))
        let removedID = try CustomerID(validating: "c3")
        #expect(table.count == 49 && table.row(of: removedID) == nil)
        #expect(table.facts(at: 3) == nil)
        let members = try SegmentEvaluator("number_of_orders >= 0", schema: schema).members(of: table, at: Self.now)
        #expect(members.count == 49)
    }
}

/// Incremental membership (one customer re-evaluated) agrees with batch evaluation of the
/// whole table after every change, and reports exactly the entries and exits.
@Suite struct SegmentMembershipsTests {
    typealias Random = FactTableAgreementTests.Random

    @Test func incrementalUpdatesAgreeWithBatchEvaluationAfterEveryChange() throws {
        let schema = try FactTableAgreementTests.schema()
        let now = FactTableAgreementTests.now
        var random = Random(seed: 42)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<300 {
            let facts = try FactTableAgreementTests.facts(index, &random)
            all.append(facts)
            table.upsert(facts)
        }
        var memberships = SegmentMemberships(table: table)
        let texts = (0..<12).map { _ in FactTableAgreementTests.query(&random) }
        for (index, text) in texts.enumerated() {
            let entered = memberships.define("s\(index)", try SegmentEvaluator(text, schema: schema), at: now)
            #expect(entered.allSatisfy { $0.kind == .entered })
            #expect(entered.count == memberships.members["s\(index)"]?.count)
        }
        for step in 0..<200 {
            let index = random.below(all.count)
            let before = Dictionary(uniqueKeysWithValues: texts.indices.map { ("s\($0)", memberships.contains(all[index].customer, in: "s\($0)")) })
            let changes: [MembershipChange]
            if step % 25 == 24 {
                changes = memberships.remove(customer: all[index].customer)
            } else {
                all[index] = try FactTableAgreementTests.facts(index, &random)
                changes = memberships.update(all[index], at: now)
            }
            for (name, evaluator) in memberships.segments {
                #expect(memberships.members[name]?.words == evaluator.members(of: memberships.table, at: now).words, "\(name) after step \(step)")
                let after = memberships.contains(all[index].customer, in: name)
                let change = changes.first { $0.segment == name }
                #expect(change?.kind == (before[name] == after ? nil : (after ? .entered : .exited)), "\(name) after step \(step)")
            }
            #expect(changes.allSatisfy { $0.customer == all[index].customer })
        }
    }

    /// Segments defined all at once (evaluated side by side, as a load does) have the members,
    /// order and incremental behaviour of segments defined one by one.
    @Test func segmentsDefinedAllAtOnceAgreeWithSegmentsDefinedOneByOne() throws {
        let schema = try FactTableAgreementTests.schema()
        let now = FactTableAgreementTests.now
        var random = Random(seed: 7)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<700 {
            all.append(try FactTableAgreementTests.facts(index, &random))
            table.upsert(all[index])
        }
        let segments = try (0..<15).map { index in
            ("s\((index * 7) % 15)", try SegmentEvaluator(FactTableAgreementTests.query(&random), schema: schema))
        }
        var oneByOne = SegmentMemberships(table: table)
        for (name, evaluator) in segments { oneByOne.define(name, evaluator, at: now) }
        var atOnce = SegmentMemberships(table: table)
        atOnce.defineAll(segments.map { (name: $0.0, evaluator: $0.1) }, at: now)
        #expect(atOnce.members == oneByOne.members)
        #expect(atOnce.segments.keys.sorted() == oneByOne.segments.keys.sorted())
        for facts in all.prefix(50) { #expect(atOnce.segments(containing: facts.customer) == oneByOne.segments(containing: facts.customer)) }
        let changed = try FactTableAgreementTests.facts(3, &random)
        #expect(atOnce.update(changed, at: now) == oneByOne.update(changed, at: now))
        // Defining again replaces: the same members as one by one.
        atOnce.defineAll([(name: "s1", evaluator: segments[0].1)], at: now)
        oneByOne.define("s1", segments[0].1, at: now)
        #expect(atOnce.members == oneByOne.members)
    }

    @Test func aRefreshOnALaterDayMovesRelativeDates() throws {
        let schema = try FactTableAgreementTests.schema()
        let day: TimeInterval = 86_400
        let created = FactTableAgreementTests.now
        let customer = try CustomerID(validating: "c1")
        var table = FactTable(schema: schema)
        table.upsert(CustomerFacts(customer: customer, createdAt: created))
        var memberships = SegmentMemberships(table: table)
        #expect(memberships.define("new", try SegmentEvaluator("created_at >= -30d", schema: schema), at: created).map(\.kind) == [.entered])
        #expect(memberships.refresh(at: created + 30 * day).isEmpty)
        #expect(memberships.refresh(at: created + 31 * day) == [MembershipChange(segment: "new", customer: customer, kind: .exited)])
        #expect(memberships.customers(in: "new").isEmpty)
    }
}
