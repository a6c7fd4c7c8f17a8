/// The stable key of a profile field, such as `birth-date` or `household.children`.
///
/// 1–64 characters of `a–z 0–9 . _ -`; keys name fields, not their values, so they are
/// not personal data and may appear in logs and error messages.
public struct FieldKey: ValidatedIdentifier, ExpressibleByStringLiteral {
    /// The rule: 1–64 characters of `a–z 0–9 . _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "._-", lowercaseOnly: true, maximumLength: 64)

    /// The key's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``ProfilingErrorCode/invalidFieldKey``, stating the rule, for the field `key`.
    public static func invalidText() -> ProfilingError {
        ProfilingError(.invalidFieldKey, "A field key must be \(syntax).", context: ErrorContext(field: "key"))
    }

    /// A key written in code, such as `"birth-date"`. The text is kept as written; an
    /// invalid literal is a programming error that ``FieldCatalog`` refuses with
    /// ``ProfilingErrorCode/invalidFieldKey``.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// True when the key follows the rules (always, unless made from an invalid literal).
    public var isValid: Bool { Self.syntax.accepts(rawValue) }
}
