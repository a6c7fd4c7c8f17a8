/// One field of the catalog: what it holds, how it is checked, who may edit it, which
/// consent purpose it serves, and when it may be asked.
public struct FieldDefinition: Sendable, Hashable {
    /// The default wait after a decline before the field is asked again: 90 days.
    public static let defaultDeclineCoolDown: Duration = .seconds(90 * 86_400)

    /// The field's stable key.
    public var key: FieldKey
    /// The key of the label the host renders (the library never holds display text).
    public var labelKey: String
    /// The kind of value.
    public var type: FieldType
    /// The validation rules.
    public var rules: FieldRules
    /// True when the customer may answer and edit it; a field the shop sets is never asked.
    public var editableByCustomer: Bool
    /// The consent purpose the field serves, or `nil` for none. A field with a purpose is
    /// only asked (and only kept) while the customer holds that consent.
    public var purpose: String?
    /// How carefully values are handled in exports and logs.
    public var sensitivity: FieldSensitivity
    /// Higher is asked first; ties go by key.
    public var priority: Int
    /// The field's share in completeness (0 leaves it out).
    public var weight: Int
    /// Conditions on other fields, all of which must hold before the field is asked.
    public var prerequisites: [Prerequisite]
    /// The moments at which the field may be asked (none: never asked, only set).
    public var moments: Set<Moment>
    /// How long to wait after a decline before asking again.
    public var declineCoolDown: Duration

    /// Creates a field definition; ``FieldCatalog`` checks it.
    public init(
        key: FieldKey, labelKey: String, type: FieldType, rules: FieldRules = FieldRules(),
        editableByCustomer: Bool = true, purpose: String? = nil, sensitivity: FieldSensitivity = .normal,
        priority: Int = 0, weight: Int = 1, prerequisites: [Prerequisite] = [], moments: Set<Moment>,
        declineCoolDown: Duration = Self.defaultDeclineCoolDown
    ) {
        self.key = key
        self.labelKey = labelKey
        self.type = type
        self.rules = rules
        self.editableByCustomer = editableByCustomer
        self.purpose = purpose
        self.sensitivity = sensitivity
        self.priority = priority
        self.weight = weight
        self.prerequisites = prerequisites
        self.moments = moments
        self.declineCoolDown = declineCoolDown
    }
}
