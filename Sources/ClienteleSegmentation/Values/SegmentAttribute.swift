/// An attribute a segment query can test: a built-in fact, a consent purpose or a typed
/// profile field.
public enum SegmentAttribute: Sendable, Hashable, CustomStringConvertible {
    /// `number_of_orders` (integer).
    case numberOfOrders
    /// `amount_spent` (money in the shop currency).
    case amountSpent
    /// `average_order_value` (money; NULL without orders; compared exactly).
    case averageOrderValue
    /// `first_order_date` (date).
    case firstOrderDate
    /// `last_order_date` (date).
    case lastOrderDate
    /// `created_at` (date).
    case createdAt
    /// `last_visit_date` (date).
    case lastVisitDate
    /// `country` (text).
    case country
    /// `email_domain` (text).
    case emailDomain
    /// `groups` (list).
    case groups
    /// `tags` (list).
    case tags
    /// `account_status` (text).
    case accountStatus
    /// `lifecycle_stage` (text).
    case lifecycleStage
    /// `days_until_birthday` (integer, 0–365; NULL without a birth date).
    case daysUntilBirthday
    /// `consent.<purpose>` (consent state, never NULL).
    case consent(String)
    /// `profile.<field>` with the field's type from the ``SegmentSchema``.
    case profile(String, AttributeType)

    /// Every built-in attribute, in the order of the documentation.
    public static let builtIns: [SegmentAttribute] = [
        .numberOfOrders, .amountSpent, .averageOrderValue, .firstOrderDate, .lastOrderDate, .createdAt,
        .lastVisitDate, .country, .emailDomain, .groups, .tags, .accountStatus, .lifecycleStage,
        .daysUntilBirthday,
    ]

    /// The name as written in a query, such as `number_of_orders` or `consent.newsletter`.
    public var name: String {
        switch self {
        case .numberOfOrders: "number_of_orders"
        case .amountSpent: "amount_spent"
        case .averageOrderValue: "average_order_value"
        case .firstOrderDate: "first_order_date"
        case .lastOrderDate: "last_order_date"
        case .createdAt: "created_at"
        case .lastVisitDate: "last_visit_date"
        case .country: "country"
        case .emailDomain: "email_domain"
        case .groups: "groups"
        case .tags: "tags"
        case .accountStatus: "account_status"
        case .lifecycleStage: "lifecycle_stage"
        case .daysUntilBirthday: "days_until_birthday"
        case .consent(let purpose): "consent.\(purpose)"
        case .profile(let key, _): "profile.\(key)"
        }
    }

    /// The attribute's type.
    public var type: AttributeType {
        switch self {
        case .numberOfOrders, .daysUntilBirthday: .integer
        case .amountSpent, .averageOrderValue: .money
        case .firstOrderDate, .lastOrderDate, .createdAt, .lastVisitDate: .date
        case .country, .emailDomain, .accountStatus, .lifecycleStage: .text
        case .groups, .tags: .list
        case .consent: .consent
        case .profile(_, let type): type
        }
    }

    /// True when the attribute can be NULL (lists and consent states never are; profile
    /// fields always can be).
    public var isNullable: Bool {
        switch self {
        case .numberOfOrders, .amountSpent, .createdAt, .groups, .tags, .consent: false
        default: true
        }
    }

    /// The name as written in a query.
    public var description: String { name }
}
