import ClienteleAccounts
import Testing

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test func eightCharactersAreTheDefaultMinimum() throws {
        #expect(throws: AccountError.self) { try policy.check(Password("Xq7#vL2")) }
        try policy.check(Password("Xq7#vL2!"))
    }

    @Test func aShopMayRaiseTheMinimumButNotLowerItBelowEight() throws {
        #expect(try PasswordPolicy(minimumLength: 15).minimumLength == 15)
        let error = #expect(throws: AccountError.self) { try PasswordPolicy(minimumLength: 4) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.context.field == "minimumLength")
    }

    @Test func sixtyFourCharactersAndMoreAreAcceptedUpToTheCap() throws {
        try policy.check(Password(String(repeating: "ab1-", count: 16)))
        try policy.check(Password(String(repeating: "zq", count: 512)))
        let error = #expect(throws: AccountError.self) { try policy.check(Password(String(repeating: "zq", count: 512) + "x")) }
        #expect(error?.code == .passwordTooLong)
        let tooLowCap = #expect(throws: AccountError.self) { try PasswordPolicy(maximumLength: 10) }
        #expect(tooLowCap?.context.field == "maximumLength")
    }

    @Test func noCompositionRulesApply() throws {
        try policy.check(Password("lowercase letters only here"))
        try policy.check(Password("😀😀😀😀😀😀😀😀"))
    }

    @Test func passwordsAreNFKCNormalizedBeforeCountingAndHashing() {
        #expect(Password("ﬁ").normalized == "fi")
        #expect(Password("Å").normalized == Password("Å").normalized)
        #expect(Password("①②③").length == 3)
    }

    @Test(arguments: ["password1", "PASSWORD1", "iloveyou", "qwertyuiop", "1q2w3e4r5t", "Password123"])
    func commonPasswordsAreRejectedWhateverTheirCase(_ text: String) {
        let error = #expect(throws: AccountError.self) { try policy.check(Password(text)) }
        #expect(error?.code == .passwordTooCommon)
    }

    @Test func theBuiltInListHoldsAFewThousandEntriesAndShopsCanAddTheirOwn() throws {
        #expect(CommonPasswords.count == 8_359)
        try policy.check(Password("mijnwinkel2026"))
        let shop = PasswordPolicy(rejectionList: CommonPasswords(additions: ["MijnWinkel2026"]))
        #expect(throws: AccountError.self) { try shop.check(Password("mijnwinkel2026")) }
    }

    /// The most common entry opens the generated list and `fallen_angel` closes it
    /// (`Scripts/generate-common-passwords.py`): a truncated list fails here.
    @Test(arguments: ["123456789", "fallen_angel"])
    func theFirstAndTheLastEntryOfTheListAreBothRejected(_ text: String) {
        #expect(CommonPasswords().rejects(Password(text)))
    }

    @Test func errorsNameTheFieldAndNeverThePassword() {
        let error = #expect(throws: AccountError.self) { try policy.check(Password("short")) }
        #expect(error?.context.field == "password")
        #expect(error?.description.contains("short") == false)
        #expect(Password("secret-value").description == "<password>")
    }
}
