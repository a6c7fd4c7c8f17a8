public import Foundation

extension SegmentEvaluator {
    /// Why the customer is or is not a member at `instant`: the query's value and every
    /// predicate's value, with the customer's attribute value and the days that relative
    /// dates name.
    ///
    /// - Complexity: O(p) in the number of predicates.
    public func explain(_ facts: CustomerFacts, at instant: Date) -> SegmentExplanation {
        explain(facts, on: UTCDay(utcDayOf: instant))
    }

    /// Why the customer is or is not a member on the UTC day `today`.
    public func explain(_ facts: CustomerFacts, on today: UTCDay) -> SegmentExplanation {
        var explained: [PredicateExplanation] = []
        collect(root, query, facts: facts, today: today, into: &explained)
        return SegmentExplanation(result: root.evaluate(facts, today: today), day: today, predicates: explained)
    }

    private func collect(
        _ node: CompiledNode, _ query: SegmentQuery, facts: CustomerFacts, today: UTCDay,
        into result: inout [PredicateExplanation]
    ) {
        switch (node, query) {
        case (.and(let lhs, let rhs), .and(let left, let right)), (.or(let lhs, let rhs), .or(let left, let right)):
            collect(lhs, left, facts: facts, today: today, into: &result)
            collect(rhs, right, facts: facts, today: today, into: &result)
        case (.not(let operand), .not(let inner)):
            collect(operand, inner, facts: facts, today: today, into: &result)
        case (.predicate(let compiled), .predicate(let predicate)):
            let value = CompiledPredicate.read(compiled.attribute, from: facts, today: today)
            let truth = CompiledPredicate.evaluate(compiled.condition, on: value, today: today)
            result.append(
                PredicateExplanation(
                    predicate: predicate, result: truth,
                    reason: reason(predicate, value: value, result: truth, today: today)))
        default:
            break  // The compiled tree mirrors the query; nothing else occurs.
        }
    }

    private func reason(_ predicate: SegmentPredicate, value: FactValue, result: TruthValue, today: UTCDay) -> String {
        let name = predicate.attribute.name
        var parts: [String] = []
        if case .null = value {
            if case .isNull = predicate.condition {
                parts.append("\(name) is NULL")
            } else {
                parts.append("\(name) is NULL, so the comparison is unknown")
            }
        } else {
            parts.append("\(name) is \(display(value, type: predicate.attribute.type))")
        }
        for literal in literals(of: predicate.condition) {
            switch literal {
            case .relativeDate(let relative): parts.append("\(relative) is \(relative.resolved(from: today))")
            case .today: parts.append("today is \(today)")
            default: break
            }
        }
        return parts.joined(separator: "; ")
    }

    private func literals(of condition: SegmentCondition) -> [SegmentLiteral] {
        switch condition {
        case .compare(_, let literal), .contains(let literal, _): [literal]
        case .in(let literals, _): literals
        case .between(let low, let high, _): [low, high]
        case .isNull: []
        }
    }

    private func display(_ value: FactValue, type: AttributeType) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number):
            if type == .money {
                Money(minorUnits: number, currency: schema.currency).decimalText
            } else {
                String(number)
            }
        case .ratio(let minorUnits, let orders):
            "\(Money(minorUnits: minorUnits, currency: schema.currency).decimalText) over \(orders) orders"
        case .number(let number): String(number)
        case .text(let text): SegmentLiteral.text(text).description
        case .boolean(let flag): flag ? "TRUE" : "FALSE"
        case .consent(let state): "'\(state.rawValue)'"
        case .day(let day): "on \(day)"
        case .list(let items):
            items.isEmpty ? "an empty list" : "[" + items.map { SegmentLiteral.text($0).description }.joined(separator: ", ") + "]"
        }
    }
}
