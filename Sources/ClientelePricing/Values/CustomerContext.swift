/// Who is asking for a price: an anonymous visitor or a logged-in customer with groups and segments.
public struct CustomerContext: Hashable, Sendable, Codable {
    /// The logged-in customer; `nil` for an anonymous visitor.
    public var customer: CustomerID?
    /// The customer's groups, such as `vip` or `b2b`. Ignored for anonymous visitors.
    public var groups: Set<String>
    /// The segments the customer is in. Ignored for anonymous visitors.
    public var segments: Set<String>

    /// Creates a context.
    public init(customer: CustomerID?, groups: Set<String> = [], segments: Set<String> = []) {
        self.customer = customer
        self.groups = groups
        self.segments = segments
    }

    /// An anonymous visitor: only lists for everyone apply.
    public static let anonymous = CustomerContext(customer: nil)
}
