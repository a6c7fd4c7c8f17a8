import ClienteleCore
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The 164 addresses of Dominic Sayers' is_email test set (v3.05, BSD-3-Clause, see
/// `Fixtures/LICENSE-isemail.md`) against our policy.
///
/// Every address in category ISEMAIL_ERR is rejected. Outside it, is_email accepts a lot
/// that shops never need; ``policy`` says, per diagnosis, what we do on purpose:
///
/// | is_email diagnosis                         | our verdict                         |
/// |--------------------------------------------|-------------------------------------|
/// | VALID, DNSWARN_NO_RECORD, DNSWARN_NO_MX     | accepted (except `test@io`)          |
/// | RFC5321_TLD (`test@org`)                    | rejected: singleLabelDomain          |
/// | RFC5321_TLDNUMERIC                          | rejected: numericTopLevelDomain      |
/// | RFC5321_QUOTEDSTRING, DEPREC_LOCALPART/QP/QTEXT | rejected: quotedLocalPart        |
/// | RFC5321_ADDRESSLITERAL, RFC5322_DOMAINLITERAL, DOMLIT_OBSDTEXT, IPV6_*, IPV6DEPRECATED | rejected: domainLiteral |
/// | CFWS_COMMENT, DEPREC_COMMENT/CTEXT/CFWS_NEAR_AT | rejected: comment (or innerWhitespace) |
/// | CFWS_FWS, DEPREC_FWS                        | rejected: controlCharacter / innerWhitespace; accepted when only surrounding spaces |
/// | RFC5322_LOCAL_TOOLONG / LABEL_TOOLONG / TOOLONG / DOMAIN_TOOLONG | rejected: the matching length code |
/// | RFC5322_DOMAIN (`iana/icann.org`)           | rejected: invalidDomainCharacter     |
@Suite struct EmailAddressIsEmailTests {
    enum Verdict: Equatable, Sendable, CustomStringConvertible {
        case accepted
        case rejected(CoreErrorCode)

        var description: String {
            switch self {
            case .accepted: "accepted"
            case .rejected(let code): "rejected (\(code))"
            }
        }
    }

    /// What the policy does with each is_email diagnosis outside ISEMAIL_ERR.
    static let policy: [String: Verdict] = [
        // Ordinary mailboxes.
        "ISEMAIL_VALID": .accepted,
        "ISEMAIL_DNSWARN_NO_RECORD": .accepted,  // syntax only: we never ask DNS
        "ISEMAIL_DNSWARN_NO_MX_RECORD": .accepted,
        // A bare top-level domain or an all-numeric one is not a shop customer's mailbox.
        "ISEMAIL_RFC5321_TLD": .rejected(.emailSingleLabelDomain),
        "ISEMAIL_RFC5321_TLDNUMERIC": .rejected(.emailNumericTopLevelDomain),
        // Quoted local parts, however written.
        "ISEMAIL_RFC5321_QUOTEDSTRING": .rejected(.emailQuotedLocalPart),
        "ISEMAIL_DEPREC_LOCALPART": .rejected(.emailQuotedLocalPart),
        "ISEMAIL_DEPREC_QP": .rejected(.emailQuotedLocalPart),
        "ISEMAIL_DEPREC_QTEXT": .rejected(.emailQuotedLocalPart),
        // Domain literals, valid or not.
        "ISEMAIL_RFC5321_ADDRESSLITERAL": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5321_IPV6DEPRECATED": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_DOMAINLITERAL": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_DOMLIT_OBSDTEXT": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_GRPCOUNT": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_BADCHAR": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_MAXGRPS": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_COLONSTRT": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_COLONEND": .rejected(.emailDomainLiteral),
        "ISEMAIL_RFC5322_IPV6_2X2XCOLON": .rejected(.emailDomainLiteral),
        // Comments and folding white space (CFWS).
        "ISEMAIL_CFWS_COMMENT": .rejected(.emailComment),
        "ISEMAIL_DEPREC_COMMENT": .rejected(.emailComment),
        "ISEMAIL_DEPREC_CTEXT": .rejected(.emailComment),
        "ISEMAIL_DEPREC_CFWS_NEAR_AT": .rejected(.emailComment),
        "ISEMAIL_CFWS_FWS": .rejected(.emailControlCharacter),  // the CR LF of folding white space
        "ISEMAIL_DEPREC_FWS": .rejected(.emailInnerWhitespace),
        // Length limits.
        "ISEMAIL_RFC5322_LOCAL_TOOLONG": .rejected(.emailLocalPartTooLong),
        "ISEMAIL_RFC5322_LABEL_TOOLONG": .rejected(.emailDomainLabelTooLong),
        "ISEMAIL_RFC5322_TOOLONG": .rejected(.emailTooLong),
        "ISEMAIL_RFC5322_DOMAIN_TOOLONG": .rejected(.emailTooLong),
        // A character DNS host names do not have.
        "ISEMAIL_RFC5322_DOMAIN": .rejected(.emailInvalidDomainCharacter),
    ]

