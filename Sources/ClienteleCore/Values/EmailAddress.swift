import Foundation

/// A customer's e-mail address, parsed and checked, never a raw string.
///
/// The policy accepts the mailbox syntax shops meet in practice and refuses the rest
/// with a ``CoreError`` whose code names the rule that failed (field `email`, and the
/// zero-based character position in the text as passed in, where there is one):
///
/// - Surrounding spaces and tabs are trimmed; line breaks and other control characters
///   are refused anywhere, because in a mail header they are an injection vector.
/// - The local part is an RFC 5322 dot-atom of ASCII `atext`: no leading, trailing or
///   doubled dots, no quoted strings, comments, spaces or control characters.
///   At most ``maximumLocalPartLength`` octets.
/// - Non-ASCII local parts (RFC 6531, `jüri@example.ee`) are **refused** with
///   ``CoreErrorCode/emailInternationalLocalPart``: many mail providers still do not
///   deliver them (SMTPUTF8), and their case-insensitive comparison is undefined, which
///   would weaken the uniqueness key. Internationalized *domains* are accepted.
/// - The domain has at least two labels of letters, digits and hyphens, 1–63 octets
///   each, no leading or trailing hyphen, and a top-level label that is not all digits.
///   No IP or domain literals (`[192.0.2.1]`). A label with non-ASCII letters is put in
///   NFC, lower-cased and encoded with Punycode (RFC 3492) behind `xn--`; the limits
///   apply to that ASCII form. `。`, `．` and `｡` separate labels like `.`. Labels typed
///   as `xn--…` must decode to a valid label. (This follows IDNA2008 for letters, marks
///   and digits; its contextual and bidirectional rules are not checked.)
/// - The whole address is at most ``maximumLength`` octets with the domain in ASCII.
///
/// The address is kept as typed (trimmed) for display and mail; identity is the
/// ``uniquenessKey``, lowercase(local part)@lowercase(ASCII domain), with no
/// provider-specific folding of dots or `+tags`. ``description`` is redacted so that
/// logging an address does not leak it.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The address as the customer typed it, without surrounding white space.
    public let displayForm: String
    /// The part before the `@`, as typed.
    public let localPart: String
    /// The domain in lower-case ASCII, internationalized labels in `xn--` form.
    public let asciiDomain: String
    /// `lowercase(localPart)@asciiDomain`: what makes two addresses the same customer.
    public let uniquenessKey: String

    /// The longest local part accepted, in octets (RFC 5321).
    public static let maximumLocalPartLength = 64
    /// The longest address accepted, in octets, with the domain in ASCII form (RFC 5321 path limit).
    public static let maximumLength = 254
    /// The longest domain label accepted, in octets of its ASCII form (RFC 1035).
    public static let maximumLabelLength = 63

    /// Parses and checks an address as a customer typed it.
    ///
    /// - Parameter text: The address; surrounding spaces and tabs are ignored.
    /// - Throws: A ``CoreError`` with one of the `email…` codes of ``CoreErrorCode``,
    ///   naming the rule that failed. Its message never contains the address.
    /// - Complexity: O(*n*) in the length of `text` (texts over 4 KiB are refused early).
    public init(parsing text: String) throws(CoreError) {
        self = try Self.parse(text)
    }

    private init(displayForm: String, localPart: String, asciiDomain: String) {
        self.displayForm = displayForm
        self.localPart = localPart
        self.asciiDomain = asciiDomain
        self.uniquenessKey = Self.asciiLowercased(localPart) + "@" + asciiDomain
    }

    // MARK: Identity

    /// Two addresses are equal when their ``uniquenessKey``s are.
    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool {
        lhs.uniquenessKey == rhs.uniquenessKey
    }

    /// Hashes the ``uniquenessKey``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(uniquenessKey)
    }

    // MARK: Redacted text

    /// A redacted form for logs, such as `j***@example.nl`: the first character of the
    /// local part and the ASCII domain, never the whole local part.
    public var description: String {
        "\(localPart.prefix(1))***@\(asciiDomain)"
    }

    /// `EmailAddress(j***@example.nl)`: as redacted as ``description``.
    public var debugDescription: String { "EmailAddress(\(description))" }

    /// A mirror that shows only the redacted form, so `dump` does not leak the address.
    public var customMirror: Mirror {
        Mirror(self, children: ["redacted": description], displayStyle: .struct)
    }

    // MARK: Codable

    /// Decodes from the display string, checking it again.
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the ``CoreError`` as underlying error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "Not a valid e-mail address (\(error.code.rawValue)).",
                    underlyingError: error))
        }
    }

    /// Encodes as the display string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(displayForm)
    }
}

// MARK: - Parsing

extension EmailAddress {
    /// Texts longer than this (in UTF-8 octets, after trimming) are refused before the
    /// rules run; no valid address comes close, however its domain is written.
    private static let maximumInputOctets = 4096

