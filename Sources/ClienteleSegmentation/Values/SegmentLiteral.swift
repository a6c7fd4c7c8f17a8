/// A literal value in a segment query.
public enum SegmentLiteral: Sendable, Hashable, CustomStringConvertible {
    /// A whole number such as `10` or `-3`.
    case integer(Int64)
    /// A decimal number such as `500.00`, kept with the number of decimals written.
    case decimal(DecimalLiteral)
    /// Text such as `'NL'`.
    case text(String)
    /// A calendar day, written `'2026-11-01'`.
    case date(UTCDay)
    /// A day relative to the day of evaluation, such as `-30d` or `+1m`.
    case relativeDate(RelativeDate)
    /// The UTC day of the evaluation instant: `today`.
    case today
    /// `TRUE` or `FALSE`.
    case boolean(Bool)

    /// The kind of literal, for error messages: `integer`, `decimal`, `text`, `date`,
    /// `relative date`, `today` or `boolean`.
    public var kind: String {
        switch self {
        case .integer: "integer"
        case .decimal: "decimal"
        case .text: "text"
        case .date: "date"
        case .relativeDate: "relative date"
        case .today: "today"
        case .boolean: "boolean"
        }
    }

    /// The canonical text of the literal, as the printer writes it.
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .decimal(let value): value.description
        case .text(let value):
            "'" + value.reduce(into: "") { escaped, character in escaped += character == "'" ? "''" : String(character) } + "'"
        case .date(let day): "'\(day)'"
        case .relativeDate(let value): value.description
        case .today: "today"
        case .boolean(let value): value ? "TRUE" : "FALSE"
        }
    }
}

/// A decimal literal: `significand × 10^-scale`, such as 50000 and 2 for `500.00`.
public struct DecimalLiteral: Sendable, Hashable, CustomStringConvertible {
    /// The digits as an integer, with the sign.
    public var significand: Int64
    /// The number of digits after the decimal point, 1–18.
    public var scale: Int

    /// Creates a decimal from its significand and scale.
    public init(significand: Int64, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    /// The value as a `Double` (for number attributes).
    public var doubleValue: Double {
        var divisor = 1.0
        for _ in 0..<scale { divisor *= 10 }
        return Double(significand) / divisor
    }

    /// The decimal text, such as `500.00` or `-0.5`.
    public var description: String {
        let magnitude = String(significand.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return (significand < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}

/// A day relative to the UTC day of the evaluation instant: `-30d`, `+2w`, `-1m`, `-1y`.
public struct RelativeDate: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a relative date.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Days (`d`), exact.
        case day = "d"
        /// Weeks (`w`): seven days, exact.
        case week = "w"
        /// Calendar months (`m`), clamped to the end of a shorter month.
        case month = "m"
        /// Calendar years (`y`); 29 February becomes 28 February in a common year.
        case year = "y"
    }

    /// How many units, negative for the past.
    public var amount: Int
    /// The unit.
    public var unit: Unit

    /// Creates a relative date.
    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// The day this relative date names when evaluated on `today`.
    public func resolved(from today: UTCDay) -> UTCDay {
        switch unit {
        case .day: today.adding(days: Int64(amount))
        case .week: today.adding(days: Int64(amount) * 7)
        case .month: today.adding(months: amount)
        case .year: today.adding(years: amount)
        }
    }

    /// `-30d`, `+1m`: always signed.
    public var description: String { (amount < 0 ? "-" : "+") + String(amount.magnitude) + unit.rawValue }
}
