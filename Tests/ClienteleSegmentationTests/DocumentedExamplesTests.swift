import ClienteleSegmentation
import Foundation
import Testing

/// The examples of `Docs/SegmentQueryLanguage.md`, checked so the guide stays true.
@Suite("The guide's examples")
struct DocumentedExamplesTests {
    /// Two customers on 2026-11-01: an active VIP and a lapsed one.
    static func customers() throws -> (active: CustomerFacts, lapsed: CustomerFacts) {
        var active = try blankFacts("active", createdAt: instant(try day(2020, 5, 1)))
        active.numberOfOrders = 12
        active.amountSpentMinorUnits = 61_000
        active.lastOrderDate = instant(try day(2026, 10, 20))
        active.lastVisitDate = instant(try day(2026, 10, 30))
        active.groups = ["vip"]
        active.country = "NL"
        active.consents = ["newsletter": .granted]
        active.birthDate = try BirthDate(month: 11, day: 4, year: 1980)
        var lapsed = try blankFacts("lapsed", createdAt: instant(try day(2019, 1, 1)))
        lapsed.numberOfOrders = 4
        lapsed.amountSpentMinorUnits = 20_000
        lapsed.lastOrderDate = instant(try day(2025, 6, 1))
        lapsed.lastVisitDate = instant(try day(2026, 9, 5), plus: 86_399)
        lapsed.groups = ["vip"]
        lapsed.country = "BE"
        lapsed.consents = ["newsletter": .withdrawn]
        return (active, lapsed)
    }

    @Test("Each shop scenario selects the customer it describes", arguments: [
        ("number_of_orders >= 2", true, true),
        ("number_of_orders >= 10 AND amount_spent >= 500.00", true, false),
        ("last_visit_date < -8w OR last_visit_date IS NULL", false, true),
        ("days_until_birthday BETWEEN 0 AND 6", true, false),
        ("groups CONTAINS 'vip' AND last_order_date < -1y", false, true),
        ("groups CONTAINS 'vip' AND NOT last_order_date >= -365d", false, true),
        ("consent.newsletter = 'granted' AND country = 'NL'", true, false),
    ])
    func scenario(_ text: String, _ activeIsMember: Bool, _ lapsedIsMember: Bool) throws {
        let (active, lapsed) = try Self.customers()
        let evaluator = try SegmentEvaluator(text, schema: try testSchema())
        #expect(evaluator.isMember(active, at: peersNow) == activeIsMember)
        #expect(evaluator.isMember(lapsed, at: peersNow) == lapsedIsMember)
    }

    @Test("A VIP who never ordered is in neither lapsed-VIP query")
    func vipWithoutOrders() throws {
        var facts = try blankFacts()
        facts.groups = ["vip"]
        for text in ["groups CONTAINS 'vip' AND last_order_date < -1y", "groups CONTAINS 'vip' AND NOT last_order_date >= -365d"] {
            #expect(try evaluate(text, facts) == .unknown)
        }
        #expect(try evaluate("groups CONTAINS 'vip' AND (last_order_date < -1y OR last_order_date IS NULL)", facts) == .true)
    }

    @Test("The guide's error message and explanation are what the code says")
    func quotedOutput() throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        let error = try #require(throws: SegmentationError.self) { try parser.parse("number_of_order >= 2") }
        #expect(error.message == "Unknown attribute 'number_of_order'; did you mean 'number_of_orders'? (at line 1, column 1).")

        var facts = try blankFacts()
        facts.groups = ["vip"]
        let explanation = try SegmentEvaluator("groups CONTAINS 'vip' AND last_order_date >= -365d", schema: try testSchema())
            .explain(facts, at: peersNow)
        #expect(explanation.summary == """
            Not a member: the query is unknown on 2026-11-01 because last_order_date is NULL; only a true query makes a member.
            - groups CONTAINS 'vip': true (groups is ['vip'])
            - last_order_date >= -365d: unknown (last_order_date is NULL, so the comparison is unknown; -365d is 2025-11-01)
            """)
    }
}
