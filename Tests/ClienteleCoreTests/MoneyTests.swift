import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

@Suite struct CurrencyTests {
    @Test(arguments: [
        ("EUR", 2), ("USD", 2), ("GBP", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2), ("DKK", 2),
        ("PLN", 2), ("CZK", 2), ("JPY", 0), ("ISK", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3),
    ])
    func knowsTheMinorUnitExponentOfEachCurrency(_ code: String, _ exponent: Int) throws {
        let currency = try Currency(code: code)
        #expect(currency.code == code)
        #expect(currency.minorUnitExponent == exponent)
        #expect(currency.description == code)
        #expect(Currency.named(code) == currency)
    }

    @Test func namedConstantsMatchTheirCodes() {
        #expect(Currency.eur.code == "EUR")
        #expect(Currency.jpy.minorUnitsPerMajorUnit == 1)
        #expect(Currency.eur.minorUnitsPerMajorUnit == 100)
        #expect(Currency.kwd.minorUnitsPerMajorUnit == 1_000)
        #expect(Currency.eur != Currency.usd)
        #expect(Set(Currency.known.map(\.code)).count == Currency.known.count)
    }

    @Test(arguments: ["", "eur", "EU", "EURO", "XXX", "E1R", "€"])
    func rejectsUnknownCodesWithATypedError(_ code: String) {
        #expect(Currency.named(code) == nil)
        #expect {
            try Currency(code: code)
        } throws: { error in
            (error as? CoreError)?.code == .unknownCurrency
        }
    }

    @Test func encodesAsItsCodeAndRejectsUnknownCodesOnDecode() throws {
        let data = try JSONEncoder().encode([Currency.chf, .bhd])
        #expect(String(decoding: data, as: UTF8.self) == #"["CHF","BHD"]"#)
        #expect(try JSONDecoder().decode([Currency].self, from: data) == [.chf, .bhd])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Currency].self, from: Data(#"["ABC"]"#.utf8))
        }
    }
}

@Suite struct BasisPointsTests {
    @Test(arguments: [0, 1, 1_250, 10_000])
    func acceptsZeroToTenThousand(_ value: Int) throws {
        #expect(try BasisPoints(value).rawValue == value)
    }

    @Test(arguments: [-1, 10_001, Int.max, Int.min])
    func rejectsValuesOutsideTheRange(_ value: Int) {
        #expect(BasisPoints(rawValue: value) == nil)
        #expect {
            try BasisPoints(value)
        } throws: { error in
            (error as? CoreError)?.code == .basisPointsOutOfRange
        }
    }

    @Test func describesItselfAsAPercentage() throws {
        #expect(try BasisPoints(1_000).description == "10%")
        #expect(try BasisPoints(1_250).description == "12.5%")
        #expect(try BasisPoints(5).description == "0.05%")
        #expect(try BasisPoints(1_234).description == "12.34%")
    }

    @Test func decodingValidatesTheRange() throws {
        #expect(try JSONDecoder().decode([BasisPoints].self, from: Data("[2500]".utf8)) == [try BasisPoints(2_500)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([BasisPoints].self, from: Data("[10001]".utf8))
        }
    }
}

@Suite struct MoneyTests {
    func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    // MARK: Percent off, half up

    @Test(arguments: [
        // (amount, basis points off, expected) worked by hand: amount × (10000 − bp) / 10000
        (Int64(1_234), 1_000, Int64(1_111)),  // 1110.6 → 1111
        (1_235, 1_000, 1_112),  // 1111.5 → 1112 (half up)
        (1_005, 5_000, 503),  // 502.5 → 503 (half up)
        (1_001, 5_000, 501),  // 500.5 → 501
        (999, 5_000, 500),  // 499.5 → 500
        (3, 5_000, 2),  // 1.5 → 2
        (1, 5_000, 1),  // 0.5 → 1
        (1, 5_001, 0),  // 0.4999 → 0
        (100, 3_333, 67),  // 66.67 → 67
        (100, 0, 100),
        (100, 10_000, 0),
        (0, 1_000, 0),
        (-1_235, 1_000, -1_112),  // −1111.5 → −1112 (away from zero)
        (-1, 5_000, -1),  // −0.5 → −1
        (-1_234, 1_000, -1_111),  // −1110.6 → −1111
    ])
    func percentOffRoundsHalfUp(_ amount: Int64, _ points: Int, _ expected: Int64) throws {
        #expect(eur(amount).reduced(by: try BasisPoints(points)) == eur(expected))
    }