    /// Vectors whose diagnosis says less than our verdict, by test id, with the reason.
    static let exceptions: [Int: (verdict: Verdict, reason: String)] = [
        5: (.rejected(.emailSingleLabelDomain), "test@io: valid to is_email, but a single-label domain"),
        59: (.rejected(.emailQuotedLocalPart), "too long, but quoted first"),
        60: (.rejected(.emailQuotedLocalPart), "too long, but quoted first"),
        85: (.rejected(.emailInnerWhitespace), "' test @iana.org': the space before the @ remains after trimming"),
        86: (.rejected(.emailInnerWhitespace), "'test@ iana .com': spaces around the domain"),
        89: (.rejected(.emailControlCharacter), "starts with CR LF, which is not trimmed"),
        149: (.rejected(.emailControlCharacter), "ends with CR LF before the trimmed spaces"),
        153: (.rejected(.emailInnerWhitespace), "'test@iana.org ␍␊ ': the space before CR LF is inside once the last is trimmed"),
        157: (.accepted, "' test@iana.org': surrounding spaces are trimmed"),
        158: (.accepted, "'test@iana.org ': surrounding spaces are trimmed"),
    ]

    static let vectors: [IsEmailVector] = (try? IsEmailVector.loadFixture()) ?? []
    static let errorVectors = vectors.filter { $0.category == "ISEMAIL_ERR" }
    static let otherVectors = vectors.filter { $0.category != "ISEMAIL_ERR" }

    static func expectedVerdict(for vector: IsEmailVector) -> Verdict? {
        exceptions[vector.id]?.verdict ?? policy[vector.diagnosis]
    }

    static func verdict(for address: String) -> Verdict {
        do {
            _ = try EmailAddress(parsing: address)
            return .accepted
        } catch {
            return .rejected(error.code)
        }
    }

