/// The host's identifier of an order, such as its order number.
public struct OrderID: ValidatedIdentifier {
    /// The rule: 1–64 visible ASCII characters (no spaces).
    public static let syntax = IdentifierSyntax.visibleASCII(maximumLength: 64)

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``AccountErrorCode/invalidOrder``, stating the rule, for the field `orderID`.
    public static func invalidText() -> AccountError {
        AccountError(.invalidOrder, "An order ID must be \(syntax).", context: ErrorContext(field: "orderID"))
    }
}
