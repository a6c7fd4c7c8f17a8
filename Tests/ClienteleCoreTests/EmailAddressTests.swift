import ClienteleCore
import Foundation
import Testing

@Suite struct EmailAddressTests {
    // MARK: Accepted addresses

    @Test func keepsTheTypedFormAndDerivesTheKeyFromLowerCase() throws {
        let email = try EmailAddress(parsing: "  Jan.Jansen@Example.NL\t")
        #expect(email.displayForm == "Jan.Jansen@Example.NL")
        #expect(email.localPart == "Jan.Jansen")
        #expect(email.asciiDomain == "example.nl")
        #expect(email.uniquenessKey == "jan.jansen@example.nl")
    }

    @Test func trimsSpacesAndTabsOfAnyKindAroundTheAddress() throws {
        let email = try EmailAddress(parsing: "\t jan@example.nl \u{00A0}\u{3000}")
        #expect(email.displayForm == "jan@example.nl")
    }

    @Test(arguments: [
        "jan@example.nl", "Jan@Example.NL", "JAN@EXAMPLE.NL", " jan@EXAMPLE.nl ",
    ])
    func uniquenessIgnoresCase(_ text: String) throws {
        let reference = try EmailAddress(parsing: "jan@example.nl")
        let email = try EmailAddress(parsing: text)
        #expect(email == reference)
        #expect(email.hashValue == reference.hashValue)
        #expect(Set([email, reference]).count == 1)
    }

    @Test func uniquenessDoesNoProviderSpecificFolding() throws {
        let plain = try EmailAddress(parsing: "jan@gmail.com")
        #expect(try EmailAddress(parsing: "jan+shop@gmail.com") != plain)
        #expect(try EmailAddress(parsing: "j.an@gmail.com") != plain)
    }

    @Test func acceptsEveryAtextCharacterInTheLocalPart() throws {
        let email = try EmailAddress(parsing: "!#$%&'*+-/=?^_`{|}~.Az09@example.nl")
        #expect(email.localPart == "!#$%&'*+-/=?^_`{|}~.Az09")
    }

    // MARK: Internationalized domains

