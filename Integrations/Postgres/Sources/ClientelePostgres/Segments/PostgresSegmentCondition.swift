public import ClienteleCore
public import ClienteleSegmentation
public import PostgresNIO

/// A segment query compiled to a PostgreSQL condition over the `segment_facts` table (alias
/// `f`), with its literals as bound parameters: the members of a segment are the rows for
/// which it is true.
///
/// ```swift
/// let evaluator = try SegmentEvaluator("consent.newsletter = 'granted' AND last_order_date < -180d", schema: schema)
/// let condition = try PostgresSegmentCondition(evaluator, on: UTCDay(utcDayOf: now))
/// // condition.sql: "(coalesce((SELECT c.state FROM segment_fact_consents c WHERE …), 'none') = $1
/// //                  AND f.last_order_day < $2::date)"
/// ```
///
/// It means what ``SegmentEvaluator`` means, so a count in the database equals the
/// evaluator's over the same facts:
/// - SQL's own three-valued logic: NULL columns make comparisons unknown, `NOT`, `AND` and
///   `OR` are Kleene's, `WHERE` keeps only true rows. Lists and consent states are never NULL
///   (a purpose without a row reads `none`).
/// - Date attributes are stored as the UTC day (`date`), and relative dates and `today` are
///   resolved in Swift from the evaluation day with the library's calendar arithmetic, so
///   months and years clamp exactly as the evaluator's do. Days outside 0001–9999 are bound
///   as `-infinity` / `infinity`.
/// - Text compares by its UTF-8 bytes (`COLLATE "C"`); money exactly in minor units;
///   `average_order_value` as the exact fraction `amount_spent / number_of_orders`
///   (cross-multiplied in `numeric`, never divided); profile numbers as `double precision`.
/// - `days_until_birthday` is `clientele_days_until_birthday(month, day, today)`, the
///   library's rule (29 February falls on 28 February in a common year).
/// - A profile value stored under another type than the schema gives the field reads as NULL,
///   as in the evaluator: each type has its own column.
public struct PostgresSegmentCondition: Sendable {
    /// The condition, with parameters `$1`, `$2`, … in ``bindings``, over `segment_facts f`.
    public let sql: String
    /// The parameters' values, in order.
    public let bindings: PostgresBindings

    /// Compiles `evaluator`'s query for the UTC day `today` (relative dates count from it).
    ///
    /// - Parameter bindings: Values already bound ahead of the condition (`$1` … `$n` of the
    ///   statement); the condition's parameters follow them, and ``bindings`` holds both.
    /// - Throws: ``SegmentationErrorCode/invalidLiteral`` for a text literal holding a NUL
    ///   character (PostgreSQL's `text` cannot hold it) or a money literal that does not fit in
    ///   minor units (the evaluator's type check refuses those first).
    public init(_ evaluator: SegmentEvaluator, on today: UTCDay, after bindings: PostgresBindings = PostgresBindings())
        throws(SegmentationError)
    {
        var builder = Builder(currency: evaluator.schema.currency, today: today, bindings: bindings)
        sql = try builder.condition(evaluator.query)
        self.bindings = builder.bindings
    }

    /// A day as `date` input: `YYYY-MM-DD`, or `-infinity` / `infinity` outside years 1–9999.
    static func dateText(_ day: UTCDay) -> String {
        if day.daysSinceEpoch < firstDay { return "-infinity" }
        if day.daysSinceEpoch > lastDay { return "infinity" }
        return day.description
    }

    /// 0001-01-01 and 9999-12-31, in days since 1970-01-01.
    static let firstDay: Int64 = -719_162
    static let lastDay: Int64 = 2_932_896

    /// The SQL of a query with its bindings, built in one pass.
    private struct Builder {
        let currency: Currency
        let today: UTCDay
        var bindings: PostgresBindings

        init(currency: Currency, today: UTCDay, bindings: PostgresBindings) {
            self.currency = currency
            self.today = today
            self.bindings = bindings
        }

