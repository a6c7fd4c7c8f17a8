import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// Batch evaluation over the columnar `FactTable` agrees, customer for customer, with the
/// row evaluator over the customers' own facts: for random customers (NULLs, lists,
/// consent, profile values) and random queries over every attribute kind, before and after
/// customers change or leave.
@Suite struct FactTableAgreementTests {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z

    static func schema() throws -> SegmentSchema {
        try SegmentSchema(currency: .eur, profileFields: ["shoe_size": .number, "pet": .text, "has_pets": .boolean, "hobbies": .list, "anniversary": .date])
    }

    typealias Random = SeededGenerator

    static func facts(_ index: Int, _ random: inout Random) throws -> CustomerFacts {
        func instant(maximumDaysAgo: Int) -> Date {
            now.addingTimeInterval(-Double(random.below(maximumDaysAgo * 86_400)) + Double(random.below(3) - 1))
        }
        let orders = Int64(random.chance(30) ? 0 : random.below(30))
        var facts = CustomerFacts(
            customer: try CustomerID(validating: "c\(index)"), createdAt: instant(maximumDaysAgo: 900), numberOfOrders: orders,
            amountSpentMinorUnits: orders == 0 ? 0 : Int64(random.below(2_000_000)),
            firstOrderDate: orders == 0 ? nil : instant(maximumDaysAgo: 800), lastOrderDate: orders == 0 ? nil : instant(maximumDaysAgo: 400),
            lastVisitDate: random.chance(20) ? nil : instant(maximumDaysAgo: 200),
            country: random.chance(10) ? nil : random.pick(["NL", "BE", "DE", "nl", "FR"]),
            emailDomain: random.chance(5) ? nil : random.pick(["example.nl", "mail.example", "café.example"]),
            groups: random.chance(50) ? [] : [random.pick(["vip", "b2b", "wholesale"])] + (random.chance(20) ? ["staff"] : []),
            tags: random.chance(70) ? [] : [random.pick(["sale", "gift"])],
            accountStatus: random.chance(10) ? nil : random.pick(["active", "pending", "closed"]),
            lifecycleStage: random.chance(30) ? nil : random.pick(["new", "repeat", "loyal", "at_risk"]),
            birthDate: random.chance(40) ? nil : try BirthDate(month: random.below(12) + 1, day: random.below(28) + 1, year: random.chance(50) ? nil : 1950 + random.below(50)))
        if random.chance(80) { facts.consents["newsletter"] = random.pick(ConsentFact.allCases) }
        if random.chance(30) { facts.consents["sms"] = random.pick(ConsentFact.allCases) }
        if random.chance(60) { facts.profile["shoe_size"] = .number(Double(35 + random.below(12))) }
        if random.chance(50) { facts.profile["pet"] = .text(random.pick(["dog", "cat"])) }
        if random.chance(50) { facts.profile["has_pets"] = .boolean(random.chance(50)) }
        if random.chance(50) { facts.profile["hobbies"] = .choices(random.chance(30) ? [] : [random.pick(["garden", "books"])]) }
        if random.chance(40) { facts.profile["anniversary"] = .date(UTCDay(utcDayOf: instant(maximumDaysAgo: 3_000))) }
        if random.chance(5) { facts.profile["shoe_size"] = .text("large") }  // a value of the wrong type reads as NULL
        return facts
    }

    static let predicates = [
        "number_of_orders >= 2", "number_of_orders = 0", "number_of_orders BETWEEN 3 AND 9", "number_of_orders NOT IN (1, 2, 3)",
        "amount_spent >= 500.00", "amount_spent < 1000", "average_order_value > 250.50", "average_order_value IS NULL",
        "last_order_date < -180d", "last_order_date >= -365d", "last_visit_date < -56d", "last_visit_date IS NULL",
        "created_at >= -30d", "created_at = today", "first_order_date BETWEEN '2025-01-01' AND '2025-12-31'",
        "first_order_date NOT BETWEEN -2y AND -1m", "last_visit_date != -3d",
        "country = 'NL'", "country != 'NL'", "country IN ('BE', 'DE')", "country NOT IN ('NL', 'XX')", "country IS NOT NULL",
        "country > 'DE'", "email_domain = 'café.example'", "account_status = 'active'", "lifecycle_stage IN ('loyal', 'repeat')",
        "groups CONTAINS 'vip'", "groups NOT CONTAINS 'b2b'", "tags CONTAINS 'gift'", "groups CONTAINS 'nobody'",
        "consent.newsletter = 'granted'", "consent.newsletter != 'none'", "consent.sms IN ('withdrawn', 'refused')",
        "consent.fax = 'none'", "days_until_birthday <= 7", "days_until_birthday IS NULL",
        "profile.shoe_size >= 40", "profile.pet = 'dog'", "profile.has_pets = TRUE", "profile.hobbies CONTAINS 'books'",
        "profile.anniversary < -1y", "profile.shoe_size IS NULL",
    ]

    static func query(_ random: inout Random, depth: Int = 0) -> String {
        guard depth < 3, random.chance(60) else { return random.pick(predicates) }
        switch random.below(3) {
        case 0: return "(\(query(&random, depth: depth + 1)) AND \(query(&random, depth: depth + 1)))"
        case 1: return "(\(query(&random, depth: depth + 1)) OR \(query(&random, depth: depth + 1)))"
        default: return "NOT \(query(&random, depth: depth + 1))"
        }
    }

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

extension SeededGenerator {
    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
