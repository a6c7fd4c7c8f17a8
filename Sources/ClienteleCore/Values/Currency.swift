/// An ISO 4217 currency: its three-letter code and the number of digits of its minor unit.
///
/// Amounts are kept in minor units (cents for the euro, whole yen for the yen, fils for
/// the Kuwaiti dinar), so the exponent says how to read and write them as decimal text:
///
/// ```swift
/// let euro = try Currency(code: "EUR")      // exponent 2: 1234 minor units = "12.34"
/// Currency.jpy.minorUnitExponent             // 0
/// Currency.kwd.minorUnitExponent             // 3
/// ```
///
/// Only the codes in ``known`` exist, so a `Currency` is always valid. It is a small
/// trivially copyable value (the code is packed into an integer), cheap to compare on
/// hot paths such as price resolution. It encodes as its code string (`"EUR"`).
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three upper-case ASCII letters, packed big-endian into the low 24 bits.
    @usableFromInline let packedCode: UInt32
    /// Digits after the decimal point in the currency's usual notation (0–4).
    public let minorUnitExponent: Int

    /// Two currencies are equal when their codes are (one integer comparison).
    @inlinable
    public static func == (lhs: Currency, rhs: Currency) -> Bool {
        lhs.packedCode == rhs.packedCode
    }

    /// Hashes the code.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(packedCode)
    }

    private init(_ code: StaticString, _ exponent: Int) {
        var packed: UInt32 = 0
        code.withUTF8Buffer { bytes in
            for byte in bytes { packed = packed << 8 | UInt32(byte) }
        }
        self.packedCode = packed
        self.minorUnitExponent = exponent
    }

    /// The ISO 4217 code, such as `EUR`.
    public var code: String {
        let bytes = [
            UInt8(truncatingIfNeeded: packedCode >> 16),
            UInt8(truncatingIfNeeded: packedCode >> 8),
            UInt8(truncatingIfNeeded: packedCode),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ISO 4217 code.
    public var description: String { code }

    /// The number of minor units in one major unit: 10^``minorUnitExponent``.
    public var minorUnitsPerMajorUnit: Int64 {
        var result: Int64 = 1
        for _ in 0..<minorUnitExponent { result *= 10 }
        return result
    }

    /// Looks up a currency by its ISO 4217 code (upper case, as `EUR`).
    ///
    /// - Throws: ``CoreErrorCode/unknownCurrency`` when the code is not in ``known``.
    public init(code: String) throws(CoreError) {
        guard let currency = Currency.named(code) else {
            throw CoreError(
                .unknownCurrency,
                "Unknown currency code; use an upper-case ISO 4217 code Clientele knows, such as EUR or USD.",
                context: ErrorContext(field: "currency"))
        }
        self = currency
    }

    /// The currency with this ISO 4217 code, or `nil` when Clientele does not know it.
    ///
    /// - Complexity: O(n) in the number of known currencies (a few dozen).
    public static func named(_ code: String) -> Currency? {
        let utf8 = code.utf8
        guard utf8.count == 3 else { return nil }
        var packed: UInt32 = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
            packed = packed << 8 | UInt32(byte)
        }
        return known.first { $0.packedCode == packed }
    }

    /// Decodes from the code string, rejecting unknown codes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency.named(code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Unknown currency code.")
        }
        self = currency
    }

    /// Encodes as the code string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    // MARK: Known currencies

    /// Euro, 2 decimals.
    public static let eur = Currency("EUR", 2)
    /// US dollar, 2 decimals.
    public static let usd = Currency("USD", 2)
    /// Pound sterling, 2 decimals.
    public static let gbp = Currency("GBP", 2)
    /// Swiss franc, 2 decimals.
    public static let chf = Currency("CHF", 2)
    /// Swedish krona, 2 decimals.
    public static let sek = Currency("SEK", 2)
    /// Norwegian krone, 2 decimals.
    public static let nok = Currency("NOK", 2)
    /// Danish krone, 2 decimals.
    public static let dkk = Currency("DKK", 2)
    /// Polish złoty, 2 decimals.
    public static let pln = Currency("PLN", 2)
    /// Czech koruna, 2 decimals.
    public static let czk = Currency("CZK", 2)
    /// Hungarian forint, 2 decimals.
    public static let huf = Currency("HUF", 2)
    /// Romanian leu, 2 decimals.
    public static let ron = Currency("RON", 2)
    /// Bulgarian lev, 2 decimals.
    public static let bgn = Currency("BGN", 2)
    /// Turkish lira, 2 decimals.
    public static let `try` = Currency("TRY", 2)
    /// Icelandic króna, no minor unit.
    public static let isk = Currency("ISK", 0)
    /// Japanese yen, no minor unit.
    public static let jpy = Currency("JPY", 0)
    /// South Korean won, no minor unit.
    public static let krw = Currency("KRW", 0)
    /// Chinese yuan renminbi, 2 decimals.
    public static let cny = Currency("CNY", 2)
    /// Hong Kong dollar, 2 decimals.
    public static let hkd = Currency("HKD", 2)
    /// Singapore dollar, 2 decimals.
    public static let sgd = Currency("SGD", 2)
    /// Indian rupee, 2 decimals.
    public static let inr = Currency("INR", 2)
    /// Australian dollar, 2 decimals.
    public static let aud = Currency("AUD", 2)
    /// New Zealand dollar, 2 decimals.
    public static let nzd = Currency("NZD", 2)
    /// Canadian dollar, 2 decimals.
    public static let cad = Currency("CAD", 2)
    /// Mexican peso, 2 decimals.
    public static let mxn = Currency("MXN", 2)
    /// Brazilian real, 2 decimals.
    public static let brl = Currency("BRL", 2)
    /// South African rand, 2 decimals.
    public static let zar = Currency("ZAR", 2)
    /// Kuwaiti dinar, 3 decimals.
    public static let kwd = Currency("KWD", 3)
    /// Bahraini dinar, 3 decimals.
    public static let bhd = Currency("BHD", 3)
    /// Omani rial, 3 decimals.
    public static let omr = Currency("OMR", 3)
    /// Jordanian dinar, 3 decimals.
    public static let jod = Currency("JOD", 3)
    /// Tunisian dinar, 3 decimals.
    public static let tnd = Currency("TND", 3)

    /// Every currency Clientele knows, in the order declared above.
    public static let known: [Currency] = [
        .eur, .usd, .gbp, .chf, .sek, .nok, .dkk, .pln, .czk, .huf, .ron, .bgn, .try,
        .isk, .jpy, .krw, .cny, .hkd, .sgd, .inr, .aud, .nzd, .cad, .mxn, .brl, .zar,
        .kwd, .bhd, .omr, .jod, .tnd,
    ]
}
