import ClienteleSegmentation
import Foundation
import Testing

@Suite("SQL three-valued logic")
struct NullSemanticsTests {
    @Test("Kleene NOT, AND and OR over every pair of truth values")
    func kleeneTables() {
        let t = TruthValue.true, f = TruthValue.false, u = TruthValue.unknown
        #expect(!t == f)
        #expect(!f == t)
        #expect(!u == u)
        let and: [(TruthValue, TruthValue, TruthValue)] = [
            (t, t, t), (t, f, f), (t, u, u), (f, t, f), (f, f, f), (f, u, f), (u, t, u), (u, f, f), (u, u, u),
        ]
        for (lhs, rhs, expected) in and { #expect((lhs && rhs) == expected, "\(lhs) AND \(rhs)") }
        let or: [(TruthValue, TruthValue, TruthValue)] = [
            (t, t, t), (t, f, t), (t, u, t), (f, t, t), (f, f, f), (f, u, u), (u, t, t), (u, f, u), (u, u, u),
        ]
        for (lhs, rhs, expected) in or { #expect((lhs || rhs) == expected, "\(lhs) OR \(rhs)") }
    }

    /// A customer with every nullable attribute NULL, empty lists and no consent recorded.
    static let nullCases: [(String, TruthValue)] = [
        ("country = 'NL'", .unknown),
        ("country != 'NL'", .unknown),
        ("country < 'NL'", .unknown),
        ("NOT country = 'NL'", .unknown),
        ("NOT NOT country = 'NL'", .unknown),
        ("country IN ('NL', 'BE')", .unknown),
        ("country NOT IN ('NL')", .unknown),
        ("last_visit_date BETWEEN -30d AND today", .unknown),
        ("last_visit_date NOT BETWEEN -30d AND today", .unknown),
        ("last_visit_date < -56d", .unknown),
        ("country IS NULL", .true),
        ("country IS NOT NULL", .false),
        ("NOT country IS NULL", .false),
        ("groups CONTAINS 'vip'", .false),
        ("groups NOT CONTAINS 'vip'", .true),
        ("NOT groups CONTAINS 'vip'", .true),
        ("groups IS NULL", .false),
        ("profile.interests CONTAINS 'running'", .unknown),
        ("profile.interests NOT CONTAINS 'running'", .unknown),
        ("consent.newsletter = 'none'", .true),
        ("consent.newsletter != 'granted'", .true),
        ("consent.newsletter IN ('granted', 'pending')", .false),
        ("consent.newsletter NOT IN ('granted', 'pending')", .true),
        ("consent.newsletter IS NULL", .false),
        ("country = 'NL' AND number_of_orders = 0", .unknown),
        ("country = 'NL' AND number_of_orders = 1", .false),
        ("country = 'NL' OR number_of_orders = 0", .true),
        ("country = 'NL' OR number_of_orders = 1", .unknown),
        ("NOT (country = 'NL' OR number_of_orders = 1)", .unknown),
        ("NOT (country = 'NL' AND number_of_orders = 1)", .true),
        ("average_order_value > 0", .unknown),
        ("average_order_value IS NULL", .true),
        ("days_until_birthday < 7", .unknown),
        ("profile.vegetarian = TRUE", .unknown),
        ("profile.vegetarian != TRUE", .unknown),
        ("profile.shoe_size >= 42", .unknown),
        ("profile.shoe_size IS NULL", .true),
        ("profile.wedding_day = today", .unknown),
        ("email_domain = 'example.com'", .unknown),
        ("account_status IN ('active')", .unknown),
        ("lifecycle_stage NOT IN ('lapsed')", .unknown),
    ]

    @Test("Every operator on a NULL attribute", arguments: nullCases)
    func nullAttribute(_ text: String, _ expected: TruthValue) throws {
        #expect(try evaluate(text, try blankFacts()) == expected)
    }

    static let valueCases: [(String, TruthValue)] = [
        ("country != 'NL'", .false),
        ("country != 'BE'", .true),
        ("country NOT IN ('BE', 'DE')", .true),
        ("country IN ('BE', 'NL')", .true),
        ("country = 'nl'", .false),
        ("country < 'NM'", .true),
        ("country BETWEEN 'A' AND 'Z'", .true),
        ("number_of_orders BETWEEN 3 AND 3", .true),
        ("number_of_orders BETWEEN 4 AND 2", .false),
        ("number_of_orders NOT BETWEEN 4 AND 2", .true),
        ("number_of_orders NOT BETWEEN 1 AND 5", .false),
        ("amount_spent = 100", .true),
        ("amount_spent = 100.00", .true),
        ("amount_spent = 100.0", .true),
        ("amount_spent > 99.99", .true),
        ("amount_spent >= 100.01", .false),
        ("average_order_value = 33.33", .false),
        ("average_order_value > 33.33", .true),
        ("average_order_value < 33.34", .true),
        ("groups CONTAINS 'vip'", .true),
        ("groups CONTAINS 'VIP'", .false),
        ("groups NOT CONTAINS 'vip'", .false),
        ("tags CONTAINS 'gift'", .true),
        ("consent.newsletter = 'granted'", .true),
        ("consent.sms = 'none'", .true),
        ("profile.vegetarian = TRUE", .true),
        ("profile.vegetarian != TRUE", .false),
        ("profile.shoe_size >= 42", .true),
        ("profile.shoe_size > 42.5", .false),
        ("profile.interests CONTAINS 'running'", .true),
        ("profile.favourite_colour = 'green'", .true),
        ("NOT country = 'NL' OR groups CONTAINS 'vip'", .true),
    ]

    @Test("Every operator on a present attribute", arguments: valueCases)
    func presentAttribute(_ text: String, _ expected: TruthValue) throws {
        var facts = try blankFacts()
        facts.country = "NL"
        facts.groups = ["vip"]
        facts.tags = ["gift"]
        facts.numberOfOrders = 3
        facts.amountSpentMinorUnits = 10_000
        facts.consents = ["newsletter": .granted]
        facts.profile = [
            "vegetarian": .boolean(true), "shoe_size": .number(42.5), "interests": .choices(["running", "yoga"]),
            "favourite_colour": .choice("green"),
        ]
        #expect(try evaluate(text, facts) == expected)
    }

    @Test("A profile value of another type than the schema says reads as NULL")
    func mistypedProfileValueIsNull() throws {
        var facts = try blankFacts()
        facts.profile = ["shoe_size": .text("forty-two")]
        #expect(try evaluate("profile.shoe_size >= 42", facts) == .unknown)
        #expect(try evaluate("profile.shoe_size IS NULL", facts) == .true)
    }

    @Test("Membership requires true: unknown is not a member")
    func unknownIsNotAMember() throws {
        let evaluator = try SegmentEvaluator("country != 'NL'", schema: try testSchema())
        #expect(!evaluator.isMember(try blankFacts(), at: peersNow))
        var facts = try blankFacts()
        facts.country = "BE"
        #expect(evaluator.isMember(facts, at: peersNow))
    }
}
