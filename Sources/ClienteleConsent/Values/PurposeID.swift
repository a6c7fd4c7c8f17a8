/// The stable identifier of a processing purpose, such as `newsletter` or `reviews.invite`.
///
/// 1–64 characters of `A–Z a–z 0–9 . _ -`; not personal data, so it may appear in
/// tokens, events, logs and error messages.
public struct PurposeID: ValidatedIdentifier, ExpressibleByStringLiteral {
    /// The rule: 1–64 characters of `A–Z a–z 0–9 . _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "._-", maximumLength: 64)

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``ConsentErrorCode/invalidPurposeID``, stating the rule, for the field `purpose`.
    public static func invalidText() -> ConsentError {
        ConsentError(.invalidPurposeID, "A purpose ID must be \(syntax).", context: ErrorContext(field: "purpose"))
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
