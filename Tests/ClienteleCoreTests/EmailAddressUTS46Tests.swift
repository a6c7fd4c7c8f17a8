import ClienteleCore
import Foundation
import Testing

/// The UTS #46 ToASCII cases of Unicode's IdnaTestV2 (17.0.0) as the Python `idna` 3.13 test
/// suite uses them (`Fixtures/uts46_encode_tests.tsv`; data under the Unicode License v3, the
/// package BSD-3-Clause, see `Fixtures/LICENSE-idna.md`), applied to the domain of `a@<domain>`,
/// and the cases of issue 12.
@Suite("E-mail domains follow UTS #46 and IDNA2008")
struct EmailAddressUTS46Tests {
    // MARK: The IdnaTestV2 vectors

    static let loaded = Result { try UTS46Vector.loadFixture() }
    static let vectors: [UTS46Vector] = (try? loaded.get()) ?? []

    /// Why an "ok" row's ASCII form is still not a mailbox domain under the e-mail parser's
    /// own, stricter rules, judged from the expected ASCII form alone.
    enum Exclusion: String, CaseIterable {
        /// One label only (`a@xn--ss-…`): the parser wants at least two.
        case singleLabel
        /// The top-level label is all digits (`a@a.1`).
        case numericTopLevel
        /// The top-level label has a digit other than 0–9 (`a@xn--5c9a.xn--fmb`, TLD `۲`).
        case nonASCIIDigitInTopLevel
        /// `a@` plus the ASCII domain is over 254 octets.
        case tooLong

        var code: CoreErrorCode {
            switch self {
            case .singleLabel: .emailSingleLabelDomain
            case .numericTopLevel, .nonASCIIDigitInTopLevel: .emailNumericTopLevelDomain
            case .tooLong: .emailTooLong
            }
        }

