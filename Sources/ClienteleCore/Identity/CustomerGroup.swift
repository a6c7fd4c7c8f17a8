/// A group the shop puts customers in, such as `vip` or `b2b`. A customer may be in many.
///
/// Accounts keeps a customer's groups; Pricing prices for them (`CustomerContext.groups`).
public struct CustomerGroup: ValidatedIdentifier {
    /// The rule: 1–64 characters of `a–z 0–9 _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "_-", lowercaseOnly: true, maximumLength: 64)

    /// The group's name.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``CoreErrorCode/invalidCustomerGroup``, stating the rule, for the field `group`.
    public static func invalidText() -> CoreError {
        CoreError(.invalidCustomerGroup, "A customer group name must be \(syntax).", context: ErrorContext(field: "group"))
    }

    /// Very important customers.
    public static let vip = CustomerGroup(uncheckedName: "vip")
    /// Business customers.
    public static let b2b = CustomerGroup(uncheckedName: "b2b")

    private init(uncheckedName: String) { self.rawValue = uncheckedName }
}
