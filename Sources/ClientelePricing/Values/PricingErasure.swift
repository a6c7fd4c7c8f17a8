/// What ``PriceBookService/erase(customer:)`` changed: the lists that named the erased
/// customer, by what happened to them, in id order.
public struct PricingErasure: Sendable, Hashable {
    /// What happened to one list.
    enum Outcome: Sendable {
        /// Updated without the customer, to this revision.
        case updated(Int)
        /// Deleted: it named the customer alone.
        case deleted
    }

    /// Lists that still name other customers, saved without the erased one.
    public var updated: [PriceListID] = []
    /// Lists that named the erased customer alone, deleted.
    public var deleted: [PriceListID] = []

    /// No list named the customer.
    public var isEmpty: Bool { updated.isEmpty && deleted.isEmpty }

    /// An erasure that changed the given lists.
    public init(updated: [PriceListID] = [], deleted: [PriceListID] = []) {
        self.updated = updated
        self.deleted = deleted
    }
}