    @Test(arguments: [
        ("jan@bücher.example", "xn--bcher-kva.example"),
        ("jan@bu\u{0308}cher.example", "xn--bcher-kva.example"),  // decomposed: NFC first
        ("jan@BÜCHER.Example", "xn--bcher-kva.example"),  // lower case before Punycode
        ("jan@xn--bcher-kva.example", "xn--bcher-kva.example"),  // already ASCII
        ("jan@XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example"),
        ("jan@münchen.de", "xn--mnchen-3ya.de"),
        ("jan@пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("jan@例え。テスト", "xn--r8jz45g.xn--zckzah"),  // ideographic full stop separates labels
        ("jan@例え．テスト", "xn--r8jz45g.xn--zckzah"),  // full-width full stop
    ])
    func convertsInternationalDomainsToPunycode(_ text: String, _ asciiDomain: String) throws {
        let email = try EmailAddress(parsing: text)
        #expect(email.asciiDomain == asciiDomain)
        #expect(email.uniquenessKey == "jan@" + asciiDomain)
        #expect(email.displayForm == text)
    }

    @Test func spellingsOfOneInternationalDomainAreTheSameCustomer() throws {
        let spellings = try ["jan@bücher.example", "JAN@BU\u{0308}CHER.example", "jan@xn--bcher-kva.example"]
            .map(EmailAddress.init(parsing:))
        #expect(Set(spellings).count == 1)
    }

    @Test func checksInternationalLabelsAfterConversion() throws {
        // 57 × "ü" is 63 octets as xn--tdaa…; 58 is 64.
        let fits = try EmailAddress(parsing: "jan@\(String(repeating: "ü", count: 57)).example")
        #expect(fits.asciiDomain.split(separator: ".").first?.utf8.count == 63)
        expectRejection("jan@\(String(repeating: "ü", count: 58)).example", .emailDomainLabelTooLong, at: 4)
    }

    @Test(arguments: [
        ("jan@xn--a.example", 4),  // decodes to U+0080, a control character
        ("jan@xn--ls8h.example", 4),  // decodes to an emoji, not a letter
        ("jan@xn--zzzzzz.example", 4),  // truncated Punycode
        ("jan@xn--bucher-xyd.example", 4),  // decodes to a decomposed (non-NFC) label
        ("jan@shop.xn--wcaa", 9),  // decodes to upper case "ÜÜ"
    ])
    func refusesBrokenXnLabels(_ text: String, _ position: Int) {
        expectRejection(text, .emailInvalidDomainLabel, at: position)
    }

    // MARK: Rules, one code each

    @Test(arguments: [
        RejectionCase("", .emailEmpty, nil),
        RejectionCase(" \t\u{00A0}", .emailEmpty, nil),
        RejectionCase("jan.example.nl", .emailMissingAt, nil),
        RejectionCase("@example.nl", .emailEmptyLocalPart, 0),
        RejectionCase("jan@", .emailEmptyDomain, 4),
        RejectionCase("jan@shop@example.nl", .emailMultipleAt, 8),
        RejectionCase(".jan@example.nl", .emailMisplacedDot, 0),
        RejectionCase("jan.@example.nl", .emailMisplacedDot, 3),
        RejectionCase("ja..n@example.nl", .emailMisplacedDot, 3),
        RejectionCase("\"jan\"@example.nl", .emailQuotedLocalPart, 0),
        RejectionCase("jan(shop)@example.nl", .emailComment, 3),
        RejectionCase("jan@(shop)example.nl", .emailComment, 4),
        RejectionCase("jan@[192.0.2.1]", .emailDomainLiteral, 4),
        RejectionCase("jan@[IPv6:2001:db8::1]", .emailDomainLiteral, 4),
        RejectionCase("jan,piet@example.nl", .emailInvalidLocalPartCharacter, 3),
        RejectionCase("jan\\piet@example.nl", .emailInvalidLocalPartCharacter, 3),
        RejectionCase("jüri@example.ee", .emailInternationalLocalPart, 1),
        RejectionCase("jan van@example.nl", .emailInnerWhitespace, 3),
        RejectionCase("jan\u{00A0}van@example.nl", .emailInnerWhitespace, 3),
        RejectionCase("  jan @example.nl", .emailInnerWhitespace, 5),  // position in the text as passed
        RejectionCase("jan@example.nl\n", .emailControlCharacter, 14),
        RejectionCase("jan@example.nl\r\n", .emailControlCharacter, 14),
        RejectionCase("\u{2028}jan@example.nl", .emailControlCharacter, 0),
        RejectionCase("jan\u{0}@example.nl", .emailControlCharacter, 3),
        RejectionCase("jan\t@example.nl", .emailControlCharacter, 3),
        RejectionCase("jan@exa_mple.nl", .emailInvalidDomainCharacter, 7),
        RejectionCase("jan@bü☃cher.example", .emailInvalidDomainCharacter, 6),
        RejectionCase("jan@.example.nl", .emailEmptyDomainLabel, 4),
        RejectionCase("jan@example..nl", .emailEmptyDomainLabel, 12),
        RejectionCase("jan@example.nl.", .emailEmptyDomainLabel, 15),
        RejectionCase("jan@-shop.nl", .emailDomainLabelHyphen, 4),
        RejectionCase("jan@shop-.nl", .emailDomainLabelHyphen, 8),
        RejectionCase("jan@-bücher.example", .emailDomainLabelHyphen, 4),
        // `¼` maps to three scalars ("1⁄4"): the position is the hyphen's character in the
        // text, not its place in the mapped label (found by fuzz-email: position 20 of 17).
        RejectionCase("info@b¼Cachrace¼-", .emailDomainLabelHyphen, 16),
        RejectionCase("jan@localhost", .emailSingleLabelDomain, 4),
        RejectionCase("jan@bücher", .emailSingleLabelDomain, 4),
        RejectionCase("jan@192.0.2.1", .emailNumericTopLevelDomain, 12),
        RejectionCase(String(repeating: "a", count: 100_000) + "@example.nl", .emailTooLong, nil),
    ])
    func namesTheRuleThatFailed(_ rejection: RejectionCase) {
        expectRejection(rejection.text, rejection.code, at: rejection.position)
    }

    // MARK: Length limits at their boundaries

    @Test func acceptsA64OctetLocalPartAndRejects65() throws {
        let local64 = String(repeating: "a", count: 64)
        #expect(try EmailAddress(parsing: "\(local64)@example.nl").localPart == local64)
        expectRejection("\(local64)b@example.nl", .emailLocalPartTooLong, at: 64)
    }

    @Test func acceptsA63OctetLabelAndRejects64() throws {
        let label63 = String(repeating: "d", count: 63)
        #expect(try EmailAddress(parsing: "jan@\(label63).nl").asciiDomain == "\(label63).nl")
        expectRejection("jan@\(label63)d.nl", .emailDomainLabelTooLong, at: 4)
    }

    @Test func acceptsA254OctetAddressAndRejects255() throws {
        let prefix = String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + "."
            + String(repeating: "c", count: 63) + "."
        let longest = prefix + String(repeating: "d", count: 61)
        #expect(longest.utf8.count == 254)
        #expect(try EmailAddress(parsing: longest).displayForm == longest)
        expectRejection(prefix + String(repeating: "d", count: 62), .emailTooLong, at: nil)
    }

    @Test func measuresTheWholeLengthWithTheDomainInASCII() throws {
        // Typed: 248 and 249 octets; as ASCII: 254 and 255 (the ü costs "xn--" and a delta).
        let prefix = String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + "."
            + String(repeating: "c", count: 63) + "."
        let fits = prefix + String(repeating: "d", count: 53) + "ü"
        #expect(fits.utf8.count == 248)
        let email = try EmailAddress(parsing: fits)
        #expect(email.localPart.utf8.count + 1 + email.asciiDomain.utf8.count == 254)
        expectRejection(prefix + String(repeating: "d", count: 54) + "ü", .emailTooLong, at: nil)
    }

    // MARK: Redaction

    @Test func describesItselfRedacted() throws {
        let email = try EmailAddress(parsing: "jan.jansen@Example.NL")
        #expect(email.description == "j***@example.nl")
        #expect("\(email)" == "j***@example.nl")
        #expect(email.debugDescription == "EmailAddress(j***@example.nl)")
        #expect(try EmailAddress(parsing: "Jan@bücher.example").description == "J***@xn--bcher-kva.example")
    }

    @Test func neverLeaksTheLocalPartThroughReflectionOrCollections() throws {
        let email = try EmailAddress(parsing: "jan.jansen@example.nl")
        struct Order { var email: EmailAddress }
        var dumped = ""
        dump(email, to: &dumped)
        dump(Order(email: email), to: &dumped)
        let texts = [
            String(reflecting: email), String(describing: [email]), String(describing: Order(email: email)),
            String(reflecting: Optional(email)), dumped,
        ]
        for text in texts {
            #expect(!text.contains("jan.jansen"), "leaked in: \(text.replacingOccurrences(of: "jan.jansen", with: "<local>"))")
            #expect(text.contains("j***@example.nl"))
        }
    }

    // MARK: Codable

    @Test func encodesAsTheDisplayStringAndDecodesToTheSameAddress() throws {
        let email = try EmailAddress(parsing: " Jan@Bücher.example ")
        let data = try JSONEncoder().encode([email])
        #expect(String(decoding: data, as: UTF8.self) == #"["Jan@Bücher.example"]"#)
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: data)
        #expect(decoded == [email])
        #expect(decoded.first?.displayForm == "Jan@Bücher.example")
        #expect(decoded.first?.asciiDomain == "xn--bcher-kva.example")
    }

