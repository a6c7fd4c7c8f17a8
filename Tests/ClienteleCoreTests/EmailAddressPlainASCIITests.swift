import ClienteleCore
import Testing

/// The plain-ASCII shortcut of `EmailAddress(parsing:)` gives exactly what the full rules
/// give, and leaves everything unusual to them.
@Suite struct EmailAddressPlainASCIITests {
    /// The same value, field by field, as the full rules give.
    static func expectSameAsFullRules(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let plain = try #require(EmailAddress.plainASCII(text), sourceLocation: sourceLocation)
        let full = try EmailAddress.parseByFullRules(text)
        #expect(plain.displayForm == full.displayForm, sourceLocation: sourceLocation)
        #expect(plain.localPart == full.localPart, sourceLocation: sourceLocation)
        #expect(plain.asciiDomain == full.asciiDomain, sourceLocation: sourceLocation)
        #expect(plain.uniquenessKey == full.uniquenessKey, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "customer42@example.nl", "Jan.Jansen@Example.NL", "a@b.co", "o'brien+shop@mail-1.example.com",
        "x!#$%&'*+-/=?^_`{|}~@a1.b2", "UPPER@SUB.DOMAIN.EXAMPLE", "z@xn-a.nl", "p@123.example",
    ])
    func commonAddressesTakeTheShortcutAndMatchTheFullRules(_ text: String) throws {
        try Self.expectSameAsFullRules(text)
    }

    @Test(arguments: [
        " customer@example.nl", "customer@example.nl\t", ".a@example.nl", "a.@example.nl", "a..b@example.nl",
        "a@b@example.nl", "a@example", "a@-example.nl", "a@example-.nl", "a@ab--c.nl", "a@xn--nxasmq6b.com",
        "a@example.123", "a@example..nl", "a@example.nl.", "a@.example.nl", "jüri@example.ee", "a@bücher.de",
        "\"a\"@example.nl", "a(b)@example.nl", "a@[192.0.2.1]", "a b@example.nl", "a@exa_mple.nl", "a\n@example.nl",
        "@example.nl", "a@", "a@b",
    ])
    func unusualAddressesAreLeftToTheFullRules(_ text: String) {
        #expect(EmailAddress.plainASCII(text) == nil)
    }

    @Test func tooLongPartsAreLeftToTheFullRules() throws {
        #expect(EmailAddress.plainASCII(String(repeating: "a", count: 65) + "@example.nl") == nil)
        #expect(EmailAddress.plainASCII("a@" + String(repeating: "b", count: 64) + ".nl") == nil)
        try Self.expectSameAsFullRules(String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + ".nl")
        let long = String(repeating: "a", count: 64) + "@" + Array(repeating: String(repeating: "b", count: 60), count: 4).joined(separator: ".")
        #expect(long.utf8.count > EmailAddress.maximumLength)
        #expect(EmailAddress.plainASCII(long) == nil)
    }

    /// Seeded random texts over an alphabet rich in edge cases: whenever the shortcut
    /// accepts one, the full rules accept it with the same value.
    @Test func randomTextsTheShortcutAcceptsTheFullRulesAcceptAlike() throws {
        // Mostly letters, so that a good share passes; the rest are the edge cases.
        let alphabet: [Character] = Array("aaaaZZZxxnn0099..--+_ \té\"(!@")
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet[next(alphabet.count)] }) }
        var accepted = 0
        for _ in 0..<20_000 {
            let labels = (0..<(1 + next(3))).map { _ in word(1 + next(6)) }
            let text = word(1 + next(8)) + "@" + labels.joined(separator: ".")
            guard EmailAddress.plainASCII(text) != nil else { continue }
            accepted += 1
            try Self.expectSameAsFullRules(text)
        }
        #expect(accepted > 100, "the generator must reach the shortcut often enough to test it")
    }
}