    @Test func percentOffIsExactForTheLargestAmounts() throws {
        // Int64.max = 9223372036854775807; × 0.5 = 4611686018427387903.5 → …904.
        #expect(eur(.max).reduced(by: try BasisPoints(5_000)).minorUnits == 4_611_686_018_427_387_904)
        #expect(eur(.min).reduced(by: try BasisPoints(5_000)).minorUnits == -4_611_686_018_427_387_904)
        #expect(eur(.max).reduced(by: .zero).minorUnits == .max)
        #expect(eur(.min).reduced(by: .zero).minorUnits == .min)
        // 9223372036854775807 × 9999 / 10000 = 9222449699651090329.4193 → …329.
        #expect(eur(.max).reduced(by: try BasisPoints(1)).minorUnits == 9_222_449_699_651_090_329)
        // 9223372036854775807 × 9995 / 10000 = 9218760350836348419.0965… → …419;
        // 9223372036854775805 × 5 / 10000 = 4611686018427387.9025 → …388.
        #expect(eur(.max).reduced(by: try BasisPoints(5)).minorUnits == 9_218_760_350_836_348_419)
        #expect(eur(.max - 2).reduced(by: try BasisPoints(9_995)).minorUnits == 4_611_686_018_427_388)
    }

    @Test func percentOffKeepsTheCurrency() throws {
        let price = Money(minorUnits: 1_000, currency: .jpy)
        #expect(price.reduced(by: try BasisPoints(1_500)) == Money(minorUnits: 850, currency: .jpy))
    }

    // MARK: Arithmetic

    @Test func addsSubtractsAndMultipliesWithinACurrency() throws {
        #expect(try eur(1_234) + eur(66) == eur(1_300))
        #expect(try eur(100) - eur(250) == eur(-150))
        #expect(try eur(1_234) * 3 == eur(3_702))
        #expect(try eur(1_234).multiplied(by: 0) == eur(0))
        #expect(try eur(5).isLess(than: eur(6)))
        #expect(try !eur(6).isLess(than: eur(6)))
    }

