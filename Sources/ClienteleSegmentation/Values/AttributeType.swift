/// The type of a segment attribute, which decides the operators and literals a query may
/// use with it.
public enum AttributeType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A whole number (`number_of_orders`, `days_until_birthday`): integer literals.
    case integer
    /// An amount in the shop currency (`amount_spent`): integer or decimal literals with at
    /// most as many decimals as the currency has.
    case money
    /// A number (a profile number field): integer or decimal literals.
    case number
    /// An instant or calendar day compared at UTC-day granularity: `'YYYY-MM-DD'`, a
    /// relative date (`-30d`) or `today`.
    case date
    /// Text, compared by its UTF-8 bytes (`country`, a single-choice profile field).
    case text
    /// A list of text (`groups`, `tags`, a multiple-choice profile field): `CONTAINS` only.
    case list
    /// A consent state (`consent.<purpose>`): `=`, `!=`, `IN` with one of `'granted'`,
    /// `'withdrawn'`, `'refused'`, `'pending'`, `'expired'`, `'none'`.
    case consent
    /// Yes or no (a profile Boolean field): `=`, `!=`, `IN` with `TRUE` or `FALSE`.
    case boolean

    /// The name used in error messages and the docs: `integer`, `money`, `date`, ...
    public var description: String { rawValue }

    /// True when `<`, `<=`, `>`, `>=` and `BETWEEN` apply.
    public var isOrdered: Bool {
        switch self {
        case .integer, .money, .number, .date, .text: true
        case .list, .consent, .boolean: false
        }
    }
}
