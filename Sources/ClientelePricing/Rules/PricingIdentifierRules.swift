/// The shared rules for pricing identifiers (lists, entries, products, categories,
/// group and segment names): 1–128 visible ASCII characters, compared by bytes.
enum PricingIdentifierRules {
    static let maximumLength = 128

    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        return utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// Byte order; for these ASCII identifiers the same as `String`'s `<`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    static func invalid(field: String, item: String? = nil) -> PricingError {
        PricingError(
            .invalidIdentifier,
            "An identifier must be 1–\(maximumLength) visible ASCII characters (no spaces).",
            context: ErrorContext(field: field, item: item))
    }
}
