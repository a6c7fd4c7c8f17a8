/// The rule every pricing identifier (list, entry, product, category, group and segment
/// names) follows: 1–128 visible ASCII characters, compared by their bytes.
enum PricingIdentifierRules {
    static let syntax = IdentifierSyntax.visibleASCII(maximumLength: 128)

    static func isValid(_ text: String) -> Bool {
        syntax.accepts(text)
    }

    static func invalid(field: String, item: String? = nil) -> PricingError {
        PricingError(
            .invalidIdentifier, "An identifier must be \(syntax) (no spaces).",
            context: ErrorContext(field: field, item: item))
    }
}
