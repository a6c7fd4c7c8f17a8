/// Who is asking for a price: an anonymous visitor or a logged-in customer with groups and segments.
public struct CustomerContext: Hashable, Sendable, Codable {
    /// The logged-in customer; `nil` for an anonymous visitor.
    public var customer: CustomerID?
    /// The customer's groups, such as `.vip` or `.b2b`: what Accounts keeps in
    /// `Customer.groups`, passed as they are. Ignored for anonymous visitors.
    public var groups: Set<CustomerGroup>
    /// The segments the customer is in. Ignored for anonymous visitors.
    public var segments: Set<String>

    /// Creates a context.
    public init(customer: CustomerID?, groups: Set<CustomerGroup> = [], segments: Set<String> = []) {
        self.customer = customer
        self.groups = groups
        self.segments = segments
    }

    /// An anonymous visitor: only lists for everyone apply.
    public static let anonymous = CustomerContext(customer: nil)
}
