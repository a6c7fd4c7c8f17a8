/// The host's identifier of an order, such as its order number.
public struct OrderID: Identifier {
    /// The rule: 1–64 visible ASCII characters (no spaces).
    public static let syntax = IdentifierSyntax.visibleASCII(maximumLength: 64)

    /// The identifier's text.
    public let rawValue: String

    /// Accepts a valid order identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.syntax.accepts(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an order identifier.
    ///
    /// - Throws: ``AccountErrorCode/invalidOrder``.
    public init(validating text: String) throws(AccountError) {
        guard let id = OrderID(rawValue: text) else {
            throw AccountError(
                .invalidOrder, "An order ID must be \(Self.syntax).", context: ErrorContext(field: "orderID"))
        }
        self = id
    }
}
