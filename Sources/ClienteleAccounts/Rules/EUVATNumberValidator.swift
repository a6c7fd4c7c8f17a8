import Foundation

/// An EU VAT identification number: a country prefix and that country's national format.
///
/// Checks the format only (not whether the number is registered; ask VIES for that).
/// Supported prefixes and patterns (`9` a digit, `X` a letter or digit):
///
/// | prefix | pattern |
/// |---|---|
/// | NL | 999999999B99 |
/// | BE | 0999999999 or 1999999999 |
/// | DE | 999999999 |
/// | FR | XX999999999 (the key: two letters or digits, not I or O) |
/// | AT | U99999999 |
/// | LU | 99999999 |
/// | DK, FI, HU, MT, SI | 8 digits |
/// | IT, LV, HR | 11 digits |
/// | PL, SK | 10 digits |
/// | PT, EE, EL | 9 digits |
///
/// Spaces, dots and hyphens are ignored; the result is upper case (`nl 1234.56.789.b01` →
/// `NL123456789B01`).
public struct EUVATNumberValidator: RequirementValidator {
    /// The requirement key.
    public let field: String
    /// The country prefixes accepted; by default every supported one.
    public let countries: Set<String>

    /// Every supported country prefix.
    public static let supportedCountries: Set<String> = [
        "NL", "BE", "DE", "FR", "AT", "LU", "DK", "FI", "HU", "MT", "SI", "IT", "LV", "HR", "PL", "SK", "PT", "EE", "EL",
    ]

    /// Creates the validator, reading `field` (default `vat`) and accepting `countries`.
    public init(field: String = "vat", countries: Set<String> = EUVATNumberValidator.supportedCountries) {
        self.field = field
        self.countries = countries.intersection(Self.supportedCountries)
    }

    /// Returns the normalized number.
    ///
    /// - Throws: ``AccountErrorCode/requirementInvalid``.
    public func validate(_ value: String) throws(AccountError) -> String {
        let text = compacted(value)
        let bytes = Array(text.utf8)
        guard bytes.count > 2, let prefix = String(bytes: bytes[0..<2], encoding: .ascii), countries.contains(prefix) else {
            throw invalid("A VAT number starts with a supported EU country prefix, such as NL, BE, DE or FR.")
        }
        let national = Array(bytes[2...])
        guard Self.matches(national, country: prefix) else {
            throw invalid("This VAT number does not have the national format of its country prefix.")
        }
        return text
    }

    static func matches(_ n: [UInt8], country: String) -> Bool {
        func digits(_ slice: ArraySlice<UInt8>) -> Bool { slice.allSatisfy { (0x30...0x39).contains($0) } }
        func allDigits(count: Int) -> Bool { n.count == count && digits(n[...]) }
        switch country {
        case "NL":
            return n.count == 12 && digits(n[0..<9]) && n[9] == UInt8(ascii: "B") && digits(n[10..<12])
        case "BE":
            return allDigits(count: 10) && (n[0] == UInt8(ascii: "0") || n[0] == UInt8(ascii: "1"))
        case "DE", "PT", "EE", "EL":
            return allDigits(count: 9)
        case "FR":
            let keyCharacter: (UInt8) -> Bool = {
                (0x30...0x39).contains($0) || ((0x41...0x5A).contains($0) && $0 != UInt8(ascii: "I") && $0 != UInt8(ascii: "O"))
            }
            return n.count == 11 && keyCharacter(n[0]) && keyCharacter(n[1]) && digits(n[2..<11])
        case "AT":
            return n.count == 9 && n[0] == UInt8(ascii: "U") && digits(n[1..<9])
        case "LU", "DK", "FI", "HU", "MT", "SI":
            return allDigits(count: 8)
        case "IT", "LV", "HR":
            return allDigits(count: 11)
        case "PL", "SK":
            return allDigits(count: 10)
        default:
            return false
        }
    }
}
