/// Where a customer's order references live, newest first. Part of ``AccountStore``; its
/// contract is written there.
public protocol OrderStore: Sendable {
    /// Records an order or replaces the order with the same id (the host is the source of
    /// truth for orders; the latest report wins).
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when the order's customer does not exist.
    func recordOrder(_ order: OrderReference) async throws

    /// Up to `limit` orders of a customer, newest first, after `cursor` when given.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` (field `limit`) when `limit` is below 1.
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference]

    /// Moves every order of `guests` to `customer`, atomically.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound`` when `customer` does not exist.
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws
}
