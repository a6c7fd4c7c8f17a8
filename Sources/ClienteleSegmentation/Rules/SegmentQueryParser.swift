/// Parses segment query text into a typed ``SegmentQuery``.
///
/// ```swift
/// let parser = SegmentQueryParser(schema: try SegmentSchema(currency: .eur))
/// let query = try parser.parse("number_of_orders >= 10 AND amount_spent >= 500.00")
/// query.description   // "number_of_orders >= 10 AND amount_spent >= 500.00"
/// ```
///
/// The grammar (keywords case-insensitive):
///
/// ```
/// query      := or
/// or         := and ("OR" and)*
/// and        := unary ("AND" unary)*
/// unary      := "NOT" unary | "(" or ")" | predicate
/// predicate  := attr op literal
///             | attr ["NOT"] "IN" "(" literal ("," literal)* ")"
///             | attr ["NOT"] "BETWEEN" literal "AND" literal
///             | attr "IS" ["NOT"] "NULL"
///             | attr ["NOT"] "CONTAINS" literal
/// op         := "=" | "!=" | "<" | "<=" | ">" | ">="
/// literal    := integer | decimal | 'text' | 'YYYY-MM-DD' | DATE 'YYYY-MM-DD'
///             | ("+"|"-") integer ("d"|"w"|"m"|"y") | today | TRUE | FALSE
/// ```
///
/// Every error is a ``SegmentationError`` whose `context.position` is the zero-based
/// character offset of the problem and whose message names its line and column. The
/// parser is a value with no state between calls; it is safe to share.
public struct SegmentQueryParser: Sendable {
    /// The deepest nesting of parentheses and `NOT` a query may have.
    public static let maximumDepth = 64
    /// The most predicates a query may hold.
    public static let maximumPredicates = 1_000

    /// The attributes and currency queries are checked against.
    public let schema: SegmentSchema

    /// Creates a parser for a shop's schema.
    public init(schema: SegmentSchema) {
        self.schema = schema
    }

    /// Parses and type-checks a query.
    ///
    /// - Throws: ``SegmentationError`` with the position of the first problem: `syntax`,
    ///   `unknownAttribute` (with a suggestion), `typeMismatch` (naming both types),
    ///   `invalidLiteral`, `unbalancedParentheses`, `trailingInput`, `unterminatedText`,
    ///   `queryTooComplex`.
    /// - Complexity: O(n) in the length of the text.
    public func parse(_ text: String) throws(SegmentationError) -> SegmentQuery {
        let tokens = try SegmentQueryLexer(text).tokens()
        var state = ParseState(tokens: tokens, text: text, schema: schema)
        let query = try state.parseOr(depth: 0)
        let token = state.current
        switch token.kind {
        case .end:
            return query
        case .closeParenthesis:
            throw Self.error(.unbalancedParentheses, "This ')' has no matching '('", at: token.offset, in: text)
        default:
            throw Self.error(
                .trailingInput, "Unexpected text after a complete query; join conditions with AND or OR",
                at: token.offset, in: text)
        }
    }

    /// Makes an error at a character offset, with line and column in the message.
    static func error(
        _ code: SegmentationErrorCode, _ message: String, at offset: Int, in text: String
    ) -> SegmentationError {
        let position = QueryPosition(offset: offset, in: text)
        return SegmentationError(code, "\(message) (at \(position)).", context: ErrorContext(position: offset))
    }
}

/// The parser's cursor over the tokens of one query.
private struct ParseState {
    let tokens: [SegmentToken]
    let text: String
    let schema: SegmentSchema
    var index = 0
    var predicateCount = 0

    init(tokens: [SegmentToken], text: String, schema: SegmentSchema) {
        self.tokens = tokens
        self.text = text
        self.schema = schema
    }