    @Test func theFixtureHoldsAll164VectorsInTheirCategories() {
        #expect(Self.vectors.count == 164)
        let perCategory = Dictionary(grouping: Self.vectors, by: \.category).mapValues(\.count)
        #expect(
            perCategory == [
                "ISEMAIL_VALID_CATEGORY": 14, "ISEMAIL_DNSWARN": 8, "ISEMAIL_RFC5321": 16, "ISEMAIL_CFWS": 10,
                "ISEMAIL_DEPREC": 20, "ISEMAIL_RFC5322": 30, "ISEMAIL_ERR": 66,
            ])
        // The control-character notation is mapped back: test 57 holds a NUL.
        #expect(Self.vectors.first { $0.id == 57 }?.address.unicodeScalars.contains("\u{0}") == true)
    }

    @Test(arguments: errorVectors)
    func everyAddressIsEmailCallsAnErrorIsRejected(_ vector: IsEmailVector) {
        #expect(Self.verdict(for: vector.address) != .accepted)
        expectPrivateError(for: vector.address)
    }

    @Test(arguments: otherVectors)
    func everyOtherAddressGetsExactlyThePolicysVerdict(_ vector: IsEmailVector) throws {
        let expected = try #require(Self.expectedVerdict(for: vector), "diagnosis \(vector.diagnosis) is not in the policy table")
        #expect(Self.verdict(for: vector.address) == expected)
        if expected != .accepted { expectPrivateError(for: vector.address) }
    }

    @Test func thePolicyAcceptsAndRejectsTheseCountsPerCategory() {
        var counts: [String: (accepted: Int, rejected: Int)] = [:]
        for vector in Self.vectors {
            let accepted = Self.verdict(for: vector.address) == .accepted
            counts[vector.category, default: (0, 0)].accepted += accepted ? 1 : 0
            counts[vector.category, default: (0, 0)].rejected += accepted ? 0 : 1
        }
        let expected: [String: (accepted: Int, rejected: Int)] = [
            "ISEMAIL_VALID_CATEGORY": (13, 1),  // test@io
            "ISEMAIL_DNSWARN": (8, 0),
            "ISEMAIL_RFC5321": (0, 16),  // quoted strings, address literals, test@org, numeric TLDs
            "ISEMAIL_CFWS": (2, 8),  // only ' test@iana.org' and 'test@iana.org ' (trimmed)
            "ISEMAIL_DEPREC": (0, 20),
            "ISEMAIL_RFC5322": (0, 30),
            "ISEMAIL_ERR": (0, 66),
        ]
        #expect(counts.count == expected.count)
        for (category, want) in expected {
            #expect(counts[category]?.accepted == want.accepted, "accepted in \(category)")
            #expect(counts[category]?.rejected == want.rejected, "rejected in \(category)")
        }
        #expect(Self.vectors.filter { Self.verdict(for: $0.address) == .accepted }.count == 23)
    }

    @Test func thePolicyTableCoversExactlyTheDiagnosesOutsideErrors() {
        let diagnoses = Set(Self.otherVectors.map(\.diagnosis))
        #expect(diagnoses == Set(Self.policy.keys))
        #expect(Self.exceptions.keys.allSatisfy { id in Self.otherVectors.contains { $0.id == id } })
    }

    /// A rejection names the field and never repeats the address.
    private func expectPrivateError(for address: String) {
        do {
            _ = try EmailAddress(parsing: address)
        } catch {
            #expect(error.context.field == "email")
            let trimmed = address.trimmingCharacters(in: .whitespaces)
            if trimmed.count >= 4 {
                #expect(!error.description.contains(trimmed))
            }
        }
    }
}

/// One `<test>` of `isemail_tests.xml`.
struct IsEmailVector: Sendable, CustomTestStringConvertible {
    var id: Int
    var address: String
    var category: String
    var diagnosis: String

    var testDescription: String { "#\(id) \(diagnosis)" }

    static func loadFixture() throws -> [IsEmailVector] {
        struct FixtureError: Error { var reason: String }
        guard let url = Bundle.module.url(forResource: "isemail_tests", withExtension: "xml", subdirectory: "Fixtures")
        else { throw FixtureError(reason: "Fixtures/isemail_tests.xml is missing") }
        let reader = IsEmailXMLReader()
        let parser = XMLParser(data: try Data(contentsOf: url))
        parser.delegate = reader
        guard parser.parse() else { throw FixtureError(reason: "isemail_tests.xml does not parse") }
        return reader.vectors
    }

    /// The file writes control character U+00nn as U+2400+nn (its "SYMBOL FOR …").
    static func mappingControlPictures(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x2400...0x241F).contains(scalar.value), let control = Unicode.Scalar(scalar.value - 0x2400) {
                scalars.append(control)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

private final class IsEmailXMLReader: NSObject, XMLParserDelegate {
    var vectors: [IsEmailVector] = []
    private var current: IsEmailVector?
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        text = ""
        if elementName == "test" {
            current = IsEmailVector(id: Int(attributes["id"] ?? "") ?? -1, address: "", category: "", diagnosis: "")
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch elementName {
        case "address": current?.address = IsEmailVector.mappingControlPictures(text)
        case "category": current?.category = text
        case "diagnosis": current?.diagnosis = text
        case "test":
            if let current { vectors.append(current) }
            current = nil
        default: break
        }
    }
}
