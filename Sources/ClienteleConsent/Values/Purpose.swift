/// One version of a processing purpose: what the customer is asked to agree to, on which
/// legal basis, over which channels.
///
/// Purposes are versioned: when the text changes, the shop adds a new version with a
/// higher ``version`` and says whether it ``needsNewConsent`` (a material change) or
/// whether consent to an earlier version still covers it (a typo fix).
public struct Purpose: Hashable, Sendable, Codable {
    /// The purpose's stable identifier, shared by all its versions.
    public var id: PurposeID
    /// The version, counting up from 1.
    public var version: Int
    /// A short title for receipts and admin screens, such as "Weekly newsletter".
    public var title: String
    /// The SHA-256 (hex) of the exact text the customer was shown for this version.
    public var textDigest: String
    /// The lawful ground.
    public var legalBasis: LegalBasis
    /// What kind of processing this is.
    public var category: PurposeCategory
    /// The channels this purpose may use.
    public var channels: Set<ContactChannel>
    /// True when consent to an earlier version does not cover this version.
    public var needsNewConsent: Bool
    /// True when consent counts only after the customer confirmed it (double opt-in).
    public var requiresConfirmation: Bool
    /// True when existing customers may be contacted on a soft opt-in (own similar
    /// products, e-mail and SMS only) without explicit consent.
    public var allowsSoftOptIn: Bool

    /// Creates a purpose version.
    ///
    /// - Parameters:
    ///   - id: The purpose's stable identifier.
    ///   - version: The version, from 1.
    ///   - title: A short title.
    ///   - textDigest: SHA-256 (hex) of the text shown; use ``digest(ofText:)``.
    ///   - legalBasis: The lawful ground.
    ///   - category: The kind of processing.
    ///   - channels: The channels it may use.
    ///   - needsNewConsent: Whether consent to earlier versions stops counting.
    ///   - requiresConfirmation: Whether consent needs a double opt-in.
    ///   - allowsSoftOptIn: Whether a soft opt-in can stand in for consent.
    public init(
        id: PurposeID, version: Int = 1, title: String, textDigest: String, legalBasis: LegalBasis,
        category: PurposeCategory, channels: Set<ContactChannel>, needsNewConsent: Bool = false,
        requiresConfirmation: Bool = false, allowsSoftOptIn: Bool = false
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.textDigest = textDigest
        self.legalBasis = legalBasis
        self.category = category
        self.channels = channels
        self.needsNewConsent = needsNewConsent
        self.requiresConfirmation = requiresConfirmation
        self.allowsSoftOptIn = allowsSoftOptIn
    }

    /// The SHA-256 of `text` (UTF-8) in lower-case hex, for ``textDigest``.
    public static func digest(ofText text: String) -> String {
        Hex.encode(SHA256.hash(Array(text.utf8)))
    }
}