        static func of(expected ascii: String) -> Self? {
            let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
            if labels.count < 2 { return .singleLabel }
            if let last = labels.last, !last.isEmpty, last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber) {
                return .numericTopLevel
            }
            if let last = labels.last, last.hasPrefix("xn--"), let decoded = Punycode.decode(last.dropFirst(4)),
                decoded.contains(where: { !$0.isASCII && $0.properties.generalCategory == .decimalNumber })
            {
                return .nonASCIIDigitInTopLevel
            }
            if "a@".utf8.count + ascii.utf8.count > EmailAddress.maximumLength { return .tooLong }
            return nil
        }
    }

    @Test func theFixtureHoldsAll6333Rows() throws {
        _ = try Self.loaded.get()
        #expect(Self.vectors.count == 6_333)
        #expect(Self.vectors.filter(\.isOK).count == 386)
        #expect(Self.vectors.filter { !$0.isOK }.count == 5_947)
        // Two error rows hold a lone surrogate; they are read with U+FFFD and still must be refused.
        #expect(Self.vectors.filter(\.hasLoneSurrogate).map(\.isOK) == [false, false])
    }

    @Test func everyOKRowGetsItsASCIIFormUnlessTheEmailRulesExcludeIt() {
        var mismatches: [String] = []
        var excluded: [Exclusion: Int] = [:]
        for vector in Self.vectors where vector.isOK {
            let expected = vector.expected.lowercased()
            if let exclusion = Exclusion.of(expected: expected) {
                excluded[exclusion, default: 0] += 1
                do {
                    let email = try EmailAddress(parsing: "a@" + vector.input)
                    mismatches.append("\(vector.escapedInput): accepted as \(email.asciiDomain), expected \(exclusion)")
                } catch {
                    if error.code != exclusion.code {
                        mismatches.append("\(vector.escapedInput): \(error.code), expected \(exclusion.code)")
                    }
                }
                continue
            }
            do {
                let email = try EmailAddress(parsing: "a@" + vector.input)
                if email.asciiDomain != expected || email.uniquenessKey != "a@" + expected {
                    mismatches.append("\(vector.escapedInput): \(email.asciiDomain), expected \(expected)")
                }
            } catch {
                mismatches.append("\(vector.escapedInput): refused with \(error.code), expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) rows: \(mismatches.prefix(25).joined(separator: "; "))")
        // Every exclusion, counted by reason: none is skipped silently.
        #expect(excluded[.singleLabel, default: 0] == 130)
        #expect(excluded[.numericTopLevel, default: 0] == 0)
        #expect(excluded[.nonASCIIDigitInTopLevel, default: 0] == 6)
        #expect(excluded[.tooLong, default: 0] == 8)
    }

    @Test func everyErrorRowIsRefused() {
        var accepted: [String] = []
        var trailingDot = 0
        for vector in Self.vectors where !vector.isOK {
            do {
                let email = try EmailAddress(parsing: "a@" + vector.input)
                accepted.append("\(vector.escapedInput) as \(email.asciiDomain)")
            } catch {
                if error.code == .emailEmptyDomainLabel, vector.input.hasSuffix(".") { trailingDot += 1 }
            }
        }
        #expect(accepted.isEmpty, "\(accepted.count) rows accepted: \(accepted.prefix(25).joined(separator: "; "))")
        #expect(trailingDot >= 19)
    }

    // MARK: Issue 12

    @Test func aFullWidthLetterIsTheSameAccountAsItsASCIILetter() throws {
        let fullWidth = try EmailAddress(parsing: "jan@\u{FF45}xample.com")
        let ascii = try EmailAddress(parsing: "jan@example.com")
        #expect(fullWidth.asciiDomain == "example.com")
        #expect(fullWidth.uniquenessKey == ascii.uniquenessKey)
        #expect(fullWidth == ascii)
        #expect(fullWidth.displayForm == "jan@\u{FF45}xample.com")
    }

    @Test(arguments: [
        ("jan@\u{210C}otel.example", "hotel.example"),  // ℌ BLACK-LETTER CAPITAL H maps to h
        ("jan@\u{FB01}rma.example", "firma.example"),  // ﬁ LATIN SMALL LIGATURE FI maps to fi
        ("jan@\u{01C5}ep.example", "xn--dep-c3a.example"),  // ǅ maps to dž (U+0064 U+017E)
        ("jan@\u{FF2A}AN.\u{FF45}xample", "jan.example"),  // full-width capitals
        ("jan@fa\u{00DF}.de", "xn--fa-hia.de"),  // ß is kept (nontransitional), not "ss"
        ("jan@\u{03C2}.example", "xn--3xa.example"),  // final sigma is kept
        ("jan@ex\u{00AD}ample.com", "example.com"),  // the soft hyphen is ignored
        ("jan@\u{05D0}\u{05D1}.example", "xn--4dbc.example"),  // right-to-left label, left-to-right TLD
        ("jan@\u{0915}\u{094D}\u{200D}.example", "xn--11b6iy14e.example"),  // ZWJ after a virama
    ])
    func mapsCompatibilityFormsAsUTS46Says(_ text: String, _ asciiDomain: String) throws {
        let email = try EmailAddress(parsing: text)
        #expect(email.asciiDomain == asciiDomain)
    }

    @Test(arguments: [
        ("jan@a.\u{0661}\u{0662}\u{0663}", CoreErrorCode.emailNumericTopLevelDomain, 6),  // Arabic-Indic digits
        ("jan@a.\u{06F1}\u{06F2}", .emailNumericTopLevelDomain, 6),  // extended Arabic-Indic digits
        ("jan@a.\u{FF11}\u{FF12}", .emailNumericTopLevelDomain, 6),  // full-width digits map to 12
        ("jan@shop.co\u{0967}", .emailNumericTopLevelDomain, 9),  // a Devanagari digit in the TLD
        ("jan@ab--cd.example", .emailDomainLabelHyphen, 6),  // hyphens in places 3 and 4
        ("jan@a\u{2713}.example", .emailInvalidDomainCharacter, 5),  // ✓ is valid in UTS #46, not IDNA2008
        ("jan@exa\u{FF3F}mple.com", .emailInvalidDomainCharacter, 7),  // full-width "_" maps to "_" (STD3)
        ("jan@a\u{200D}b.example", .emailDomainContextRule, 4),  // ZWJ without a virama
        ("jan@a\u{00B7}b.example", .emailDomainContextRule, 4),  // middle dot not between l and l
        ("jan@1a.\u{05D0}\u{05D1}", .emailDomainBidiRule, 4),  // a digit first in a domain with Hebrew
        ("jan@\u{05D0}a.example", .emailDomainBidiRule, 4),  // Latin inside a right-to-left label
        ("jan@xn--otel-k97a.example", .emailInvalidDomainLabel, 4),  // decodes to "ℌotel": mapped, not valid
    ])
    func refusesWhatIDNA2008Disallows(_ text: String, _ code: CoreErrorCode, _ position: Int) {
        Self.expectRefusal(text, code, at: position)
    }

    /// Found by `fuzz-email` (Tests/Fuzz/Findings/email-hyphen-mark-label): a label typed as
    /// `-` plus a combining mark is one `Character`, so a `Character` check let it through.
    @Test func aHyphenJoinedToACombiningMarkStillStartsTheLabel() {
        Self.expectRefusal("a@-\u{33F}x.de", .emailDomainLabelHyphen, at: 2)
    }

    private static func expectRefusal(_ text: String, _ code: CoreErrorCode, at position: Int) {
        do {
            let email = try EmailAddress(parsing: text)
            Issue.record("accepted as \(email)")
        } catch {
            #expect(error.code == code)
            #expect(error.context.position == position)
            #expect(!error.message.contains(text))
        }
    }
}

/// One row of `Fixtures/uts46_encode_tests.tsv`.
struct UTS46Vector: Sendable, CustomTestStringConvertible {
    /// The input with Python's `unicode_escape` escapes as in the file.
    var escapedInput: String
    var input: String
    /// The expected ASCII form; empty for rows that must be refused.
    var expected: String
    var isOK: Bool
    /// Whether the input holds a lone surrogate (`\\ud900`), which no Swift `String` can hold:
    /// it is read as U+FFFD REPLACEMENT CHARACTER, as decoding such text would give.
    var hasLoneSurrogate: Bool

    var testDescription: String { escapedInput }

    static func loadFixture() throws -> [UTS46Vector] {
        struct FixtureError: Error, CustomStringConvertible {
            var reason: String
            var description: String { reason }
        }
        guard
            let url = Bundle.module.url(forResource: "uts46_encode_tests", withExtension: "tsv", subdirectory: "Fixtures")
        else { throw FixtureError(reason: "Fixtures/uts46_encode_tests.tsv is missing") }
        let text = try String(contentsOf: url, encoding: .utf8)
        var vectors: [UTS46Vector] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3, let (input, hasLoneSurrogate) = unescape(columns[0]) else {
                throw FixtureError(reason: "malformed row: \(line)")
            }
            vectors.append(
                UTS46Vector(
                    escapedInput: String(columns[0]), input: input, expected: String(columns[1]),
                    isOK: columns[2] == "ok", hasLoneSurrogate: hasLoneSurrogate))
        }
        return vectors
    }

    /// Undoes Python's `unicode_escape` for the escapes the file uses: `\xNN`, `\uNNNN`, `\UNNNNNNNN`, `\\`.
    /// A lone surrogate becomes U+FFFD.
    static func unescape(_ text: Substring) -> (String, hasLoneSurrogate: Bool)? {
        var result = String.UnicodeScalarView()
        var hasLoneSurrogate = false
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard let kind = scalars.popFirst() else { return nil }
            let digits: Int
            switch kind {
            case "x": digits = 2
            case "u": digits = 4
            case "U": digits = 8
            case "\\":
                result.append("\\")
                continue
            default: return nil
            }
            guard scalars.count >= digits,
                let value = UInt32(String(String.UnicodeScalarView(scalars.prefix(digits))), radix: 16)
            else { return nil }
            if let decoded = Unicode.Scalar(value) {
                result.append(decoded)
            } else if (0xD800...0xDFFF).contains(value) {
                result.append("\u{FFFD}")
                hasLoneSurrogate = true
            } else {
                return nil
            }
            scalars = scalars.dropFirst(digits)
        }
        return (String(result), hasLoneSurrogate)
    }
}
