/// An amount of money: integer minor units in one ``Currency``.
///
/// ```swift
/// let price = try Money(parsing: "12.34", currency: .eur)   // 1234 cents
/// let line = try price * 3                                   // 37.02 EUR
/// let vip = price.reduced(by: try BasisPoints(1_000))        // 10 % off: 11.11 EUR (half up)
/// try price + Money(minorUnits: 100, currency: .usd)         // throws core.currencyMismatch
/// ```
///
/// There is no floating point anywhere: amounts are `Int64` minor units, decimal text is
/// parsed and written digit by digit, and every operation that could leave the 64-bit
/// range or mix currencies throws a ``CoreError`` instead. Amounts in different
/// currencies are never equal and cannot be ordered (``isLess(than:)`` throws).
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in the currency's minor unit (cents, yen, fils).
    public let minorUnits: Int64
    /// The currency of the amount.
    public let currency: Currency

    /// Creates an amount from minor units.
    @inlinable
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(in currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// True when the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// The amount followed by the currency code, such as `12.34 EUR`.
    public var description: String { "\(decimalText) \(currency.code)" }

    // MARK: Arithmetic

    /// The sum of two amounts in the same currency.
    ///
    /// - Throws: ``CoreErrorCode/currencyMismatch``, or ``CoreErrorCode/moneyOverflow``
    ///   when the sum leaves the 64-bit range.
    public static func + (lhs: Money, rhs: Money) throws(CoreError) -> Money {
        try lhs.requireSameCurrency(as: rhs, operation: "add")
        let (sum, overflow) = lhs.minorUnits.addingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw overflowError(operation: "The sum") }
        return Money(minorUnits: sum, currency: lhs.currency)
    }

    /// The difference of two amounts in the same currency.
    ///
    /// - Throws: ``CoreErrorCode/currencyMismatch``, or ``CoreErrorCode/moneyOverflow``
    ///   when the difference leaves the 64-bit range.
    public static func - (lhs: Money, rhs: Money) throws(CoreError) -> Money {
        try lhs.requireSameCurrency(as: rhs, operation: "subtract")
        let (difference, overflow) = lhs.minorUnits.subtractingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw overflowError(operation: "The difference") }
        return Money(minorUnits: difference, currency: lhs.currency)
    }

    /// The amount times a quantity, such as a unit price times the number ordered.
    ///
    /// - Throws: ``CoreErrorCode/moneyOverflow`` when the product leaves the 64-bit range.
    public static func * (lhs: Money, quantity: Int) throws(CoreError) -> Money {
        try lhs.multiplied(by: quantity)
    }

    /// The amount times a quantity, such as a unit price times the number ordered.
    ///
    /// - Throws: ``CoreErrorCode/moneyOverflow`` when the product leaves the 64-bit range.
    public func multiplied(by quantity: Int) throws(CoreError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow else { throw Money.overflowError(operation: "The amount times the quantity") }
        return Money(minorUnits: product, currency: currency)
    }

    /// The amount with a percentage taken off, rounded half up to the minor unit:
    /// `amount × (10,000 − percent) / 10,000`, where a remainder of exactly one half
    /// rounds away from zero (`0.5` cent → 1 cent, `−0.5` cent → −1 cent).
    ///
    /// Exact for every `Int64` amount (a 128-bit intermediate is used when needed), and it
    /// cannot overflow: the result is never further from zero than the amount.
    ///
    /// - Complexity: O(1), no allocation.
    @inlinable
    public func reduced(by percent: BasisPoints) -> Money {
        Money(
            minorUnits: Money.scaledHalfUp(minorUnits, keeping: Int64(10_000 - percent.rawValue)),
            currency: currency)
    }

    /// `value × keep / 10,000` rounded half away from zero, for `keep` in 0…10,000.
    @inlinable
    static func scaledHalfUp(_ value: Int64, keeping keep: Int64) -> Int64 {
        let (product, overflow) = value.multipliedReportingOverflow(by: keep)
        if !overflow {
            let quotient = product / 10_000
            let remainder = product % 10_000
            if remainder >= 5_000 { return quotient + 1 }
            if remainder <= -5_000 { return quotient - 1 }
            return quotient
        }
        // Only amounts beyond ±922 billion major units get here.
        let wide = value.magnitude.multipliedFullWidth(by: UInt64(keep))
        let (quotient, remainder) = UInt64(10_000).dividingFullWidth(wide)
        let rounded = quotient + (remainder >= 5_000 ? 1 : 0)
        return value < 0 ? Int64(truncatingIfNeeded: 0 &- rounded) : Int64(truncatingIfNeeded: rounded)
    }

    // MARK: Comparison

    /// Whether this amount is less than `other`, which must be in the same currency.
    ///
    /// - Throws: ``CoreErrorCode/currencyMismatch``.
    public func isLess(than other: Money) throws(CoreError) -> Bool {
        try requireSameCurrency(as: other, operation: "compare")
        return minorUnits < other.minorUnits
    }

    private func requireSameCurrency(as other: Money, operation: String) throws(CoreError) {
        guard currency == other.currency else {
            throw CoreError(
                .currencyMismatch,
                "Cannot \(operation) amounts in \(currency.code) and \(other.currency.code); convert one first.",
                context: ErrorContext(field: "currency"))
        }
    }

    private static func overflowError(operation: String) -> CoreError {
        CoreError(
            .moneyOverflow,
            "\(operation) does not fit in 64-bit minor units; check the amounts and quantity.",
            context: ErrorContext(field: "amount"))
    }

    // MARK: Decimal text

    /// Parses decimal text in the currency's major unit, such as `"12.34"`, `"-0.50"` or
    /// `"1000"`, without floating point.
    ///
    /// The grammar is an optional `-`, one or more digits `0–9`, and optionally `.` followed
    /// by one to ``Currency/minorUnitExponent`` digits. Nothing else is accepted: no spaces,
    /// `+`, thousands separators, exponents or a leading `.`.
    ///
    /// - Throws: ``CoreErrorCode/invalidAmountText`` (position of the unexpected character,
    ///   or the end of the text), ``CoreErrorCode/tooManyFractionDigits`` (position of the
    ///   first digit the currency cannot hold), ``CoreErrorCode/moneyOverflow``.
    public init(parsing text: String, currency: Currency) throws(CoreError) {
        var magnitude: UInt64 = 0
        var negative = false
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var position = 0
        for scalar in text.unicodeScalars {
            defer { position += 1 }
            let value = scalar.value
            if value == 0x2D, position == 0 {  // "-"
                negative = true
                continue
            }
            if value == 0x2E, !seenPoint, integerDigits > 0 {  // "."
                seenPoint = true
                continue
            }
            guard (0x30...0x39).contains(value) else {
                throw Money.textError(.invalidAmountText, "Expected a digit\(seenPoint || integerDigits == 0 ? "" : " or '.'") here; amounts are written like 12.34 or -0.50.", position)
            }
            if seenPoint {
                guard fractionDigits < currency.minorUnitExponent else {
                    throw Money.textError(
                        .tooManyFractionDigits,
                        currency.minorUnitExponent == 0
                            ? "\(currency.code) has no minor unit; write whole amounts."
                            : "\(currency.code) has \(currency.minorUnitExponent) decimals; remove the extra digits.",
                        position)
                }
                fractionDigits += 1
            } else {
                integerDigits += 1
            }
            let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(UInt64(value - 0x30))
            guard !overflowA, !overflowB else {
                throw Money.textError(.moneyOverflow, "The amount is too large for 64-bit minor units.", position)
            }
            magnitude = next
        }
        guard integerDigits > 0 else {
            throw Money.textError(.invalidAmountText, "Expected a digit here; amounts are written like 12.34 or -0.50.", position)
        }
        if seenPoint, fractionDigits == 0 {
            throw Money.textError(.invalidAmountText, "Expected a digit after the decimal point.", position)
        }
        for _ in fractionDigits..<currency.minorUnitExponent {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else {
                throw Money.textError(.moneyOverflow, "The amount is too large for 64-bit minor units.", 0)
            }
            magnitude = shifted
        }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard magnitude <= limit else {
            throw Money.textError(.moneyOverflow, "The amount is too large for 64-bit minor units.", 0)
        }
        self.minorUnits = negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
        self.currency = currency
    }

    private static func textError(_ code: CoreErrorCode, _ message: String, _ position: Int) -> CoreError {
        CoreError(code, message, context: ErrorContext(field: "amount", position: position))
    }

    /// The amount as decimal text in the major unit with exactly the currency's number of
    /// decimals: `"12.34"`, `"-0.50"`, `"1000"` (yen), `"1.250"` (Kuwaiti dinar).
    /// ``init(parsing:currency:)`` reads it back to the same amount.
    public var decimalText: String {
        let exponent = currency.minorUnitExponent
        var digits = Array(String(minorUnits.magnitude).utf8)
        if digits.count <= exponent {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent + 1 - digits.count), at: 0)
        }
        if exponent > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - exponent) }
        if minorUnits < 0 { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }
}
