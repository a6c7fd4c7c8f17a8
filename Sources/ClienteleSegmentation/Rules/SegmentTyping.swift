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
