import Foundation

/// A stable identifier of a customer.
///
/// Its string form is opaque and carries no personal data, so it may appear in logs,
/// events and error messages. Hosts may bring their own identifiers (such as
/// `C0000001`) or let an ``IDGenerator`` make them.
public struct CustomerID: ValidatedIdentifier {
    /// The rule: 1–64 characters of `A–Z a–z 0–9 _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "_-", maximumLength: 64)

    /// The identifier's text.
    public let rawValue: String

    /// Wraps checked text.
    public init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }

    /// ``CoreErrorCode/invalidCustomerID``, stating the rule, for the field `customerID`.
    public static func invalidText() -> CoreError {
        CoreError(.invalidCustomerID, "A customer ID must be \(syntax).", context: ErrorContext(field: "customerID"))
    }

    /// Makes a fresh identifier from a generator (its UUID in lower case).
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }
}