    @Test func refusesToMixCurrencies() {
        let usd = Money(minorUnits: 100, currency: .usd)
        for operation: (Money, Money) throws -> Any in [{ try $0 + $1 }, { try $0 - $1 }, { try $0.isLess(than: $1) }] {
            #expect {
                _ = try operation(eur(100), usd)
            } throws: { error in
                guard let error = error as? CoreError else { return false }
                return error.code == .currencyMismatch && error.message.contains("EUR") && error.message.contains("USD")
            }
        }
        #expect(eur(100) != usd)
    }

    @Test func reportsOverflowAsATypedError() {
        let cases: [() throws -> Money] = [
            { try self.eur(.max) + self.eur(1) },
            { try self.eur(.min) - self.eur(1) },
            { try self.eur(.max / 2 + 1) * 2 },
            { try self.eur(.min) * -1 },
        ]
        for operation in cases {
            #expect {
                _ = try operation()
            } throws: { error in
                (error as? CoreError)?.code == .moneyOverflow
            }
        }
    }

    // MARK: Decimal text

    @Test(arguments: [
        ("12.34", Currency.eur, Int64(1_234)),
        ("-0.50", .eur, -50),
        ("1000", .eur, 100_000),
        ("0.5", .eur, 50),
        ("0", .eur, 0),
        ("-0", .eur, 0),
        ("007.10", .eur, 710),
        ("1000", .jpy, 1_000),
        ("1.250", .kwd, 1_250),
        ("0.001", .bhd, 1),
        ("92233720368547758.07", .eur, .max),
        ("-92233720368547758.08", .eur, .min),
    ])
    func parsesDecimalText(_ text: String, _ currency: Currency, _ minorUnits: Int64) throws {
        #expect(try Money(parsing: text, currency: currency) == Money(minorUnits: minorUnits, currency: currency))
    }

    @Test(arguments: [
        (Int64(1_234), Currency.eur, "12.34"),
        (-50, .eur, "-0.50"),
        (5, .eur, "0.05"),
        (0, .eur, "0.00"),
        (100_000, .eur, "1000.00"),
        (1_000, .jpy, "1000"),
        (-7, .jpy, "-7"),
        (1_250, .kwd, "1.250"),
        (1, .bhd, "0.001"),
        (.max, .eur, "92233720368547758.07"),
        (.min, .eur, "-92233720368547758.08"),
    ])
    func formatsDecimalTextThatParsesBack(_ minorUnits: Int64, _ currency: Currency, _ text: String) throws {
        let money = Money(minorUnits: minorUnits, currency: currency)
        #expect(money.decimalText == text)
        #expect(try Money(parsing: money.decimalText, currency: currency) == money)
        #expect(money.description == "\(text) \(currency.code)")
    }

    @Test func roundTripsEveryCurrencyExponent() throws {
        for currency in Currency.known {
            for minorUnits: Int64 in [0, 1, -1, 9, 10, 99, 100, 101, 123_456_789, -987_654_321, .max, .min] {
                let money = Money(minorUnits: minorUnits, currency: currency)
                #expect(try Money(parsing: money.decimalText, currency: currency) == money)
            }
        }
    }

    @Test(arguments: [
        ("", Currency.eur, CoreErrorCode.invalidAmountText, 0),
        ("-", .eur, .invalidAmountText, 1),
        ("12.", .eur, .invalidAmountText, 3),
        (".5", .eur, .invalidAmountText, 0),
        ("-.5", .eur, .invalidAmountText, 1),
        ("1,50", .eur, .invalidAmountText, 1),
        (" 12", .eur, .invalidAmountText, 0),
        ("12 ", .eur, .invalidAmountText, 2),
        ("+12", .eur, .invalidAmountText, 0),
        ("1.2.3", .eur, .invalidAmountText, 3),
        ("1-2", .eur, .invalidAmountText, 1),
        ("1e3", .eur, .invalidAmountText, 1),
        ("١٢", .eur, .invalidAmountText, 0),
        ("12.345", .eur, .tooManyFractionDigits, 5),
        ("12.5", .jpy, .tooManyFractionDigits, 3),
        ("12.0", .jpy, .tooManyFractionDigits, 3),
        ("1.2345", .kwd, .tooManyFractionDigits, 5),
        ("92233720368547758.08", .eur, .moneyOverflow, 0),
        ("99999999999999999999", .jpy, .moneyOverflow, 19),
    ])
    func rejectsMalformedTextWithItsPosition(
        _ text: String, _ currency: Currency, _ code: CoreErrorCode, _ position: Int
    ) {
        #expect {
            try Money(parsing: text, currency: currency)
        } throws: { error in
            guard let error = error as? CoreError else { return false }
            return error.code == code && error.context.position == position && error.context.field == "amount"
        }
    }

    @Test func encodesMinorUnitsAndCurrencyCode() throws {
        let data = try JSONEncoder().encode(eur(1_234))
        let decoded = try JSONDecoder().decode(Money.self, from: data)
        #expect(decoded == eur(1_234))
        #expect(String(decoding: data, as: UTF8.self).contains(#""EUR""#))
    }
}