    private static func parse(_ text: String) throws(CoreError) -> EmailAddress {
        guard let first = text.firstIndex(where: { !isSurroundingSpace($0) }),
            let last = text.lastIndex(where: { !isSurroundingSpace($0) })
        else {
            throw failure(.emailEmpty, "The e-mail address is empty.", at: nil)
        }
        let trimmed = text[first...last]
        guard trimmed.utf8.count <= maximumInputOctets else { throw tooLong() }
        let offset = text.distance(from: text.startIndex, to: first)
        let characters = Array(trimmed)

        // Local part: everything before the first "@".
        var index = 0
        var previousWasDot = false
        while index < characters.count, characters[index] != "@" {
            if characters[index] == "." {
                if index == 0 || previousWasDot { throw misplacedDot(at: offset + index) }
                previousWasDot = true
            } else {
                try checkLocalPartCharacter(characters[index], at: offset + index)
                previousWasDot = false
            }
            index += 1
        }
        guard index < characters.count else {
            throw failure(
                .emailMissingAt, "The e-mail address has no '@'; it needs the form name@domain.", at: nil)
        }
        guard index > 0 else {
            throw failure(.emailEmptyLocalPart, "The e-mail address has nothing before the '@'.", at: offset)
        }
        if previousWasDot { throw misplacedDot(at: offset + index - 1) }
        let localPart = String(characters[..<index])
        guard localPart.utf8.count <= maximumLocalPartLength else {
            throw failure(
                .emailLocalPartTooLong,
                "The part before the '@' is longer than \(maximumLocalPartLength) characters.",
                at: offset + maximumLocalPartLength)
        }

        // Domain: characters first, then labels.
        let domainStart = index + 1
        guard domainStart < characters.count else {
            throw failure(.emailEmptyDomain, "The e-mail address has no domain after the '@'.", at: offset + domainStart)
        }
        var labels: [(text: String, position: Int)] = []
        var labelStart = domainStart
        for position in domainStart..<characters.count {
            let character = characters[position]
            if labelSeparators.contains(character) {
                labels.append((String(characters[labelStart..<position]), offset + labelStart))
                labelStart = position + 1
            } else {
                try checkDomainCharacter(character, at: offset + position, startsDomain: position == domainStart)
            }
        }
        labels.append((String(characters[labelStart...]), offset + labelStart))

        var asciiLabels: [String] = []
        asciiLabels.reserveCapacity(labels.count)
        for label in labels {
            asciiLabels.append(try asciiLabel(label.text, at: label.position))
        }
        guard asciiLabels.count >= 2 else {
            throw failure(
                .emailSingleLabelDomain,
                "The domain needs at least two labels separated by a dot, such as example.com.",
                at: offset + domainStart)
        }
        if let topLevel = asciiLabels.last, topLevel.utf8.allSatisfy(isASCIIDigit) {
            throw failure(
                .emailNumericTopLevelDomain,
                "The domain ends in a numeric label (like an IP address); mailbox domains end in a name.",
                at: labels.last?.position)
        }
        let asciiDomain = asciiLabels.joined(separator: ".")
        guard localPart.utf8.count + 1 + asciiDomain.utf8.count <= maximumLength else { throw tooLong() }
        return EmailAddress(displayForm: String(trimmed), localPart: localPart, asciiDomain: asciiDomain)
    }

    // MARK: Local part

    private static func checkLocalPartCharacter(_ character: Character, at position: Int) throws(CoreError) {
        try checkSpaceAndControl(character, at: position)
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, scalar.isASCII else {
            throw failure(
                .emailInternationalLocalPart,
                "The part before the '@' contains a non-ASCII character; only ASCII letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ . are accepted there.",
                at: position)
        }
        switch scalar {
        case "\"":
            throw failure(
                .emailQuotedLocalPart, "Quoted local parts (\"…\"@) are not accepted; remove the quotes.", at: position)
        case "(", ")":
            throw failure(.emailComment, "Comments in parentheses are not accepted in an e-mail address.", at: position)
        default:
            guard isAtext(UInt8(scalar.value)) else {
                throw failure(
                    .emailInvalidLocalPartCharacter,
                    "The part before the '@' contains a character that is not allowed there; only letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~ . are.",
                    at: position)
            }
        }
    }

    private static func misplacedDot(at position: Int) -> CoreError {
        failure(
            .emailMisplacedDot,
            "The part before the '@' must not start or end with a dot or contain two dots in a row.",
            at: position)
    }

    // MARK: Domain

