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
        // A mark after the "@" joins it in one Character; the "@" still ends the local part.
        while index < characters.count, characters[index].unicodeScalars.first != "@" {
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

        // Domain: characters first, then labels. What shares a Character with the "@" counts
        // as typed at the "@".
        let domainStart = index + 1
        let attached = String(String.UnicodeScalarView(characters[index].unicodeScalars.dropFirst()))
        guard domainStart < characters.count || !attached.isEmpty else {
            throw failure(.emailEmptyDomain, "The e-mail address has no domain after the '@'.", at: offset + domainStart)
        }
        let attachedCharacters = Array(attached)
        let domain = attached.isEmpty ? characters[domainStart...] : ArraySlice(attachedCharacters + characters[domainStart...])
        let labels = try mappedLabels(domain, at: offset + domainStart - attachedCharacters.count)
        var asciiLabels: [String] = []
        asciiLabels.reserveCapacity(labels.count)
        var uLabels: [[Unicode.Scalar]] = []
        uLabels.reserveCapacity(labels.count)
        for label in labels {
            let checked = try checkedLabel(label)
            asciiLabels.append(checked.ascii)
            uLabels.append(checked.unicode)
        }
        guard asciiLabels.count >= 2 else {
            throw failure(
                .emailSingleLabelDomain,
                "The domain needs at least two labels separated by a dot, such as example.com.",
                at: offset + domainStart)
        }
        if let topLevel = uLabels.last, isNumericTopLevel(topLevel) {
            throw failure(
                .emailNumericTopLevelDomain,
                "The domain ends in a label with digits other than 0–9 or only digits (like an IP address); mailbox domains end in a name.",
                at: labels.last?.position)
        }
        if uLabels.contains(where: { $0.contains(where: { !$0.isASCII && isRightToLeft(UTS46.entry($0).bidiClass) }) }) {
            for (label, position) in zip(uLabels, labels.map(\.position)) where !satisfiesBidiRule(label) {
                throw failure(
                    .emailDomainBidiRule,
                    "A domain label breaks the rule for right-to-left text in domain names (RFC 5893).",
                    at: position)
            }
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

    /// A domain label after UTS #46 mapping, not yet checked.
    private struct MappedLabel {
        var scalars: [Unicode.Scalar] = []
        /// The zero-based character position of the label in the text as passed in.
        var position: Int
        /// Whether every scalar is ASCII (then no normalization is needed).
        var isASCII = true
        /// The character position each scalar was mapped from.
        var positions: [Int] = []

        mutating func append(_ scalar: Unicode.Scalar, from position: Int) {
            scalars.append(scalar)
            positions.append(position)
            if !scalar.isASCII { isASCII = false }
        }
    }

    /// Splits the domain into labels, mapping each character with UTS #46 (lower case,
    /// full-width and compatibility forms to their plain letters; `。`, `．` and `｡` to `.`).
    ///
    /// ASCII characters never reach the table: letters are lower-cased, digits, hyphens and
    /// dots kept, anything else refused.
    ///
    /// - Parameter start: The character position of the domain's first character.
    private static func mappedLabels(_ domain: ArraySlice<Character>, at start: Int) throws(CoreError) -> [MappedLabel] {
        var labels: [MappedLabel] = []
        var current = MappedLabel(position: start)
        var mapped: [Unicode.Scalar] = []
        for index in domain.indices {
            let character = domain[index]
            let position = start + index - domain.startIndex
            if let ascii = character.asciiValue {
                if ascii == UInt8(ascii: ".") {
                    labels.append(current)
                    current = MappedLabel(position: position + 1)
                } else if isLetterDigitHyphen(ascii) {
                    current.append(Unicode.Scalar(isASCIILetter(ascii) ? ascii | 0x20 : ascii), from: position)
                } else {
                    try checkSpaceAndControl(character, at: position)
                    switch ascii {
                    case UInt8(ascii: "@"):
                        throw failure(.emailMultipleAt, "The e-mail address contains more than one '@'.", at: position)
                    case UInt8(ascii: "[") where index == domain.startIndex:
                        throw failure(
                            .emailDomainLiteral, "Domain literals such as [192.0.2.1] are not accepted; use a domain name.",
                            at: position)
                    case UInt8(ascii: "("), UInt8(ascii: ")"):
                        throw failure(
                            .emailComment, "Comments in parentheses are not accepted in an e-mail address.", at: position)
                    default:
                        throw invalidDomainCharacter(at: position)
                    }
                }
                continue
            }
            try checkSpaceAndControl(character, at: position)
            for scalar in character.unicodeScalars {
                mapped.removeAll(keepingCapacity: true)
                if scalar == "." {
                    mapped.append(scalar)
                } else if !UTS46.map(scalar, into: &mapped) {
                    throw invalidDomainCharacter(at: position)
                }
                for output in mapped {
                    if output == "." {
                        labels.append(current)
                        current = MappedLabel(position: position + 1)
                    } else if output.isASCII, !isLetterDigitHyphen(UInt8(output.value)) {
                        // Mapping may yield ASCII other than letters, digits and hyphens, as "_"
                        // from a full-width low line, and UTS #46 keeps ASCII punctuation: STD3 rules.
                        throw invalidDomainCharacter(at: position)
                    } else {
                        current.append(output, from: position)
                    }
                }
            }
        }
        labels.append(current)
        return labels
    }

    /// Checks one mapped label and returns its ASCII form and its Unicode form (U-label).
    private static func checkedLabel(_ label: MappedLabel) throws(CoreError) -> (ascii: String, unicode: [Unicode.Scalar]) {
        let mapped = label.scalars
        let position = label.position
        guard !mapped.isEmpty else {
            throw failure(
                .emailEmptyDomainLabel, "The domain must not start or end with a dot or contain two dots in a row.",
                at: position)
        }
        if label.isASCII {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: mapped)
            let ascii = String(view)
            if ascii.hasPrefix("xn--") {
                try checkHyphens(mapped, at: position, allowingPrefix: true)
                guard let decoded = decodedALabel(ascii.dropFirst(4)) else {
                    throw failure(
                        .emailInvalidDomainLabel,
                        "A domain label starting with 'xn--' is not valid Punycode for an internationalized domain label.",
                        at: position)
                }
                switch labelProblem(decoded) {
                case nil: break
                case .context: throw contextRule(at: position)
                case .hyphen, .leadingMark, .notPermitted:
                    throw failure(
                        .emailInvalidDomainLabel,
                        "A domain label starting with 'xn--' decodes to a label that is not allowed in a domain.",
                        at: position)
                }
                try checkLabelLength(ascii, at: position)
                return (ascii, decoded)
            }
            try checkHyphens(mapped, at: position, allowingPrefix: false)
            try checkLabelLength(ascii, at: position)
            return (ascii, mapped)
        }

        // Normalization (NFC) may compose; what it composes must be allowed too.
        var view = String.UnicodeScalarView()
        view.append(contentsOf: mapped)
        let normalized = Array(String(view).precomposedStringWithCanonicalMapping.unicodeScalars)
        if normalized.allSatisfy(\.isASCII) {
            return try checkedLabel(MappedLabel(scalars: normalized, position: position, isASCII: true))
        }
        try checkHyphens(normalized, at: position, allowingPrefix: false)
        switch labelProblem(normalized) {
        case nil: break
        case .hyphen, .leadingMark:
            throw failure(.emailInvalidDomainLabel, "A domain label must not start with a combining mark.", at: position)
        case .notPermitted(let index):
            // The character it came from, unless normalization moved things.
            throw invalidDomainCharacter(at: normalized == mapped ? label.positions[index] : position)
        case .context:
            throw contextRule(at: position)
        }
        // Punycode writes at least one character per code point, after "xn--".
        guard normalized.count + 4 <= maximumLabelLength, let encoded = Punycode.encode(normalized) else {
            throw labelTooLong(at: position)
        }
        let ascii = "xn--" + encoded
        try checkLabelLength(ascii, at: position)
        return (ascii, normalized)
    }

    /// The label behind `xn--`, if it is canonical Punycode of a non-ASCII label in NFC.
    private static func decodedALabel(_ encoded: Substring) -> [Unicode.Scalar]? {
        guard let scalars = Punycode.decode(encoded),
            scalars.contains(where: { !$0.isASCII }),
            Punycode.encode(scalars) == String(encoded)
        else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        guard String(view).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(scalars) else {
            return nil
        }
        return scalars
    }

    /// The IDNA2008 rule a U-label breaks (RFC 5891 §5.4, RFC 5892), if any.
    private enum LabelProblem {
        /// A hyphen first, last, or in both the third and fourth place.
        case hyphen
        case leadingMark
        /// A code point that is not PVALID, CONTEXTJ or CONTEXTO (at this index).
        case notPermitted(Int)
        /// A CONTEXTJ or CONTEXTO code point whose context does not allow it.
        case context
    }

    private static func labelProblem(_ label: [Unicode.Scalar]) -> LabelProblem? {
        guard let first = label.first else { return .notPermitted(0) }
        if first == "-" { return .hyphen }
        if label.last == "-" { return .hyphen }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return .hyphen }
        let entries = label.map(UTS46.entry)
        if entries[0].isMark { return .leadingMark }
        for (index, entry) in entries.enumerated() {
            switch entry.kind {
            case .valid:
                continue
            case .contextJ:
                if !allowsJoiner(label, entries, at: index) { return .context }
            case .contextO:
                if !allowsContextO(label, entries, at: index) { return .context }
            default:
                return .notPermitted(index)
            }
        }
        return nil
    }

    /// RFC 5892 Appendix A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER).
    private static func allowsJoiner(_ label: [Unicode.Scalar], _ entries: [UTS46.Entry], at index: Int) -> Bool {
        if index > 0, entries[index - 1].isVirama { return true }
        guard label[index] == "\u{200C}" else { return false }
        // ZWNJ: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D}).
        let before = entries[..<index].reversed().first { $0.joiningType != .transparent }
        let after = entries[(index + 1)...].first { $0.joiningType != .transparent }
        guard let before, before.joiningType == .left || before.joiningType == .dual,
            let after, after.joiningType == .right || after.joiningType == .dual
        else { return false }
        return true
    }

    /// RFC 5892 Appendix A.3–A.9.
    private static func allowsContextO(_ label: [Unicode.Scalar], _ entries: [UTS46.Entry], at index: Int) -> Bool {
        let value = label[index].value
        switch value {
        case 0x00B7:  // MIDDLE DOT: between two l.
            return index > 0 && index + 1 < label.count && label[index - 1] == "l" && label[index + 1] == "l"
        case 0x0375:  // GREEK LOWER NUMERAL SIGN: before Greek.
            return index + 1 < label.count && entries[index + 1].script == .greek
        case 0x05F3, 0x05F4:  // HEBREW PUNCTUATION GERESH, GERSHAYIM: after Hebrew.
            return index > 0 && entries[index - 1].script == .hebrew
        case 0x30FB:  // KATAKANA MIDDLE DOT: in a label with Hiragana, Katakana or Han.
            return zip(label, entries).contains { scalar, entry in
                scalar != "\u{30FB}" && [.hiragana, .katakana, .han].contains(entry.script)
            }
        case 0x0660...0x0669:  // ARABIC-INDIC DIGITS: not mixed with extended ones.
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:  // EXTENDED ARABIC-INDIC DIGITS: not mixed with the others.
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }

    private static func isRightToLeft(_ bidiClass: UTS46.BidiClass) -> Bool {
        bidiClass == .rightToLeft || bidiClass == .arabicLetter || bidiClass == .arabicNumber
    }

    /// The Bidi Rule of RFC 5893 §2, which every label of a domain with right-to-left text must pass.
    private static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
        let classes = label.map { UTS46.entry($0).bidiClass }
        guard let first = classes.first else { return false }
        let allowed: Set<UTS46.BidiClass>
        let endings: Set<UTS46.BidiClass>
        switch first {
        case .rightToLeft, .arabicLetter:  // Rules 2, 3.
            allowed = [
                .rightToLeft, .arabicLetter, .arabicNumber, .europeanNumber, .europeanSeparator, .commonSeparator,
                .europeanTerminator, .otherNeutral, .boundaryNeutral, .nonspacingMark,
            ]
            endings = [.rightToLeft, .arabicLetter, .europeanNumber, .arabicNumber]
            // Rule 4: not both European and Arabic-Indic digits.
            if classes.contains(.europeanNumber) && classes.contains(.arabicNumber) { return false }
        case .leftToRight:  // Rules 5, 6.
            allowed = [
                .leftToRight, .europeanNumber, .europeanSeparator, .commonSeparator, .europeanTerminator,
                .otherNeutral, .boundaryNeutral, .nonspacingMark,
            ]
            endings = [.leftToRight, .europeanNumber]
        default:  // Rule 1.
            return false
        }
        guard classes.allSatisfy(allowed.contains),
            let last = classes.last(where: { $0 != .nonspacingMark })
        else { return false }
        return endings.contains(last)
    }

    /// A top-level label of digits only (as in an IPv4 address), or with digits outside 0–9.
    private static func isNumericTopLevel(_ label: [Unicode.Scalar]) -> Bool {
        if label.allSatisfy({ $0.isASCII && isASCIIDigit(UInt8($0.value)) }) { return true }
        return label.contains { !$0.isASCII && $0.properties.generalCategory == .decimalNumber }
    }

    private static func checkHyphens(
        _ label: [Unicode.Scalar], at position: Int, allowingPrefix: Bool
    ) throws(CoreError) {
        if label.first == "-" || label.last == "-" {
            throw failure(
                .emailDomainLabelHyphen, "A domain label must not start or end with a hyphen.",
                at: label.first == "-" ? position : position + label.count - 1)
        }
        if !allowingPrefix, label.count >= 4, label[2] == "-", label[3] == "-" {
            throw failure(
                .emailDomainLabelHyphen,
                "A domain label must not have hyphens in its third and fourth places unless it starts with 'xn--'.",
                at: position + 2)
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
            "The domain contains a character that internationalized domain names do not allow (IDNA2008, UTS #46); letters, digits, hyphens and dots are.",
            at: position)
    }

    private static func contextRule(at position: Int) -> CoreError {
        failure(
            .emailDomainContextRule,
            "A domain label uses a joiner or a punctuation character where its neighbours do not allow it (RFC 5892).",
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

    private static func isLetterDigitHyphen(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "-")
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
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
