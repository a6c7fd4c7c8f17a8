/// The codes of ``Money``, ``Currency`` and ``BasisPoints``.
extension CoreErrorCode {
    /// A currency code is not one of the ISO 4217 codes Clientele knows (``Currency/known``).
    public static let unknownCurrency = Self(rawValue: "core.unknownCurrency")

    /// Two amounts in different currencies were added, subtracted or compared.
    public static let currencyMismatch = Self(rawValue: "core.currencyMismatch")

    /// An amount does not fit in 64-bit minor units (about ±92 trillion euros).
    public static let moneyOverflow = Self(rawValue: "core.moneyOverflow")

    /// A decimal amount text is not of the form `-123.45` (optional minus, digits,
    /// optional point and fraction digits). The context's position is the offending character.
    public static let invalidAmountText = Self(rawValue: "core.invalidAmountText")

    /// A decimal amount text has more fraction digits than its currency's minor unit allows
    /// (for example `"12.345"` in euros, or any fraction in yen). The position is the first
    /// digit too many.
    public static let tooManyFractionDigits = Self(rawValue: "core.tooManyFractionDigits")

    /// A basis-point value is outside 0–10,000 (0 %–100 %).
    public static let basisPointsOutOfRange = Self(rawValue: "core.basisPointsOutOfRange")
}
