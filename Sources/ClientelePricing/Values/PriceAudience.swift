/// Who a price list is for.
///
/// Anonymous visitors match only ``everyone``; ``identified`` matches any logged-in
/// customer, which is how prices "switch on at login".
public enum PriceAudience: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every visitor, logged in or not.
    case everyone
    /// Every identified (logged-in) customer.
    case identified
    /// These customers only (contract prices).
    case customers(Set<CustomerID>)
    /// Customers in at least one of these groups (such as `vip`, `b2b`, `wholesale`).
    case groups(Set<String>)
    /// Customers in at least one of these segments (segment identifiers as the host names them).
    case segments(Set<String>)

    /// Whether a customer context belongs to this audience.
    ///
    /// - Complexity: O(n) in the smaller of the audience's and the context's set.
    public func includes(_ context: CustomerContext) -> Bool {
        switch self {
        case .everyone: return true
        case .identified: return context.customer != nil
        case .customers(let customers):
            guard let customer = context.customer else { return false }
            return customers.contains(customer)
        case .groups(let groups):
            return context.customer != nil && context.groups.contains { groups.contains($0.rawValue) }
        case .segments(let segments):
            return context.customer != nil && !segments.isDisjoint(with: context.segments)
        }
    }

    /// `everyone`, `identified customers`, `customers C1, C2`, `groups b2b`, `segments loyal`.
    public var description: String {
        switch self {
        case .everyone: "everyone"
        case .identified: "identified customers"
        case .customers(let ids): "customers " + ids.map(\.rawValue).sorted().joined(separator: ", ")
        case .groups(let names): "groups " + names.sorted().joined(separator: ", ")
        case .segments(let names): "segments " + names.sorted().joined(separator: ", ")
        }
    }
}