        mutating func condition(_ query: SegmentQuery) throws(SegmentationError) -> String {
            switch query {
            case .and(let lhs, let rhs): return "(\(try condition(lhs)) AND \(try condition(rhs)))"
            case .or(let lhs, let rhs): return "(\(try condition(lhs)) OR \(try condition(rhs)))"
            case .not(let operand): return "(NOT \(try condition(operand)))"
            case .predicate(let predicate): return try self.predicate(predicate)
            }
        }

        /// Binds `value` and returns its parameter, `$n`.
        mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }

        /// Text as a parameter; refused when it holds a NUL character.
        mutating func bind(text: String, _ attribute: SegmentAttribute) throws(SegmentationError) -> String {
            guard !text.utf8.contains(0) else {
                throw SegmentationError(
                    .invalidLiteral, "The text holds a NUL character, which PostgreSQL cannot compare.",
                    context: ErrorContext(field: attribute.name))
            }
            return bind(text)
        }

        /// A day as a `date` parameter.
        mutating func bind(day: UTCDay) -> String { bind(PostgresSegmentCondition.dateText(day)) + "::date" }

        mutating func predicate(_ predicate: SegmentPredicate) throws(SegmentationError) -> String {
            let attribute = predicate.attribute
            if attribute == .averageOrderValue, predicate.condition != .isNull(negated: false),
                predicate.condition != .isNull(negated: true)
            {
                return try averageOrderValue(predicate.condition)
            }
            let value = try self.value(of: attribute)
            // Ordering compares text by its bytes; equality is bytewise under any deterministic collation.
            let ordered = attribute.type == .text ? "\(value) COLLATE \"C\"" : value
            switch predicate.condition {
            case .compare(let op, let literal):
                return "(\(op == .equal || op == .notEqual ? value : ordered) \(Self.sql(op)) \(try operand(literal, for: attribute)))"
            case .in(let literals, let negated):
                var operands: [String] = []
                for literal in literals { operands.append(try operand(literal, for: attribute)) }
                return "(\(value) \(negated ? "NOT IN" : "IN") (\(operands.joined(separator: ", "))))"
            case .between(let low, let high, let negated):
                let range = "\(ordered) BETWEEN \(try operand(low, for: attribute)) AND \(try operand(high, for: attribute))"
                return negated ? "(NOT (\(range)))" : "(\(range))"
            case .isNull(let negated):
                return "(\(value) \(negated ? "IS NOT NULL" : "IS NULL"))"
            case .contains(let literal, let negated):
                let test = "\(try operand(literal, for: attribute)) = ANY (\(value)::text[])"
                return negated ? "(NOT (\(test)))" : "(\(test))"
            }
        }

        /// `average_order_value` compared with literals: NULL without orders, otherwise
        /// `amount_spent` compared with the literal times `number_of_orders`, exactly. (Its
        /// `IS NULL` is the generic one over ``value(of:)``.)
        mutating func averageOrderValue(_ condition: SegmentCondition) throws(SegmentationError) -> String {
            let amount = "f.amount_spent::numeric", orders = "f.number_of_orders"
            func scaled(_ parameter: String) -> String { "\(parameter)::numeric * \(orders)" }
            let test: String
            var negated = false
            switch condition {
            case .isNull, .contains:
                // IS NULL goes through `value(of:)`; CONTAINS is refused by the evaluator's type check.
                throw SegmentationError(
                    .typeMismatch, "Only comparisons, IN and BETWEEN compare an average.",
                    context: ErrorContext(field: SegmentAttribute.averageOrderValue.name))
            case .compare(let op, let literal):
                test = "\(amount) \(Self.sql(op)) \(scaled(try operand(literal, for: .averageOrderValue)))"
            case .in(let literals, let isNegated):
                var equalities: [String] = []
                for literal in literals {
                    equalities.append("\(amount) = \(scaled(try operand(literal, for: .averageOrderValue)))")
                }
                test = equalities.joined(separator: " OR ")
                negated = isNegated
            case .between(let low, let high, let isNegated):
                let lower = scaled(try operand(low, for: .averageOrderValue))
                let upper = scaled(try operand(high, for: .averageOrderValue))
                test = "\(amount) >= \(lower) AND \(amount) <= \(upper)"
                negated = isNegated
            }
            let value = "(CASE WHEN \(orders) > 0 THEN (\(test)) END)"
            return negated ? "(NOT \(value))" : value
        }

