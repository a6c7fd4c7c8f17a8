import ClienteleSegmentation
import ClienteleSegmentationTesting
import Foundation
import Testing

@Suite("Canonical printing")
struct RoundTripTests {
    @Test("Canonical text of hand-written queries", arguments: [
        ("number_of_orders>=2", "number_of_orders >= 2"),
        ("Number_Of_Orders >= 10 and AMOUNT_SPENT >= 500.00", "number_of_orders >= 10 AND amount_spent >= 500.00"),
        ("last_visit_date < -56D or last_visit_date is null", "last_visit_date < -56d OR last_visit_date IS NULL"),
        ("((country = 'NL'))", "country = 'NL'"),
        ("number_of_orders >= 2 AND", ""),
        ("not (country = 'NL' or country = 'BE')", "NOT (country = 'NL' OR country = 'BE')"),
        ("country = 'NL' or (country = 'BE' or country = 'DE')", "country = 'NL' OR (country = 'BE' OR country = 'DE')"),
        ("(country = 'NL' or country = 'BE') and tags contains 'x'", "(country = 'NL' OR country = 'BE') AND tags CONTAINS 'x'"),
        ("country = 'NL' and (tags contains 'x' and tags not contains 'y')", "country = 'NL' AND (tags CONTAINS 'x' AND tags NOT CONTAINS 'y')"),
        ("email_domain = 'o''brien.ie'", "email_domain = 'o''brien.ie'"),
        ("created_at between date '2026-01-01' and today", "created_at BETWEEN '2026-01-01' AND today"),
        ("created_at not between -1Y and +2w", "created_at NOT BETWEEN -1y AND +2w"),
        ("profile.vegetarian in (true, False)", "profile.vegetarian IN (TRUE, FALSE)"),
        ("number_of_orders not in (1,2 , 3)", "number_of_orders NOT IN (1, 2, 3)"),
        ("profile.shoe_size > -0.5", "profile.shoe_size > -0.5"),
    ])
    func canonical(_ text: String, _ expected: String) throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        guard !expected.isEmpty else {
            #expect(throws: SegmentationError.self) { try parser.parse(text) }
            return
        }
        let query = try parser.parse(text)
        #expect(query.description == expected)
        #expect(try parser.parse(query.description) == query)
    }

    @Test("parse(print(q)) == q for 5,000 generated queries")
    func generatedRoundTrip() throws {
        let schema = try testSchema()
        let parser = SegmentQueryParser(schema: schema)
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<5_000 {
            let query = QueryGenerator.query(depth: 0, using: &generator)
            let text = query.description
            let parsed = try parser.parse(text)
            #expect(parsed == query, "\(text)")
            #expect(parsed.description == text)
            // Every generated query also compiles and evaluates.
            _ = try SegmentEvaluator(parsed, schema: schema).evaluate(try blankFacts(), at: peersNow)
        }
    }
}

/// Random well-typed queries over every attribute type and every operator.
enum QueryGenerator {
    static let attributes: [SegmentAttribute] =
        SegmentAttribute.builtIns + [
            .consent("newsletter"), .consent("sms"), .profile("shoe_size", .number),
            .profile("favourite_colour", .text), .profile("interests", .list), .profile("vegetarian", .boolean),
            .profile("wedding_day", .date),
        ]

    static func query(depth: Int, using generator: inout SeededGenerator) -> SegmentQuery {
        let choice = depth >= 4 ? 0 : Int.random(in: 0..<6, using: &generator)
        switch choice {
        case 3: return .and(query(depth: depth + 1, using: &generator), query(depth: depth + 1, using: &generator))
        case 4: return .or(query(depth: depth + 1, using: &generator), query(depth: depth + 1, using: &generator))
        case 5: return .not(query(depth: depth + 1, using: &generator))
        default: return .predicate(predicate(using: &generator))
        }
    }

    static func predicate(using generator: inout SeededGenerator) -> SegmentPredicate {
        let attribute = attributes.randomElement(using: &generator) ?? .country
        let negated = Bool.random(using: &generator)
        let type = attribute.type
        if Int.random(in: 0..<8, using: &generator) == 0 {
            return SegmentPredicate(attribute, .isNull(negated: negated))
        }
        if type == .list {
            return SegmentPredicate(attribute, .contains(literal(for: type, using: &generator), negated: negated))
        }
        var forms = [0, 1]  // comparison, IN
        if type.isOrdered { forms.append(2) }  // BETWEEN
        switch forms.randomElement(using: &generator) ?? 0 {
        case 1:
            let count = Int.random(in: 1...4, using: &generator)
            return SegmentPredicate(
                attribute, .in((0..<count).map { _ in literal(for: type, using: &generator) }, negated: negated))
        case 2:
            return SegmentPredicate(
                attribute,
                .between(literal(for: type, using: &generator), literal(for: type, using: &generator), negated: negated))
        default:
            let operators = type.isOrdered ? ComparisonOperator.allCases : [.equal, .notEqual]
            return SegmentPredicate(
                attribute,
                .compare(operators.randomElement(using: &generator) ?? .equal, literal(for: type, using: &generator)))
        }
    }

    static func literal(for type: AttributeType, using generator: inout SeededGenerator) -> SegmentLiteral {
        switch type {
        case .integer: return .integer(Int64.random(in: -1_000...1_000_000, using: &generator))
        case .money:
            if Bool.random(using: &generator) { return .integer(Int64.random(in: 0...100_000, using: &generator)) }
            return .decimal(
                DecimalLiteral(
                    significand: Int64.random(in: -100_000...10_000_000, using: &generator),
                    scale: Int.random(in: 1...2, using: &generator)))
        case .number:
            if Bool.random(using: &generator) { return .integer(Int64.random(in: -50...50, using: &generator)) }
            return .decimal(
                DecimalLiteral(
                    significand: Int64.random(in: -5_000...5_000, using: &generator),
                    scale: Int.random(in: 1...4, using: &generator)))
        case .date:
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return .date(UTCDay(daysSinceEpoch: Int64.random(in: -20_000...40_000, using: &generator)))
            case 1:
                return .relativeDate(
                    RelativeDate(
                        amount: Int.random(in: -400...400, using: &generator),
                        unit: RelativeDate.Unit.allCases.randomElement(using: &generator) ?? .day))
            default: return .today
            }
        case .text, .list:
            let alphabet = Array("abcNL' é-_.0")
            let length = Int.random(in: 0...6, using: &generator)
            return .text(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        case .consent: return .text((ConsentFact.allCases.randomElement(using: &generator) ?? .none).rawValue)
        case .boolean: return .boolean(Bool.random(using: &generator))
        }
    }
}
