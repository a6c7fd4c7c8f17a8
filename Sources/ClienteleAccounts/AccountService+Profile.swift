import Foundation

extension AccountService {
    /// The most addresses a customer keeps.
    public static let maximumAddresses = 50

    /// Adds an address, or replaces the one with the same id, optionally making it the
    /// default for some uses.
    ///
    /// - Throws: ``AccountErrorCode/invalidAddress``, ``AccountErrorCode/customerNotFound``.
    @discardableResult
    public func saveAddress(_ address: Address, for customer: CustomerID, asDefaultFor uses: Set<AddressUse> = []) async throws -> Customer {
        try address.validate()
        return try await modify(customer) { (record, _) throws(AccountError) in
            if let index = record.customer.addresses.firstIndex(where: { $0.id == address.id }) {
                record.customer.addresses[index] = address
            } else {
                guard record.customer.addresses.count < Self.maximumAddresses else {
                    throw AccountError(
                        .invalidAddress, "A customer keeps at most \(Self.maximumAddresses) addresses; remove one first.",
                        context: ErrorContext(field: "addresses", item: customer.rawValue))
                }
                record.customer.addresses.append(address)
            }
            for use in uses { record.customer.defaultAddresses[use] = address.id }
        }.record.customer
    }

    /// Removes an address (and its default roles).
    ///
    /// - Throws: ``AccountErrorCode/addressNotFound``, ``AccountErrorCode/customerNotFound``.
    @discardableResult
    public func removeAddress(_ address: AddressID, from customer: CustomerID) async throws -> Customer {
        try await modify(customer) { (record, _) throws(AccountError) in
            guard record.customer.addresses.contains(where: { $0.id == address }) else { throw Self.addressNotFound(address) }
            record.customer.addresses.removeAll { $0.id == address }
            record.customer.defaultAddresses = record.customer.defaultAddresses.filter { $0.value != address }
        }.record.customer
    }

    /// Makes an address the default for a use (billing or shipping).
    ///
    /// - Throws: ``AccountErrorCode/addressNotFound``, ``AccountErrorCode/customerNotFound``.
    @discardableResult
    public func setDefaultAddress(_ address: AddressID, for use: AddressUse, of customer: CustomerID) async throws -> Customer {
        try await modify(customer) { (record, _) throws(AccountError) in
            guard record.customer.addresses.contains(where: { $0.id == address }) else { throw Self.addressNotFound(address) }
            record.customer.defaultAddresses[use] = address
        }.record.customer
    }

    /// Replaces the customer's groups (set by the shop).
    @discardableResult
    public func setGroups(_ groups: Set<CustomerGroup>, of customer: CustomerID) async throws -> Customer {
        try await modify(customer) { (record, _) throws(AccountError) in record.customer.groups = groups }.record.customer
    }

    /// Adds the customer to a group.
    @discardableResult
    public func addToGroup(_ group: CustomerGroup, _ customer: CustomerID) async throws -> Customer {
        try await modify(customer) { (record, _) throws(AccountError) in record.customer.groups.insert(group) }.record.customer
    }

    /// Removes the customer from a group.
    @discardableResult
    public func removeFromGroup(_ group: CustomerGroup, _ customer: CustomerID) async throws -> Customer {
        try await modify(customer) { (record, _) throws(AccountError) in record.customer.groups.remove(group) }.record.customer
    }

    /// Records an order the host placed (or its new status): guests and accounts alike.
    /// `placedAt` is kept to the millisecond (``StoredInstant``), as every stored instant.
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound``.
    public func recordOrder(_ order: OrderReference) async throws {
        var stored = order
        stored.placedAt = StoredInstant.normalized(order.placedAt)
        try await store.recordOrder(stored)
    }

    /// "My orders": a page of the customer's orders, newest first.
    ///
    /// - Parameters:
    ///   - cursor: ``OrderPage/next`` of the previous page; `nil` for the first page.
    ///   - limit: Orders per page, 1…100.
    /// - Throws: ``AccountErrorCode/invalidPageSize`` for a limit out of 1...100.
    public func orders(of customer: CustomerID, after cursor: OrderCursor? = nil, limit: Int = 20) async throws -> OrderPage {
        guard (1...100).contains(limit) else {
            throw AccountError(.invalidPageSize, "A page holds 1–100 orders.", context: ErrorContext(field: "limit"))
        }
        let fetched = try await store.orders(of: customer, after: cursor, limit: limit + 1)
        let page = Array(fetched.prefix(limit))
        return OrderPage(orders: page, next: fetched.count > limit ? page.last?.cursor : nil)
    }

    static func addressNotFound(_ id: AddressID) -> AccountError {
        AccountError(.addressNotFound, "The customer has no address with this ID.", context: ErrorContext(item: id.rawValue))
    }
}
