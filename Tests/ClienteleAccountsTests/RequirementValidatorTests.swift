import ClienteleAccounts
import Testing

@Suite struct RequirementValidatorTests {
    @Test(arguments: [("12345678", true), ("1234 5678", true), ("1234567", false), ("123456789", false), ("1234567a", false), ("", false)])
    func aKvKNumberHasExactlyEightDigits(_ value: String, _ valid: Bool) {
        #expect(((try? KvKNumberValidator().validate(value)) != nil) == valid)
    }

    @Test(arguments: [
        ("NL123456789B01", true), ("NL123456789B0", false), ("NL123456789X01", false), ("NL12345678B01", false),
        ("BE0123456789", true), ("BE1123456789", true), ("BE2123456789", false), ("BE012345678", false),
        ("DE123456789", true), ("DE12345678", false), ("DE1234567890", false),
        ("FR12345678901", true), ("FRAB123456789", true), ("FRIO123456789", false), ("FR1234567890", false),
        ("ATU12345678", true), ("LU12345678", true), ("IT12345678901", true), ("XX123456789", false), ("123456789", false),
    ])
    func anEUVATNumberHasItsCountrysNationalFormat(_ value: String, _ valid: Bool) {
        #expect(((try? EUVATNumberValidator().validate(value)) != nil) == valid)
    }

    @Test func aVATValidatorCanBeLimitedToSomeCountries() throws {
        let benelux = EUVATNumberValidator(countries: ["NL", "BE", "LU"])
        #expect(try benelux.validate("be 0123.456.789") == "BE0123456789")
        #expect(throws: AccountError.self) { try benelux.validate("DE123456789") }
    }
}