    @Test func decodingChecksTheAddressAgain() throws {
        #expect {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["\"jan\"@example.nl"]"#.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error,
                let cause = context.underlyingError as? CoreError
            else { return false }
            return cause.code == .emailQuotedLocalPart && !context.debugDescription.contains("jan")
        }
        let trimmed = try JSONDecoder().decode([EmailAddress].self, from: Data(#"[" jan@example.nl "]"#.utf8))
        #expect(trimmed.first?.displayForm == "jan@example.nl")
    }

    // MARK: Helpers

    struct RejectionCase: Sendable, CustomTestStringConvertible {
        var text: String
        var code: CoreErrorCode
        var position: Int?

        init(_ text: String, _ code: CoreErrorCode, _ position: Int?) {
            self.text = text
            self.code = code
            self.position = position
        }

        var testDescription: String {
            "\(code) at \(position.map(String.init) ?? "-"): \(text.count > 40 ? "\(text.count) characters" : text.debugDescription)"
        }
    }

    /// Expects a ``CoreError`` with `code` for field `email` at `position`, whose text
    /// never contains the address.
    private func expectRejection(
        _ text: String, _ code: CoreErrorCode, at position: Int?, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        do {
            let email = try EmailAddress(parsing: text)
            Issue.record("accepted as \(email)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.context.field == "email", sourceLocation: sourceLocation)
            #expect(error.context.position == position, sourceLocation: sourceLocation)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.count >= 4 {
                #expect(!error.description.contains(trimmed), sourceLocation: sourceLocation)
                let local = String(trimmed.prefix { $0 != "@" })
                if local.count >= 3 { #expect(!error.message.contains(local), sourceLocation: sourceLocation) }
            }
        }
    }
}
