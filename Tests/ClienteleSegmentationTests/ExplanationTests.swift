import ClienteleSegmentation
import Foundation
import Testing

@Suite("Explanations")
struct ExplanationTests {
    @Test("Each predicate is listed with its value and the days relative dates name")
    func explainsEveryPredicate() throws {
        let evaluator = try SegmentEvaluator(
            "groups CONTAINS 'vip' AND NOT last_order_date >= -365d OR country != 'NL'", schema: try testSchema())
        var facts = try blankFacts()
        facts.groups = ["vip"]
        let explanation = evaluator.explain(facts, at: peersNow)
        #expect(explanation.result == .unknown)
        #expect(!explanation.isMember)
        #expect(explanation.predicates.map(\.result) == [.true, .unknown, .unknown])
        #expect(explanation.predicates[0].reason == "groups is ['vip']")
        #expect(explanation.predicates[1].reason == "last_order_date is NULL, so the comparison is unknown; -365d is 2025-11-01")
        #expect(explanation.summary.hasPrefix("Not a member: the query is unknown on 2026-11-01 because country, last_order_date is NULL"))
        #expect(explanation.result == evaluator.evaluate(facts, at: peersNow))
    }

    @Test("Money and averages are shown in the shop currency")
    func money() throws {
        let evaluator = try SegmentEvaluator("average_order_value >= 30 AND amount_spent > 99.99", schema: try testSchema())
        var facts = try blankFacts()
        facts.numberOfOrders = 3
        facts.amountSpentMinorUnits = 10_000
        let explanation = evaluator.explain(facts, at: peersNow)
        #expect(explanation.isMember)
        #expect(explanation.predicates.map(\.reason) == ["average_order_value is 100.00 over 3 orders", "amount_spent is 100.00"])
        #expect(explanation.summary.hasPrefix("Member: the query is true on 2026-11-01."))
    }

    @Test("Descriptions of explanations and facts show no fact values")
    func redaction() throws {
        var facts = try blankFacts()
        facts.emailDomain = "secret-domain.example"
        facts.country = "NL"
        let evaluator = try SegmentEvaluator("email_domain = 'secret-domain.example'", schema: try testSchema())
        let explanation = evaluator.explain(facts, at: peersNow)
        for text in [
            String(describing: explanation), String(reflecting: explanation), String(describing: facts),
            String(reflecting: facts), String(describing: Mirror(reflecting: facts).children.map(\.value)),
            String(describing: ProfileFact.text("secret-domain")), String(describing: try BirthDate(month: 5, day: 4)),
        ] {
            #expect(!text.contains("secret"), "\(text)")
            #expect(!text.contains("NL"), "\(text)")
        }
    }
}
