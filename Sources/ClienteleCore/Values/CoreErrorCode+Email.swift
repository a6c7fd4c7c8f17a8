/// The codes of ``EmailAddress`` parsing: one per rule an address can fail.
extension CoreErrorCode {
    /// An e-mail address is empty or only white space.
    public static let emailEmpty = Self(rawValue: "core.email.empty")

    /// An e-mail address has no `@` between local part and domain.
    public static let emailMissingAt = Self(rawValue: "core.email.missingAt")

    /// An e-mail address has more than one `@`.
    public static let emailMultipleAt = Self(rawValue: "core.email.multipleAt")

    /// An e-mail address has nothing before the `@`.
    public static let emailEmptyLocalPart = Self(rawValue: "core.email.emptyLocalPart")

    /// An e-mail address has nothing after the `@`.
    public static let emailEmptyDomain = Self(rawValue: "core.email.emptyDomain")

    /// The part before the `@` is longer than 64 octets.
    public static let emailLocalPartTooLong = Self(rawValue: "core.email.localPartTooLong")

    /// An e-mail address is longer than 254 octets once its domain is in ASCII form.
    public static let emailTooLong = Self(rawValue: "core.email.tooLong")

    /// The part before the `@` uses a quoted string (`"…"`), which Clientele does not accept.
    public static let emailQuotedLocalPart = Self(rawValue: "core.email.quotedLocalPart")

    /// An e-mail address contains a comment (`(…)`), which Clientele does not accept.
    public static let emailComment = Self(rawValue: "core.email.comment")

    /// The domain is a literal such as `[192.0.2.1]`, which Clientele does not accept.
    public static let emailDomainLiteral = Self(rawValue: "core.email.domainLiteral")

    /// The part before the `@` starts or ends with a dot or has two dots in a row.
    public static let emailMisplacedDot = Self(rawValue: "core.email.misplacedDot")

    /// The part before the `@` contains an ASCII character outside RFC 5322 `atext` and `.`.
    public static let emailInvalidLocalPartCharacter = Self(rawValue: "core.email.invalidLocalPartCharacter")

    /// The part before the `@` contains non-ASCII characters (RFC 6531), which Clientele does not accept.
    public static let emailInternationalLocalPart = Self(rawValue: "core.email.internationalLocalPart")

    /// An e-mail address contains white space inside it (surrounding white space is trimmed).
    public static let emailInnerWhitespace = Self(rawValue: "core.email.innerWhitespace")

    /// An e-mail address contains a control character or line break.
    public static let emailControlCharacter = Self(rawValue: "core.email.controlCharacter")

    /// The domain contains a character that UTS #46 (Unicode 17.0.0, nontransitional) disallows
    /// or that IDNA2008 (RFC 5892) does not list as PVALID, CONTEXTJ or CONTEXTO once mapped:
    /// ASCII other than letters, digits, hyphens and dots, symbols, punctuation, emoji.
    public static let emailInvalidDomainCharacter = Self(rawValue: "core.email.invalidDomainCharacter")

    /// The domain starts or ends with a dot or has two dots in a row.
    public static let emailEmptyDomainLabel = Self(rawValue: "core.email.emptyDomainLabel")

    /// A domain label is longer than 63 octets in its ASCII (Punycode) form.
    public static let emailDomainLabelTooLong = Self(rawValue: "core.email.domainLabelTooLong")

    /// A domain label starts or ends with a hyphen, or has hyphens in both its third and fourth
    /// places without being an `xn--` label (RFC 5891 §4.2.3.1).
    public static let emailDomainLabelHyphen = Self(rawValue: "core.email.domainLabelHyphen")

    /// An internationalized domain label is malformed: an `xn--` label that is not canonical
    /// Punycode of an NFC label IDNA2008 allows, or a label starting with a combining mark.
    public static let emailInvalidDomainLabel = Self(rawValue: "core.email.invalidDomainLabel")

    /// The domain has a single label (such as `localhost`); at least two are required.
    public static let emailSingleLabelDomain = Self(rawValue: "core.email.singleLabelDomain")

    /// The last domain label is all digits (as in an IPv4 address), which no mailbox domain has,
    /// or contains a digit other than ASCII 0–9 (such as Arabic-Indic ١٢٣).
    public static let emailNumericTopLevelDomain = Self(rawValue: "core.email.numericTopLevelDomain")

    /// A domain with right-to-left text (Hebrew, Arabic, …) has a label that breaks the Bidi
    /// Rule of RFC 5893 §2 (UTS #46 CheckBidi).
    public static let emailDomainBidiRule = Self(rawValue: "core.email.domainBidiRule")

    /// A domain label has a zero-width joiner or non-joiner, or one of the punctuation marks and
    /// digits with a context rule, where RFC 5892 Appendix A does not allow it (UTS #46
    /// CheckJoiners, and the IDNA2008 CONTEXTO rules).
    public static let emailDomainContextRule = Self(rawValue: "core.email.domainContextRule")
}
