/// The Dutch chamber-of-commerce (Kamer van Koophandel) number: exactly 8 digits.
///
/// Spaces and dots are ignored (`12 34 56 78` → `12345678`).
public struct KvKNumberValidator: RequirementValidator {
    /// The requirement key.
    public let field: String

    /// Creates the validator, reading `field` (default `kvk`).
    public init(field: String = "kvk") { self.field = field }

    /// Returns the 8 digits.
    ///
    /// - Throws: ``AccountErrorCode/requirementInvalid``.
    public func validate(_ value: String) throws(AccountError) -> String {
        let digits = compacted(value)
        guard digits.utf8.count == 8, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw invalid("A KvK number has exactly 8 digits.")
        }
        return digits
    }
}
