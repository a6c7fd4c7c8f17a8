import Foundation

/// A stable identifier of a customer.
///
/// Its string form is opaque and carries no personal data, so it may appear in logs,
/// events and error messages. Hosts may bring their own identifiers (such as
/// `C0000001`) or let an ``IDGenerator`` make them.
public struct CustomerID: Identifier {
    /// The rule: 1–64 characters of `A–Z a–z 0–9 _ -`.
    public static let syntax = IdentifierSyntax.lettersAndDigits(plus: "_-", maximumLength: 64)

    /// The longest identifier accepted, in characters.
    public static var maximumLength: Int { syntax.maximumLength }

    /// The identifier's text.
    public let rawValue: String

    /// Accepts `rawValue` when it is a valid identifier, `nil` otherwise.
    public init?(rawValue: String) {
        guard Self.syntax.accepts(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier, throwing a ``CoreError`` that says which rule failed.
    ///
    /// - Throws: ``CoreErrorCode/invalidCustomerID``.
    public init(validating text: String) throws(CoreError) {
        guard let id = CustomerID(rawValue: text) else {
            throw CoreError(
                .invalidCustomerID, "A customer ID must be \(Self.syntax).",
                context: ErrorContext(field: "customerID"))
        }
        self = id
    }

    /// Makes a fresh identifier from a generator (its UUID in lower case).
    public init(using generator: IDGenerator) {
        self.rawValue = generator().uuidString.lowercased()
    }
}