    var current: SegmentToken { tokens[index] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func error(_ code: SegmentationErrorCode, _ message: String, at offset: Int) -> SegmentationError {
        SegmentQueryParser.error(code, message, at: offset, in: text)
    }

    func isKeyword(_ keyword: String) -> Bool { current.keyword == keyword }

    mutating func parseOr(depth: Int) throws(SegmentationError) -> SegmentQuery {
        var result = try parseAnd(depth: depth)
        while isKeyword("OR") {
            advance()
            result = .or(result, try parseAnd(depth: depth))
        }
        return result
    }

    mutating func parseAnd(depth: Int) throws(SegmentationError) -> SegmentQuery {
        var result = try parseUnary(depth: depth)
        while isKeyword("AND") {
            advance()
            result = .and(result, try parseUnary(depth: depth))
        }
        return result
    }

    mutating func parseUnary(depth: Int) throws(SegmentationError) -> SegmentQuery {
        guard depth < SegmentQueryParser.maximumDepth else {
            throw error(
                .queryTooComplex, "The query nests deeper than \(SegmentQueryParser.maximumDepth) levels",
                at: current.offset)
        }
        if isKeyword("NOT") {
            advance()
            return .not(try parseUnary(depth: depth + 1))
        }
        if case .openParenthesis = current.kind {
            let open = current.offset
            advance()
            let inner = try parseOr(depth: depth + 1)
            guard case .closeParenthesis = current.kind else {
                if case .end = current.kind {
                    throw error(.unbalancedParentheses, "This '(' is never closed", at: open)
                }
                throw error(.syntax, "Expected ')' or AND or OR", at: current.offset)
            }
            advance()
            return inner
        }
        return .predicate(try parsePredicate())
    }

    mutating func parsePredicate() throws(SegmentationError) -> SegmentPredicate {
        let attributeToken = current
        guard case .word(let name) = attributeToken.kind, !SegmentKeywords.reserved.contains(name.uppercased()) else {
            switch attributeToken.kind {
            case .end: throw error(.syntax, "The query ends where a condition was expected", at: attributeToken.offset)
            case .closeParenthesis:
                throw error(.syntax, "Expected a condition before ')'", at: attributeToken.offset)
            default: throw error(.syntax, "Expected an attribute name, such as number_of_orders", at: attributeToken.offset)
            }
        }
        let attribute = try resolve(name, at: attributeToken.offset)
        advance()
        predicateCount += 1
        guard predicateCount <= SegmentQueryParser.maximumPredicates else {
            throw error(
                .queryTooComplex, "The query has more than \(SegmentQueryParser.maximumPredicates) conditions",
                at: attributeToken.offset)
        }
        let operatorOffset = current.offset
        var literalOffsets: [Int] = []
        let condition: SegmentCondition
        if case .comparison(let op) = current.kind {
            advance()
            literalOffsets.append(current.offset)
            condition = .compare(op, try parseLiteral(for: attribute, at: operatorOffset))
        } else if isKeyword("IS") {
            advance()
            var negated = false
            if isKeyword("NOT") {
                negated = true
                advance()
            }
            guard isKeyword("NULL") else { throw error(.syntax, "Expected NULL after IS", at: current.offset) }
            advance()
            condition = .isNull(negated: negated)
        } else {
            var negated = false
            if isKeyword("NOT") {
                negated = true
                advance()
            }
            if isKeyword("IN") {
                advance()
                guard case .openParenthesis = current.kind else {
                    throw error(.syntax, "Expected '(' after IN", at: current.offset)
                }
                let open = current.offset
                advance()
                var literals: [SegmentLiteral] = []
                while true {
                    literalOffsets.append(current.offset)
                    literals.append(try parseLiteral(for: attribute, at: operatorOffset))
                    if case .comma = current.kind {
                        advance()
                        continue
                    }
                    if case .closeParenthesis = current.kind {
                        advance()
                        break
                    }
                    if case .end = current.kind {
                        throw error(.unbalancedParentheses, "This '(' is never closed", at: open)
                    }
                    throw error(.syntax, "Expected ',' or ')' in the IN list", at: current.offset)
                }
                condition = .in(literals, negated: negated)
            } else if isKeyword("BETWEEN") {
                advance()
                literalOffsets.append(current.offset)
                let low = try parseLiteral(for: attribute, at: operatorOffset)
                guard isKeyword("AND") else {
                    throw error(.syntax, "Expected AND between the two ends of BETWEEN", at: current.offset)
                }
                advance()
                literalOffsets.append(current.offset)
                let high = try parseLiteral(for: attribute, at: operatorOffset)
                condition = .between(low, high, negated: negated)
            } else if isKeyword("CONTAINS") {
                advance()
                literalOffsets.append(current.offset)
                condition = .contains(try parseLiteral(for: attribute, at: operatorOffset), negated: negated)
            } else {
                throw error(
                    .syntax,
                    negated
                        ? "Expected IN, BETWEEN or CONTAINS after NOT"
                        : "Expected an operator (=, !=, <, <=, >, >=, IN, BETWEEN, IS, CONTAINS) after \(attribute.name)",
                    at: current.offset)
            }
        }
        if let problem = SegmentTyping.check(attribute, condition, currency: schema.currency) {
            switch problem {
            case .operator(let code, let message):
                throw error(code, message, at: operatorOffset)
            case .literal(let position, let code, let message):
                throw error(code, message, at: literalOffsets[min(position, literalOffsets.count - 1)])
            }
        }
        return SegmentPredicate(attribute, condition)
    }

    /// Reads one literal; text on a date attribute becomes a day.
    mutating func parseLiteral(for attribute: SegmentAttribute, at operatorOffset: Int) throws(SegmentationError)
        -> SegmentLiteral
    {
        let token = current
        let literal: SegmentLiteral
        switch token.kind {
        case .integer(let value): literal = .integer(value)
        case .decimal(let value): literal = .decimal(value)
        case .relativeDate(let value): literal = .relativeDate(value)
        case .text(let value):
            literal = attribute.type == .date ? try day(value, at: token.offset) : .text(value)
        case .word:
            switch token.keyword {
            case "TRUE": literal = .boolean(true)
            case "FALSE": literal = .boolean(false)
            case "TODAY": literal = .today
            case "DATE":
                advance()
                guard case .text(let value) = current.kind else {
                    throw error(.syntax, "Expected 'YYYY-MM-DD' after DATE", at: current.offset)
                }
                literal = try day(value, at: current.offset)
            default:
                throw error(
                    .syntax, "Expected a literal (a number, 'text', a date, -30d, today, TRUE or FALSE)",
                    at: token.offset)
            }
        case .end:
            throw error(.syntax, "The query ends where a literal was expected", at: token.offset)
        default:
            throw error(
                .syntax, "Expected a literal (a number, 'text', a date, -30d, today, TRUE or FALSE)", at: token.offset)
        }
        advance()
        return literal
    }

    func day(_ text: String, at offset: Int) throws(SegmentationError) -> SegmentLiteral {
        guard let day = UTCDay(iso8601: text) else {
            throw error(.invalidLiteral, "Not a day that exists; write a date as 'YYYY-MM-DD', such as '2026-02-28'", at: offset)
        }
        return .date(day)
    }

    /// Resolves an attribute name (case-insensitive), suggesting the closest known name.
    func resolve(_ written: String, at offset: Int) throws(SegmentationError) -> SegmentAttribute {
        let name = written.lowercased()
        if let builtIn = SegmentAttribute.builtIns.first(where: { $0.name == name }) { return builtIn }
        if name.hasPrefix("profile.") {
            let key = String(name.dropFirst("profile.".count))
            if let type = schema.profileFields[key] { return .profile(key, type) }
        } else if name.hasPrefix("consent.") {
            let purpose = String(name.dropFirst("consent.".count))
            if let purposes = schema.consentPurposes {
                if purposes.contains(purpose) { return .consent(purpose) }
            } else if SegmentSchema.isValidKey(purpose) {
                return .consent(purpose)
            }
        }
        let known =
            SegmentAttribute.builtIns.map(\.name) + schema.profileFields.keys.sorted().map { "profile.\($0)" }
            + (schema.consentPurposes ?? []).sorted().map { "consent.\($0)" }
        var message = "Unknown attribute '\(written)'"
        if let suggestion = EditDistance.closest(to: name, among: known) {
            message += "; did you mean '\(suggestion)'?"
        } else if name.hasPrefix("profile.") {
            message += "; the profile catalog has no such field"
        }
        throw error(.unknownAttribute, message, at: offset)
    }
}

/// The words a query reserves; none can name an attribute.
enum SegmentKeywords {
    static let reserved: Set<String> = [
        "AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "CONTAINS", "TRUE", "FALSE", "TODAY", "DATE",
    ]
}