    /// `.` and the full stops IDNA treats alike: ideographic, full-width, half-width.
    private static let labelSeparators: Set<Character> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]

    private static func checkDomainCharacter(
        _ character: Character, at position: Int, startsDomain: Bool
    ) throws(CoreError) {
        try checkSpaceAndControl(character, at: position)
        if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, scalar.isASCII {
            switch scalar {
            case "@":
                throw failure(.emailMultipleAt, "The e-mail address contains more than one '@'.", at: position)
            case "[" where startsDomain:
                throw failure(
                    .emailDomainLiteral, "Domain literals such as [192.0.2.1] are not accepted; use a domain name.",
                    at: position)
            case "(", ")":
                throw failure(.emailComment, "Comments in parentheses are not accepted in an e-mail address.", at: position)
            default:
                break
            }
        }
        guard character.unicodeScalars.allSatisfy(isDomainScalar) else { throw invalidDomainCharacter(at: position) }
    }

    /// The ASCII form of one label, checked.
    private static func asciiLabel(_ label: String, at position: Int) throws(CoreError) -> String {
        guard !label.isEmpty else {
            throw failure(
                .emailEmptyDomainLabel, "The domain must not start or end with a dot or contain two dots in a row.",
                at: position)
        }
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            let lower = asciiLowercased(label)
            guard lower.unicodeScalars.allSatisfy(isDomainScalar) else { throw invalidDomainCharacter(at: position) }
            try checkHyphens(lower, at: position)
            if lower.hasPrefix("xn--"), !isValidALabel(lower.dropFirst(4)) {
                throw failure(
                    .emailInvalidDomainLabel, "A domain label starting with 'xn--' is not valid Punycode for a domain.",
                    at: position)
            }
            try checkLabelLength(lower, at: position)
            return lower
        }

        let normalized = normalize(label)
        if normalized.utf8.allSatisfy({ $0 < 0x80 }) { return try asciiLabel(normalized, at: position) }
        let scalars = Array(normalized.unicodeScalars)
        guard scalars.allSatisfy(isDomainScalar) else { throw invalidDomainCharacter(at: position) }
        if let first = scalars.first, isMark(first) {
            throw failure(.emailInvalidDomainLabel, "A domain label must not start with a combining mark.", at: position)
        }
        try checkHyphens(normalized, at: position)
        // Punycode writes at least one character per code point, after "xn--".
        guard scalars.count + 4 <= maximumLabelLength, let encoded = Punycode.encode(scalars) else {
            throw labelTooLong(at: position)
        }
        let ascii = "xn--" + encoded
        try checkLabelLength(ascii, at: position)
        return ascii
    }

    /// Whether the part after `xn--` decodes to a label this policy would itself encode that way.
    private static func isValidALabel(_ encoded: Substring) -> Bool {
        guard let scalars = Punycode.decode(encoded),
            scalars.contains(where: { !$0.isASCII }),
            scalars.allSatisfy(isDomainScalar),
            let first = scalars.first, !isMark(first), first != "-", scalars.last != "-",
            Punycode.encode(scalars) == String(encoded)
        else { return false }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let text = String(view)
        return normalize(text).unicodeScalars.elementsEqual(text.unicodeScalars)
    }

    private static func checkHyphens(_ label: String, at position: Int) throws(CoreError) {
        if label.hasPrefix("-") || label.hasSuffix("-") {
            throw failure(
                .emailDomainLabelHyphen, "A domain label must not start or end with a hyphen.",
                at: label.hasPrefix("-") ? position : position + label.count - 1)
        }
    }

    private static func checkLabelLength(_ asciiLabel: String, at position: Int) throws(CoreError) {
        guard asciiLabel.utf8.count <= maximumLabelLength else { throw labelTooLong(at: position) }
    }

    private static func labelTooLong(at position: Int) -> CoreError {
        failure(
            .emailDomainLabelTooLong,
            "A domain label is longer than \(maximumLabelLength) characters (in its ASCII form for international names).",
            at: position)
    }

    private static func invalidDomainCharacter(at position: Int) -> CoreError {
        failure(
            .emailInvalidDomainCharacter,
            "The domain may contain only letters, digits, hyphens and dots.",
            at: position)
    }

    // MARK: Characters

    private static func checkSpaceAndControl(_ character: Character, at position: Int) throws(CoreError) {
        if character.unicodeScalars.contains(where: isControl) {
            throw failure(
                .emailControlCharacter,
                "The e-mail address contains a control character or line break; it must be a single line.",
                at: position)
        }
        if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .spaceSeparator }) {
            throw failure(.emailInnerWhitespace, "The e-mail address must not contain spaces.", at: position)
        }
    }

    /// Spaces and tabs around the address, which form fields often add.
    private static func isSurroundingSpace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// ASCII letters, digits and hyphen; beyond ASCII, letters, marks and decimal digits.
    private static func isDomainScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "-")
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ byte: UInt8) -> Bool {
        if isASCIILetter(byte) || isASCIIDigit(byte) { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// NFC, then lower case, then NFC again (lower-casing can undo composition).
    private static func normalize(_ label: String) -> String {
        label.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }

    // MARK: Errors

    private static func tooLong() -> CoreError {
        failure(
            .emailTooLong,
            "The e-mail address is longer than \(maximumLength) characters (counting the domain in its ASCII form).",
            at: nil)
    }

    private static func failure(
        _ code: CoreErrorCode, _ message: String, at position: Int?, fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> CoreError {
        CoreError(code, message, context: ErrorContext(field: "email", position: position), fileID: fileID, line: line)
    }
}
