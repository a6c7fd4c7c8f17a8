import ClienteleSegmentation
import ClienteleSegmentationTesting
import Foundation
import Testing

@Suite("Parse errors with positions")
struct ParseErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var code: SegmentationErrorCode
        var offset: Int
        var line: Int
        var column: Int
        var mentions: [String]
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "number_of_order >= 2", code: .unknownAttribute, offset: 0, line: 1, column: 1,
            mentions: ["'number_of_order'", "did you mean 'number_of_orders'"]),
        Case(text: "repeat = 1 AND\n  amount_spnt > 5", code: .unknownAttribute, offset: 0, line: 1, column: 1,
            mentions: ["'repeat'"]),
        Case(text: "country = 'NL' AND\n  amount_spnt > 5", code: .unknownAttribute, offset: 21, line: 2, column: 3,
            mentions: ["did you mean 'amount_spent'", "line 2, column 3"]),
        Case(text: "profile.shoesize > 40", code: .unknownAttribute, offset: 0, line: 1, column: 1,
            mentions: ["did you mean 'profile.shoe_size'"]),
        Case(text: "country > 5", code: .typeMismatch, offset: 10, line: 1, column: 11,
            mentions: ["country is text", "integer"]),
        Case(text: "number_of_orders >= 2.5", code: .typeMismatch, offset: 20, line: 1, column: 21,
            mentions: ["number_of_orders is integer", "decimal"]),
        Case(text: "groups = 'vip'", code: .typeMismatch, offset: 7, line: 1, column: 8,
            mentions: ["groups is a list", "CONTAINS"]),
        Case(text: "country CONTAINS 'N'", code: .typeMismatch, offset: 8, line: 1, column: 9,
            mentions: ["CONTAINS needs a list attribute", "country is text"]),
        Case(text: "consent.newsletter < 'granted'", code: .typeMismatch, offset: 19, line: 1, column: 20,
            mentions: ["consent.newsletter is consent"]),
        Case(text: "created_at > 5", code: .typeMismatch, offset: 13, line: 1, column: 14,
            mentions: ["created_at is date", "integer"]),
        Case(text: "last_order_date < '2026-02-30'", code: .invalidLiteral, offset: 18, line: 1, column: 19,
            mentions: ["YYYY-MM-DD"]),
        Case(text: "amount_spent >= 500.001", code: .invalidLiteral, offset: 16, line: 1, column: 17,
            mentions: ["3 decimals", "EUR has 2"]),
        Case(text: "consent.newsletter = 'yes'", code: .invalidLiteral, offset: 21, line: 1, column: 22,
            mentions: ["consent state"]),
        Case(text: "created_at >= 30d", code: .invalidLiteral, offset: 14, line: 1, column: 15,
            mentions: ["needs a sign", "-30d"]),
        Case(text: "created_at >= -30x", code: .invalidLiteral, offset: 14, line: 1, column: 15,
            mentions: ["d, w, m, y"]),
        Case(text: "number_of_orders > 99999999999999999999", code: .invalidLiteral, offset: 19, line: 1,
            column: 20, mentions: ["18 digits"]),
        Case(text: "(number_of_orders > 1 OR country = 'NL'", code: .unbalancedParentheses, offset: 0, line: 1,
            column: 1, mentions: ["never closed"]),
        Case(text: "number_of_orders > 1)", code: .unbalancedParentheses, offset: 20, line: 1, column: 21,
            mentions: ["no matching '('"]),
        Case(text: "country IN ('NL', 'BE'", code: .unbalancedParentheses, offset: 11, line: 1, column: 12,
            mentions: ["never closed"]),
        Case(text: "number_of_orders > 1 country = 'NL'", code: .trailingInput, offset: 21, line: 1, column: 22,
            mentions: ["AND or OR"]),
        Case(text: "country = 'NL", code: .unterminatedText, offset: 10, line: 1, column: 11,
            mentions: ["closing quote"]),
        Case(text: "country = ", code: .syntax, offset: 10, line: 1, column: 11, mentions: ["ends"]),
        Case(text: "country", code: .syntax, offset: 7, line: 1, column: 8, mentions: ["Expected an operator"]),
        Case(text: "country <> 'NL'", code: .syntax, offset: 8, line: 1, column: 9, mentions: ["'!='"]),
        Case(text: "AND country = 'NL'", code: .syntax, offset: 0, line: 1, column: 1, mentions: ["attribute name"]),
        Case(text: "", code: .syntax, offset: 0, line: 1, column: 1, mentions: ["ends"]),
        Case(text: "country IS 'NL'", code: .syntax, offset: 11, line: 1, column: 12, mentions: ["NULL"]),
        Case(text: "number_of_orders BETWEEN 1 OR 2", code: .syntax, offset: 27, line: 1, column: 28,
            mentions: ["AND"]),
        Case(text: "country = 'NL' ; DROP", code: .syntax, offset: 15, line: 1, column: 16,
            mentions: ["Unexpected character"]),
    ]

    @Test("Each error names its code, position, line and column", arguments: cases)
    func error(_ row: Case) throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        let error = try #require(throws: SegmentationError.self) { try parser.parse(row.text) }
        #expect(error.code == row.code)
        #expect(error.context.position == row.offset)
        let position = QueryPosition(offset: row.offset, in: row.text)
        #expect(position.line == row.line)
        #expect(position.column == row.column)
        #expect(error.message.contains("line \(row.line), column \(row.column)"))
        for mention in row.mentions {
            #expect(error.message.contains(mention), "\(error.message)")
        }
    }

    @Test("A restricted purpose list suggests the closest purpose")
    func consentPurposeSuggestion() throws {
        let schema = try SegmentSchema(consentPurposes: ["newsletter", "sms"])
        let parser = SegmentQueryParser(schema: schema)
        let error = try #require(throws: SegmentationError.self) { try parser.parse("consent.newsleter = 'granted'") }
        #expect(error.code == .unknownAttribute)
        #expect(error.message.contains("did you mean 'consent.newsletter'"))
        #expect(try parser.parse("consent.sms = 'none'") == .predicate(SegmentPredicate(.consent("sms"), .compare(.equal, .text("none")))))
    }

    @Test("Nesting deeper than the limit is refused, not a stack overflow")
    func deepNesting() throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        let deep = String(repeating: "(", count: 10_000) + "country = 'NL'" + String(repeating: ")", count: 10_000)
        let error = try #require(throws: SegmentationError.self) { try parser.parse(deep) }
        #expect(error.code == .queryTooComplex)
        let nots = String(repeating: "NOT ", count: 10_000) + "country = 'NL'"
        #expect(throws: SegmentationError.self) { try parser.parse(nots) }
        let ok = String(repeating: "(", count: 60) + "country = 'NL'" + String(repeating: ")", count: 60)
        #expect(try parser.parse(ok) == parser.parse("country = 'NL'"))
    }

    @Test("Error messages never echo text literals")
    func messagesDoNotEchoLiterals() throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        for text in ["email_domain = 'secret@example.com", "consent.newsletter = 'secret@example.com'",
            "created_at = 'secret@example.com'"]
        {
            let error = try #require(throws: SegmentationError.self) { try parser.parse(text) }
            #expect(!error.message.contains("secret"))
        }
    }

    @Test("A hand-built query that breaks the type rules is refused by the evaluator")
    func evaluatorChecksHandBuiltQueries() throws {
        let schema = try testSchema()
        let queries: [SegmentQuery] = [
            .predicate(SegmentPredicate(.country, .compare(.greater, .integer(5)))),
            .predicate(SegmentPredicate(.amountSpent, .compare(.equal, .decimal(DecimalLiteral(significand: 1, scale: 3))))),
            .predicate(SegmentPredicate(.country, .in([], negated: false))),
            .predicate(SegmentPredicate(.groups, .compare(.equal, .text("vip")))),
        ]
        for query in queries {
            #expect(throws: SegmentationError.self) { try SegmentEvaluator(query, schema: schema) }
        }
    }

    @Test("An invalid schema is refused")
    func invalidSchema() {
        #expect(throws: SegmentationError.self) { try SegmentSchema(profileFields: ["Shoe Size": .number]) }
        #expect(throws: SegmentationError.self) { try SegmentSchema(profileFields: ["total": .money]) }
        #expect(throws: SegmentationError.self) { try SegmentSchema(consentPurposes: [""]) }
    }
}

