/// A group the shop puts customers in, such as `vip` or `b2b`. A customer may be in many.
public struct CustomerGroup: Identifier {
    /// The rule: 1–64 characters of `a–z 0–9 _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "_-", lowercaseOnly: true, maximumLength: 64)

    /// The group's name.
    public let rawValue: String

    /// Accepts a valid group name, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.syntax.accepts(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses a group name.
    ///
    /// - Throws: ``AccountErrorCode/invalidGroup``.
    public init(validating text: String) throws(AccountError) {
        guard let group = CustomerGroup(rawValue: text) else {
            throw AccountError(
                .invalidGroup, "A customer group name must be \(Self.syntax).", context: ErrorContext(field: "group"))
        }
        self = group
    }

    /// Very important customers.
    public static let vip = CustomerGroup(uncheckedName: "vip")
    /// Business customers.
    public static let b2b = CustomerGroup(uncheckedName: "b2b")

    private init(uncheckedName: String) { self.rawValue = uncheckedName }
}
