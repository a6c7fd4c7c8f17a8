/// Everything a shop configures once for the whole ``CustomerHub``: each module's
/// configuration, the catalogs, the shop currency, and how the modules connect.
///
/// Checked when it is made: each module's configuration already is, and the segment schema
/// (the profile fields and consent purposes segment queries may name) is derived here.
///
/// ```swift
/// let configuration = try CustomerHubConfiguration(
///     consent: try ConsentConfiguration(tokenKeys: keys, digestSalt: salt, controller: controller),
///     purposes: try PurposeCatalog([newsletter]),
///     triggerPurpose: "newsletter")
/// ```
public struct CustomerHubConfiguration: Sendable {
    /// The shop currency: `amount_spent` in segments counts orders in it.
    public let currency: Currency
    /// Accounts: activation, password policy, sessions, throttling.
    public let accounts: AccountConfiguration
    /// Consent: token keys, digest salt, contact policy, receipts.
    public let consent: ConsentConfiguration
    /// The consent purposes.
    public let purposes: PurposeCatalog
    /// Pricing.
    public let pricing: PricingConfiguration
    /// Profiling: history length, prompt cap.
    public let profiling: ProfilingConfiguration
    /// The profile fields the shop asks for.
    public let profileCatalog: FieldCatalog
    /// Segmentation: lifecycle thresholds, triggers.
    public let segmentation: SegmentationConfiguration
    /// The purpose a marketing trigger occurrence (a milestone, birthday or "we miss you"
    /// mail) is decided under, on the e-mail channel.
    public let triggerPurpose: PurposeID
    /// The profile field whose date is the customer's birthday in segments and triggers
    /// (`days_until_birthday`, the birthday trigger); `nil` for none.
    public let birthDateField: FieldKey?
    /// How long what is no longer needed is kept (``CustomerHub/purgeExpired(at:)``).
    public let retention: RetentionPolicy
    /// What segment queries may name: the shop currency, every profile field of the
    /// catalog except addresses (typed by the field), and every purpose of the catalog.
    public let segmentSchema: SegmentSchema

    /// Creates a configuration.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidSchema`` when a profile field key or a
    ///   purpose cannot be named in a segment query (keys must be 1–64 characters of
    ///   `[a-z0-9_.-]`); ``SegmentationErrorCode/invalidConfiguration`` (field
    ///   `triggerPurpose` or `birthDateField`) when the trigger purpose is not in the
    ///   catalog or the birth-date field is not a date field of the profile catalog.
    public init(
        consent: ConsentConfiguration,
        purposes: PurposeCatalog,
        triggerPurpose: PurposeID,
        profileCatalog: FieldCatalog = FieldCatalog(),
        birthDateField: FieldKey? = nil,
        currency: Currency = .eur,
        accounts: AccountConfiguration = .init(),
        pricing: PricingConfiguration = .init(),
        profiling: ProfilingConfiguration = .init(),
        segmentation: SegmentationConfiguration = SegmentationConfiguration(),
        retention: RetentionPolicy = RetentionPolicy()
    ) throws(SegmentationError) {
        var fields: [String: AttributeType] = [:]
        for field in profileCatalog.fields {
            if let type = Self.attributeType(of: field.type) { fields[field.key.rawValue] = type }
        }
        let purposeIDs = Set(purposes.currentPurposes.map(\.id.rawValue))
        guard purposeIDs.contains(triggerPurpose.rawValue) else {
            throw SegmentationError(
                .invalidConfiguration, "The trigger purpose must be a purpose of the catalog.",
                context: ErrorContext(field: "triggerPurpose", item: triggerPurpose.rawValue))
        }
        if let birthDateField, profileCatalog.field(birthDateField)?.type != .date {
            throw SegmentationError(
                .invalidConfiguration, "The birth-date field must be a date field of the profile catalog.",
                context: ErrorContext(field: "birthDateField", item: birthDateField.rawValue))
        }
        self.segmentSchema = try SegmentSchema(currency: currency, profileFields: fields, consentPurposes: purposeIDs)
        self.currency = currency
        self.accounts = accounts
        self.consent = consent
        self.purposes = purposes
        self.pricing = pricing
        self.profiling = profiling
        self.profileCatalog = profileCatalog
        self.segmentation = segmentation
        self.triggerPurpose = triggerPurpose
        self.birthDateField = birthDateField
        self.retention = retention
    }

    /// The segment attribute type of a profile field type; `nil` for addresses, which
    /// queries cannot name.
    static func attributeType(of type: FieldType) -> AttributeType? {
        switch type {
        case .text, .email, .phone, .singleChoice: .text
        case .date: .date
        case .number: .number
        case .boolean: .boolean
        case .multipleChoice: .list
        case .address: nil
        }
    }
}
