/// A shop requirement checked at registration, such as a KvK or VAT number.
///
/// A validator names the field it reads from the registration's requirements and returns
/// the value in normalized form (spaces and dots removed, upper case), which is what the
/// account keeps. Shops add their own by conforming to this protocol.
public protocol RequirementValidator: Sendable {
    /// The requirement's key in the registration's requirements, such as `kvk`.
    var field: String { get }

    /// Returns the normalized value, or throws ``AccountErrorCode/requirementInvalid``
    /// with ``field`` in the context.
    func validate(_ value: String) throws(AccountError) -> String
}

extension RequirementValidator {
    /// `value` in upper case without spaces, dots and hyphens.
    func compacted(_ value: String) -> String {
        String(value.uppercased().unicodeScalars.filter { !" .-\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// The standard invalid-value error for this validator.
    func invalid(_ message: String) -> AccountError {
        AccountError(.requirementInvalid, message, context: ErrorContext(field: field))
    }
}
