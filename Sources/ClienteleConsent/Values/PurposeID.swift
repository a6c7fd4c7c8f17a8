/// The stable identifier of a processing purpose, such as `newsletter` or `reviews.invite`.
///
/// 1–64 characters of `A–Z a–z 0–9 . _ -`; not personal data, so it may appear in
/// tokens, events, logs and error messages.
public struct PurposeID: Identifier, ExpressibleByStringLiteral {
    /// The rule: 1–64 characters of `A–Z a–z 0–9 . _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "._-", maximumLength: 64)

    /// The identifier's text.
    public let rawValue: String

    /// The longest identifier accepted, in characters.
    public static var maximumLength: Int { syntax.maximumLength }

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.syntax.accepts(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier.
    ///
    /// - Throws: ``ConsentErrorCode/invalidPurposeID``.
    public init(validating text: String) throws(ConsentError) {
        guard let id = PurposeID(rawValue: text) else {
            throw ConsentError(
                .invalidPurposeID,
                "A purpose ID must be \(Self.syntax).",
                context: ErrorContext(field: "purpose"))
        }
        self = id
    }

    /// A purpose identifier written in code, such as `"newsletter"`. The text is kept as
    /// written; an invalid literal is a programming error that no ``PurposeCatalog``
    /// accepts, so every operation with it fails with ``ConsentErrorCode/unknownPurpose``.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// True when the identifier follows the rules (always, unless made from an invalid literal).
    public var isValid: Bool { Self.syntax.accepts(rawValue) }
}
