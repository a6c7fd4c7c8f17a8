public import Foundation

/// Everything segment queries know about one customer: the input to every segment.
///
/// The facade builds it from accounts, orders, profile and consent; a host may also
/// supply it directly. NULL is `nil`: a customer who never ordered has no
/// `lastOrderDate`, one without a known country has no `country`. Lists and consent
/// states are never NULL (an empty list; a purpose never asked about is
/// ``ConsentFact/none``).
///
/// Personal data: description, debug description and mirror show the customer id only.
public struct CustomerFacts: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The customer.
    public var customer: CustomerID
    /// `number_of_orders`: orders placed, 0 or more.
    public var numberOfOrders: Int64
    /// `amount_spent`: the total of those orders, in minor units of the shop currency
    /// (the currency of the ``SegmentSchema`` the queries were parsed with).
    public var amountSpentMinorUnits: Int64
    /// `first_order_date`: when the first order was placed; nil when there is none.
    public var firstOrderDate: Date?
    /// `last_order_date`: when the last order was placed; nil when there is none.
    public var lastOrderDate: Date?
    /// `created_at`: when the customer record was created.
    public var createdAt: Date
    /// `last_visit_date`: the last visit (login or session); nil when never seen.
    public var lastVisitDate: Date?
    /// `country`: ISO 3166-1 alpha-2 code such as `NL`, or nil.
    public var country: String?
    /// `email_domain`: the domain of the e-mail address in ASCII lower case, or nil.
    public var emailDomain: String?
    /// `groups`: the customer groups, such as `vip` or `b2b`.
    public var groups: [String]
    /// `tags`: free tags the shop attached.
    public var tags: [String]
    /// `account_status`: such as `active`, `pending`, `suspended`; nil for a guest.
    public var accountStatus: String?
    /// `lifecycle_stage`: such as `new`, `repeat`, `loyal`; nil when not computed.
    public var lifecycleStage: String?
    /// The birthday behind `days_until_birthday`; nil when unknown.
    public var birthDate: BirthDate?
    /// `consent.<purpose>`: the state per purpose; a missing purpose is ``ConsentFact/none``.
    public var consents: [String: ConsentFact]
    /// `profile.<field>`: the profile values by field key; a missing key is NULL.
    public var profile: [String: ProfileFact]

    /// Creates the facts of one customer; everything but the customer and creation
    /// instant defaults to "nothing known yet".
    public init(
        customer: CustomerID,
        createdAt: Date,
        numberOfOrders: Int64 = 0,
        amountSpentMinorUnits: Int64 = 0,
        firstOrderDate: Date? = nil,
        lastOrderDate: Date? = nil,
        lastVisitDate: Date? = nil,
        country: String? = nil,
        emailDomain: String? = nil,
        groups: [String] = [],
        tags: [String] = [],
        accountStatus: String? = nil,
        lifecycleStage: String? = nil,
        birthDate: BirthDate? = nil,
        consents: [String: ConsentFact] = [:],
        profile: [String: ProfileFact] = [:]
    ) {
        self.customer = customer
        self.createdAt = createdAt
        self.numberOfOrders = numberOfOrders
        self.amountSpentMinorUnits = amountSpentMinorUnits
        self.firstOrderDate = firstOrderDate
        self.lastOrderDate = lastOrderDate
        self.lastVisitDate = lastVisitDate
        self.country = country
        self.emailDomain = emailDomain
        self.groups = groups
        self.tags = tags
        self.accountStatus = accountStatus
        self.lifecycleStage = lifecycleStage
        self.birthDate = birthDate
        self.consents = consents
        self.profile = profile
    }

    /// The state of consent purpose `purpose`: ``ConsentFact/none`` when never recorded.
    public func consent(_ purpose: String) -> ConsentFact { consents[purpose] ?? .none }

    /// `average_order_value` as the exact fraction `amount_spent / number_of_orders`
    /// (minor units over orders); nil (NULL) when there are no orders.
    ///
    /// Queries compare it exactly, without rounding.
    public var averageOrderValue: (minorUnits: Int64, orders: Int64)? {
        numberOfOrders > 0 ? (amountSpentMinorUnits, numberOfOrders) : nil
    }

    /// `days_until_birthday` at the UTC day `today`: nil without a birth date.
    public func daysUntilBirthday(from today: UTCDay) -> Int64? {
        birthDate?.daysUntilNext(from: today)
    }

    /// `CustomerFacts(customer: C1, <redacted>)`.
    public var description: String { "CustomerFacts(customer: \(customer.rawValue), \(Redacted.text))" }
    /// As redacted as ``description``.
    public var debugDescription: String { description }
    /// The customer id; everything else shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["customer": customer.rawValue, "facts": Redacted.text])
    }
}
