import ClienteleCore
import FuzzDriver
import FuzzSupport

/// The currencies tried: two, zero and three decimals.
let currencies: [Currency] = [.eur, .jpy, .kwd, .isk, .usd]

/// `Money(parsing:currency:)` on any text; the first byte picks the currency. Properties:
/// a parsed amount's `decimalText` parses back to the same amount, and a refusal is one of
/// the documented codes at a position inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let currency = currencies[Int(data[0]) % currencies.count]
    let input = text(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do {
        let money = try Money(parsing: input, currency: currency)
        require(money.currency == currency, "the currency changed")
        let again = try? Money(parsing: money.decimalText, currency: currency)
        require(again == money, "decimalText \(money.decimalText) does not parse back to \(money.minorUnits)")
        require(money.isNegative == input.hasPrefix("-") || money.minorUnits == 0, "the sign was lost")
    } catch {
        require(
            [.invalidAmountText, .tooManyFractionDigits, .moneyOverflow].contains(error.code),
            "unexpected error code \(error.code)")
        require(error.context.field == "amount", "the error names field \(error.context.field ?? "nil")")
        if let position = error.context.position {
            require(position >= 0 && position <= input.unicodeScalars.count, "error position \(position) is outside the text")
        }
    }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
