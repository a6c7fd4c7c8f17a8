/// What a shop's queries may name beyond the built-in attributes, and the shop currency.
///
/// ```swift
/// let schema = try SegmentSchema(
///     currency: .eur,
///     profileFields: ["shoe_size": .number, "favourite_colour": .text, "interests": .list])
/// let query = try SegmentQueryParser(schema: schema).parse("profile.shoe_size >= 42")
/// ```
public struct SegmentSchema: Sendable, Hashable {
    /// The shop currency: money literals are amounts in it and may not have more
    /// decimals than its minor unit.
    public let currency: Currency
    /// The type of each `profile.<field>` attribute, by field key (the profile catalog).
    public let profileFields: [String: AttributeType]
    /// The consent purposes `consent.<purpose>` may name; nil accepts any purpose with a
    /// valid key (a purpose never recorded reads as `none`).
    public let consentPurposes: Set<String>?

    /// Creates a schema.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidSchema`` when a field key or purpose is
    ///   empty, longer than 64 characters or uses characters outside `[a-z0-9_.-]`, or a
    ///   profile field is typed ``AttributeType/integer``, ``AttributeType/money`` or
    ///   ``AttributeType/consent`` (profile numbers are ``AttributeType/number``).
    public init(
        currency: Currency = .eur,
        profileFields: [String: AttributeType] = [:],
        consentPurposes: Set<String>? = nil
    ) throws(SegmentationError) {
        for (key, type) in profileFields.sorted(by: { $0.key < $1.key }) {
            guard SegmentSchema.isValidKey(key) else {
                throw SegmentationError(
                    .invalidSchema, "A profile field key must be 1-64 characters from a-z, 0-9, '_', '.', '-'.",
                    context: ErrorContext(field: "profileFields"))
            }
            guard type != .money, type != .consent, type != .integer else {
                throw SegmentationError(
                    .invalidSchema, "Profile field '\(key)' cannot have type \(type); use number, text or list.",
                    context: ErrorContext(field: "profileFields.\(key)"))
            }
        }
        for purpose in (consentPurposes ?? []).sorted() where !SegmentSchema.isValidKey(purpose) {
            throw SegmentationError(
                .invalidSchema, "A consent purpose must be 1-64 characters from a-z, 0-9, '_', '.', '-'.",
                context: ErrorContext(field: "consentPurposes"))
        }
        self.currency = currency
        self.profileFields = profileFields
        self.consentPurposes = consentPurposes
    }

    /// True for 1–64 characters from `[a-z0-9_.-]`.
    static func isValidKey(_ key: String) -> Bool {
        let bytes = key.utf8
        guard (1...64).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
    }
}
