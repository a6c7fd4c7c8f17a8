import ClienteleSegmentation
import ClienteleSegmentationTesting
import Foundation
import Testing

/// Batch evaluation over tables longer than one evaluation chunk (2,048 rows), with
/// AND and OR whose both operands are often NULL, and incremental updates across days and
/// definitions: the batch and incremental paths agree with the row evaluator.
@Suite struct BatchChunkAgreementTests {
    typealias Random = FactTableAgreementTests.Random
    static let now = FactTableAgreementTests.now

    /// Queries whose operands are NULL for many customers on both sides, NOT over AND and
    /// OR, and the kinds of test the column kernels specialise (one text code, several,
    /// none; one consent state, several; integers and days with every operator).
    static let queries = [
        "last_order_date < -180d AND last_visit_date >= -56d",
        "NOT (last_order_date < -180d AND last_visit_date >= -56d)",
        "last_order_date >= -90d OR last_visit_date < -30d",
        "NOT (last_order_date >= -90d OR country = 'NL')",
        "country = 'NL' AND lifecycle_stage IN ('loyal', 'repeat')",
        "NOT (country != 'NL' AND account_status = 'active')",
        "country NOT IN ('BE', 'DE', 'XX') OR last_visit_date IS NULL",
        "country IN ('XX', 'YY') OR NOT country IN ('XX')",
        "consent.newsletter = 'granted' AND NOT consent.sms IN ('granted', 'pending')",
        "consent.fax != 'none' OR number_of_orders <= 3",
        "number_of_orders > 5 AND amount_spent != 1000 AND amount_spent BETWEEN 100.00 AND 15000.00",
        "number_of_orders NOT BETWEEN 2 AND 20 AND NOT created_at = today",
        "number_of_orders IN (0, 7, 9) OR first_order_date NOT IN ('2025-06-01', '2026-01-01')",
        "(groups CONTAINS 'vip' OR groups CONTAINS 'b2b') AND NOT last_order_date >= -365d",
        "NOT (groups NOT CONTAINS 'vip' AND tags CONTAINS 'gift') OR profile.shoe_size >= 40",
        "created_at < '1970-01-01' OR created_at > '9999-12-31' OR lifecycle_stage IS NOT NULL",
    ]

    @Test func batchEvaluationOverSeveralChunksAgreesWithTheRowEvaluator() throws {
        let schema = try FactTableAgreementTests.schema()
        var random = Random(seed: 2_026_120_318)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<5_000 {
            let facts = try FactTableAgreementTests.facts(index, &random)
            all.append(facts)
            table.upsert(facts)
        }
        // Removed customers in every chunk, the last one included.
        var removed = Set<Int>()
        for index in stride(from: 17, to: all.count, by: 97) {
            table.remove(all[index].customer)
            removed.insert(index)
        }
        let texts = Self.queries + (0..<40).map { _ in FactTableAgreementTests.query(&random) }
        var splitting = 0
        for text in texts {
            let evaluator = try SegmentEvaluator(text, schema: schema)
            let members = evaluator.members(of: table, at: Self.now)
            var disagreements = 0
            for (index, facts) in all.enumerated() {
                let row = try #require(table.row(of: facts.customer) ?? (removed.contains(index) ? -1 : nil))
                let expected = !removed.contains(index) && evaluator.isMember(facts, at: Self.now)
                if members.contains(row) != expected { disagreements += 1 }
            }
            #expect(disagreements == 0, "\(text)")
            #expect(members.capacity == table.rowCount)
            if members.count > 0 && members.count < table.count { splitting += 1 }
        }
        #expect(splitting > 40, "most queries hold for some customers and not for others")
    }

    @Test func theFarthestDaysAQueryCanNameCompareLikeTheRowEvaluator() throws {
        let schema = try FactTableAgreementTests.schema()
        var random = Random(seed: 99)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<300 {
            all.append(try FactTableAgreementTests.facts(index, &random))
            table.upsert(all[index])
        }
        for op in ComparisonOperator.allCases {
            for literal in ["+99999y", "-99999y", "'0001-01-01'", "'9999-12-31'"] {
                let evaluator = try SegmentEvaluator("last_visit_date \(op.rawValue) \(literal)", schema: schema)
                let members = evaluator.members(of: table, at: Self.now)
                let expected = all.filter { evaluator.isMember($0, at: Self.now) }.count
                #expect(members.count == expected, "\(op) \(literal)")
            }
        }
        let between = try SegmentEvaluator("created_at BETWEEN -99999y AND +99999y", schema: schema)
        #expect(between.members(of: table, at: Self.now).count == all.count)
    }

    @Test func incrementalUpdatesAgreeWithTheRowEvaluatorForEveryKindOfPredicate() throws {
        let schema = try FactTableAgreementTests.schema()
        var random = Random(seed: 5_150)
        var table = FactTable(schema: schema)
        var all: [CustomerFacts] = []
        for index in 0..<200 {
            all.append(try FactTableAgreementTests.facts(index, &random))
            table.upsert(all[index])
        }
        var memberships = SegmentMemberships(table: table)
        let texts = FactTableAgreementTests.predicates + Self.queries + (0..<40).map { _ in FactTableAgreementTests.query(&random) }
        var evaluators: [(String, SegmentEvaluator)] = []
        for (index, text) in texts.enumerated() {
            let evaluator = try SegmentEvaluator(text, schema: schema)
            evaluators.append(("s\(index)", evaluator))
            memberships.define("s\(index)", evaluator, at: Self.now)
        }
        // Every customer changes, on the day of the definitions and on later days.
        var disagreements: [String] = []
        for (offset, days) in [0, 0, 1, 40, 400].enumerated() {
            let instant = Self.now + Double(days) * 86_400 + Double(offset)
            for index in all.indices {
                all[index] = try FactTableAgreementTests.facts(index, &random)
                memberships.update(all[index], at: instant)
                for (name, evaluator) in evaluators
                where memberships.contains(all[index].customer, in: name) != evaluator.isMember(all[index], at: instant) {
                    disagreements.append("\(evaluator.query) for customer \(index) after \(days) days")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func updatesOnALaterDayResolveRelativeDatesFromThatDay() throws {
        let schema = try FactTableAgreementTests.schema()
        let day: TimeInterval = 86_400
        let created = Self.now
        let customer = try CustomerID(validating: "c1")
        var table = FactTable(schema: schema)
        table.upsert(CustomerFacts(customer: customer, createdAt: created))
        var memberships = SegmentMemberships(table: table)
        _ = memberships.define("new", try SegmentEvaluator("created_at >= -30d", schema: schema), at: created)
        var facts = CustomerFacts(customer: customer, createdAt: created, numberOfOrders: 1)
        #expect(memberships.update(facts, at: created + 30 * day).isEmpty)
        facts.numberOfOrders = 2
        #expect(memberships.update(facts, at: created + 31 * day) == [MembershipChange(segment: "new", customer: customer, kind: .exited)])
        // A segment defined between two updates of one day takes part in the next one.
        _ = memberships.define("buyers", try SegmentEvaluator("number_of_orders >= 3", schema: schema), at: created + 31 * day)
        facts.numberOfOrders = 3
        #expect(memberships.update(facts, at: created + 31 * day) == [MembershipChange(segment: "buyers", customer: customer, kind: .entered)])
        // And a removed one no longer does.
        _ = memberships.remove(segment: "buyers")
        facts.numberOfOrders = 0
        #expect(memberships.update(facts, at: created + 31 * day).isEmpty)
    }
}