@Suite("Robustness")
struct RobustnessTests {
    @Test("20,000 seeded random token soups parse or fail with a position inside the text")
    func randomInputNeverCrashes() throws {
        let parser = SegmentQueryParser(schema: try testSchema())
        let pieces = [
            "number_of_orders", "amount_spent", "country", "groups", "consent.newsletter", "profile.shoe_size",
            "created_at", "AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "CONTAINS", "TRUE", "today", "(", ")",
            ",", "=", "!=", "<", ">=", "'NL'", "'", "''", "-30d", "+1m", "30d", "2", "2.50", "-0.001",
            "'2026-02-30'", "'2024-02-29'", "é", "\n", " ", "!", "<>", "99999999999999999999", "DATE",
        ]
        var generator = SeededGenerator(seed: 1_616)
        var parsed = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? " " }.joined(
                separator: Bool.random(using: &generator) ? " " : "")
            do {
                let query = try parser.parse(text)
                parsed += 1
                #expect(try parser.parse(query.description) == query, "\(text)")
            } catch {
                let position = try #require(error.context.position)
                #expect(position >= 0 && position <= text.count, "\(text)")
            }
        }
        #expect(parsed > 0)
    }

    @Test("Extreme instants fall on a day without trapping")
    func extremeInstants() {
        #expect(UTCDay(utcDayOf: .distantFuture) > UTCDay(daysSinceEpoch: 0))
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: .infinity)).daysSinceEpoch == 1_000_000_000_000_000)
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: -.infinity)).daysSinceEpoch == -1_000_000_000_000_000)
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: .nan)).daysSinceEpoch == 0)
    }

    @Test("Hand-built literals that cannot be written as text are refused")
    func unwritableLiterals() throws {
        let schema = try testSchema()
        let literals: [(SegmentAttribute, SegmentLiteral)] = [
            (.numberOfOrders, .integer(.max)),
            (.profile("shoe_size", .number), .decimal(DecimalLiteral(significand: 5, scale: 0))),
            (.profile("shoe_size", .number), .decimal(DecimalLiteral(significand: 5, scale: 19))),
            (.createdAt, .relativeDate(RelativeDate(amount: -100_000, unit: .day))),
            (.createdAt, .date(UTCDay(daysSinceEpoch: 3_000_000))),
        ]
        for (attribute, literal) in literals {
            let query = SegmentQuery.predicate(SegmentPredicate(attribute, .compare(.equal, literal)))
            #expect(throws: SegmentationError.self) { try SegmentEvaluator(query, schema: schema) }
        }
    }
}