        /// The SQL value of an attribute for the row `f`.
        mutating func value(of attribute: SegmentAttribute) throws(SegmentationError) -> String {
            switch attribute {
            case .numberOfOrders: return "f.number_of_orders"
            case .amountSpent: return "f.amount_spent"
            case .averageOrderValue: return "(CASE WHEN f.number_of_orders > 0 THEN f.amount_spent END)"
            case .firstOrderDate: return "f.first_order_day"
            case .lastOrderDate: return "f.last_order_day"
            case .createdAt: return "f.created_day"
            case .lastVisitDate: return "f.last_visit_day"
            case .country: return "f.country"
            case .emailDomain: return "f.email_domain"
            case .groups: return "f.groups"
            case .tags: return "f.tags"
            case .accountStatus: return "f.account_status"
            case .lifecycleStage: return "f.lifecycle_stage"
            case .daysUntilBirthday:
                return "clientele_days_until_birthday(f.birth_month, f.birth_day, \(bind(day: today)))"
            case .consent(let purpose):
                return "coalesce((SELECT c.state FROM segment_fact_consents c WHERE c.customer_id = f.customer_id AND c.purpose = \(try bind(text: purpose, attribute))), 'none')"
            case .profile(let field, let type):
                let column: String
                switch type {
                case .text: column = "text_value"
                case .number: column = "number_value"
                case .boolean: column = "boolean_value"
                case .date: column = "day_value"
                case .list: column = "list_value"
                case .integer, .money, .consent:
                    throw SegmentationError(
                        .invalidSchema, "A profile field cannot have type \(type).", context: ErrorContext(field: attribute.name))
                }
                return "(SELECT p.\(column) FROM segment_fact_profile p WHERE p.customer_id = f.customer_id AND p.field = \(try bind(text: field, attribute)))"
            }
        }

        /// A literal as a parameter of the attribute's type, converted as the evaluator does.
        mutating func operand(_ literal: SegmentLiteral, for attribute: SegmentAttribute) throws(SegmentationError) -> String {
            let type = attribute.type
            switch literal {
            case .integer(let value):
                switch type {
                case .money: return bind(try minorUnits(significand: value, scale: 0, attribute))
                case .number: return bind(Double(value))
                default: return bind(value)
                }
            case .decimal(let value):
                if type == .money { return bind(try minorUnits(significand: value.significand, scale: value.scale, attribute)) }
                return bind(value.doubleValue)
            case .text(let value): return try bind(text: value, attribute)
            case .boolean(let value): return bind(value)
            case .date(let day): return bind(day: day)
            case .relativeDate(let relative): return bind(day: relative.resolved(from: today))
            case .today: return bind(day: today)
            }
        }

        /// `significand × 10^-scale` in minor units of the shop currency.
        func minorUnits(significand: Int64, scale: Int, _ attribute: SegmentAttribute) throws(SegmentationError) -> Int64 {
            var value = significand
            var steps = currency.minorUnitExponent - scale
            while steps > 0 {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else {
                    throw SegmentationError(
                        .invalidLiteral, "The amount is too large for \(currency.code).", context: ErrorContext(field: attribute.name))
                }
                value = product
                steps -= 1
            }
            guard steps == 0 else {
                throw SegmentationError(
                    .invalidLiteral, "The amount has more decimals than \(currency.code).", context: ErrorContext(field: attribute.name))
            }
            return value
        }

        static func sql(_ op: ComparisonOperator) -> String {
            switch op {
            case .equal: "="
            case .notEqual: "<>"
            case .less: "<"
            case .lessOrEqual: "<="
            case .greater: ">"
            case .greaterOrEqual: ">="
            }
        }
    }
}
