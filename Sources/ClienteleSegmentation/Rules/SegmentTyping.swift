/// The type rules of the query language: which operators and literals fit which
/// attribute type. The parser reports a problem at its position; the evaluator refuses
/// a hand-built query with the same problem.
enum SegmentTyping {
    enum Problem: Equatable {
        /// The operator does not fit the attribute.
        case `operator`(SegmentationErrorCode, String)
        /// The literal at this index (0 for the only or first one) does not fit.
        case literal(Int, SegmentationErrorCode, String)
    }

    static func check(_ attribute: SegmentAttribute, _ condition: SegmentCondition, currency: Currency) -> Problem? {
        let type = attribute.type
        let name = attribute.name
        switch condition {
        case .isNull:
            return nil
        case .contains(let literal, _):
            guard type == .list else {
                return .operator(
                    .typeMismatch, "CONTAINS needs a list attribute, but \(name) is \(type); use = or IN")
            }
            return checkLiteral(literal, index: 0, for: attribute, currency: currency)
        case .compare(let op, let literal):
            if type == .list {
                return .operator(.typeMismatch, "\(name) is a list; use CONTAINS or NOT CONTAINS, not \(op.rawValue)")
            }
            if op.needsOrder, !type.isOrdered {
                return .operator(
                    .typeMismatch, "'\(op.rawValue)' needs an ordered attribute, but \(name) is \(type); use = or !=")
            }
            return checkLiteral(literal, index: 0, for: attribute, currency: currency)
        case .in(let literals, _):
            if type == .list {
                return .operator(.typeMismatch, "\(name) is a list; use CONTAINS or NOT CONTAINS, not IN")
            }
            guard !literals.isEmpty else { return .operator(.syntax, "IN needs at least one literal") }
            for (index, literal) in literals.enumerated() {
                if let problem = checkLiteral(literal, index: index, for: attribute, currency: currency) {
                    return problem
                }
            }
            return nil
        case .between(let low, let high, _):
            guard type.isOrdered else {
                return .operator(.typeMismatch, "BETWEEN needs an ordered attribute, but \(name) is \(type)")
            }
            return checkLiteral(low, index: 0, for: attribute, currency: currency)
                ?? checkLiteral(high, index: 1, for: attribute, currency: currency)
        }
    }

    static func checkLiteral(
        _ literal: SegmentLiteral, index: Int, for attribute: SegmentAttribute, currency: Currency
    ) -> Problem? {
        if let problem = writability(of: literal, index: index) { return problem }
        let type = attribute.type
        func mismatch() -> Problem {
            .literal(index, .typeMismatch, "\(attribute.name) is \(type), but the literal is \(literal.kind)")
        }
        switch (type, literal) {
        case (.integer, .integer), (.number, .integer), (.number, .decimal), (.text, .text), (.list, .text),
            (.boolean, .boolean), (.date, .date), (.date, .today), (.date, .relativeDate):
            return nil
        case (.money, .integer(let value)):
            return minorUnits(ofInteger: value, currency: currency) == nil
                ? .literal(index, .invalidLiteral, "The amount is too large for \(currency.code)") : nil
        case (.money, .decimal(let value)):
            guard value.scale <= currency.minorUnitExponent else {
                return .literal(
                    index, .invalidLiteral,
                    "The amount has \(value.scale) decimals, but \(currency.code) has \(currency.minorUnitExponent)")
            }
            return minorUnits(of: value, currency: currency) == nil
                ? .literal(index, .invalidLiteral, "The amount is too large for \(currency.code)") : nil
        case (.consent, .text(let value)):
            return ConsentFact(rawValue: value) == nil
                ? .literal(
                    index, .invalidLiteral,
                    "Not a consent state; use one of 'granted', 'withdrawn', 'refused', 'pending', 'expired', 'none'")
                : nil
        default:
            return mismatch()
        }
    }

    /// The largest magnitude of a number literal: 18 digits, what the lexer reads.
    static let largestNumber: Int64 = 999_999_999_999_999_999

    /// A problem when a hand-built literal could not be written as query text (so that
    /// every query the evaluator accepts prints to text that parses back to it).
    static func writability(of literal: SegmentLiteral, index: Int) -> Problem? {
        switch literal {
        case .integer(let value):
            guard value.magnitude <= largestNumber.magnitude else {
                return .literal(index, .invalidLiteral, "The number has more than 18 digits")
            }
        case .decimal(let value):
            guard value.significand.magnitude <= largestNumber.magnitude, (1...18).contains(value.scale) else {
                return .literal(index, .invalidLiteral, "A decimal has 1-18 decimals and at most 18 digits")
            }
        case .relativeDate(let value):
            guard value.amount.magnitude <= 99_999 else {
                return .literal(index, .invalidLiteral, "A relative date may count at most 99999 units")
            }
        case .date(let day):
            guard (1...9999).contains(day.parts.year) else {
                return .literal(index, .invalidLiteral, "A date literal has a year from 1 to 9999")
            }
        case .text, .today, .boolean:
            break
        }
        return nil
    }

    /// A money literal in minor units, or nil when it overflows or has too many decimals.
    static func minorUnits(of value: DecimalLiteral, currency: Currency) -> Int64? {
        guard value.scale <= currency.minorUnitExponent else { return nil }
        var result = value.significand
        for _ in value.scale..<currency.minorUnitExponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = product
        }
        return result
    }

    static func minorUnits(ofInteger value: Int64, currency: Currency) -> Int64? {
        minorUnits(of: DecimalLiteral(significand: value, scale: 0), currency: currency)
    }
}
