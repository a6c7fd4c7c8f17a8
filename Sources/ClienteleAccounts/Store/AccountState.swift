public import Foundation

/// The accounts module's stored state, changed only through ``Change``s: what the
/// reference store keeps in memory and journals to disk.
///
/// `apply` enforces the store contract itself (revisions, e-mail uniqueness), so the
/// in-memory and the file-backed store cannot differ.
public struct AccountState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Insert a record (its revision must be 1).
        case insert(AccountRecord)
        /// Replace a record whose stored revision is `expectedRevision` (the new revision must be one more).
        case update(AccountRecord, expectedRevision: Int)
        /// Record or replace an order.
        case recordOrder(OrderReference)
        /// Move every order of some customers to another.
        case moveOrders(from: [CustomerID], to: CustomerID)
        /// Save a failed-login record whose stored revision is `expectedRevision` (0: new).
        case saveLoginThrottle(LoginThrottleRecord, expectedRevision: Int)
        /// Forget a login name's failures.
        case removeLoginThrottle(key: LoginThrottleKey)
        /// Forget failures whose latest is before an instant.
        case removeLoginThrottles(lastFailureBefore: Date)
        /// Remove a customer (an erasure): the record with its sessions and tokens, its
        /// orders, and the failed-login records under its addresses. Nothing to remove is
        /// no error, so a repeated erasure succeeds.
        case erase(customer: CustomerID)
    }

    /// The records, each boxed (``Stored``).
    private var records: [CustomerID: Stored] = [:]
    private(set) var accountByKey: [String: CustomerID] = [:]
    private(set) var guestsByKey: [String: [CustomerID]] = [:]
    private(set) var customerBySession: [Digest256: CustomerID] = [:]
    private(set) var customerByToken: [Digest256: CustomerID] = [:]
    /// Per customer, newest first.
    private(set) var ordersByCustomer: [CustomerID: [OrderReference]] = [:]
    private(set) var orderOwner: [OrderID: CustomerID] = [:]
    private(set) var throttles: [LoginThrottleKey: LoginThrottleRecord] = [:]
    /// Every customer, ascending (derived from `records`).
    private var customerOrder = SortedCustomerIDs()

    /// An empty state.
    public init() {}

    /// Number of customers (guests and accounts).
    public var customerCount: Int { records.count }

    /// Applies a change or throws ``AccountError`` leaving the state unchanged.
    public mutating func apply(_ change: Change) throws {
        try applyTyped(change)
    }

    mutating func applyTyped(_ change: Change) throws(AccountError) {
        switch change {
        case .insert(let record):
            let id = record.customer.id
            guard records[id] == nil else {
                throw AccountError(.duplicateCustomer, "A customer with this ID already exists.", context: ErrorContext(item: id.rawValue))
            }
            guard record.revision == 1 else { throw revisionError(id) }
            if let key = record.accountEmailKey, accountByKey[key] != nil { throw emailTaken(id) }
            index(record)
            records[id] = Stored(record)
            customerOrder.insert(id)
        case .update(let record, let expected):
            let id = record.customer.id
            guard let current = records[id]?.record else { throw notFound(id) }
            guard current.revision == expected, record.revision == expected + 1 else { throw revisionError(id) }
            if let key = record.accountEmailKey, let holder = accountByKey[key], holder != id { throw emailTaken(id) }
            unindex(current)
            index(record)
            records[id] = Stored(record)
        case .recordOrder(let order):
            guard records[order.customer] != nil else { throw notFound(order.customer) }
            if let owner = orderOwner[order.id] { removeOrder(order.id, of: owner) }
            insertOrder(order)
        case .moveOrders(let sources, let target):
            guard records[target] != nil else { throw notFound(target) }
            for source in Set(sources) where source != target {
                for var order in ordersByCustomer.removeValue(forKey: source) ?? [] {
                    order.customer = target
                    insertOrder(order)
                }
            }
        case .saveLoginThrottle(let record, let expected):
            guard (throttles[record.key]?.revision ?? 0) == expected, record.revision == expected + 1 else {
                throw AccountError(.conflict, "The failed-login record changed since it was read; read it again.")
            }
            throttles[record.key] = record
        case .removeLoginThrottle(let key):
            throttles[key] = nil
        case .removeLoginThrottles(let instant):
            throttles = throttles.filter { $0.value.lastFailureAt >= instant }
        case .erase(let id):
            if let record = records.removeValue(forKey: id)?.record {
                customerOrder.remove(id)
                unindex(record)
                throttles[LoginThrottleKey(record.customer.email)] = nil
                for token in record.tokens {
                    if let address = token.newEmail { throttles[LoginThrottleKey(address)] = nil }
                }
            }
            for order in ordersByCustomer.removeValue(forKey: id) ?? [] { orderOwner[order.id] = nil }
        }
    }

    /// A record by id.
    public func record(_ id: CustomerID) -> AccountRecord? { records[id]?.record }

    /// The account holding `key`.
    public func account(emailKey key: String) -> AccountRecord? { accountByKey[key].flatMap { records[$0]?.record } }

    /// Guests with `key`, oldest first (by `createdAt`, then by ID).
    public func guests(emailKey key: String) -> [AccountRecord] {
        (guestsByKey[key] ?? []).compactMap { records[$0]?.record }.sorted {
            ($0.customer.createdAt, $0.customer.id) < ($1.customer.createdAt, $1.customer.id)
        }
    }

    /// Customers (guests and accounts), ascending by id, strictly after `after`, at most `limit`.
    ///
    /// - Complexity: O(log n + limit).
    public func customers(after: CustomerID?, limit: Int) -> [CustomerID] {
        customerOrder.page(after: after, limit: limit)
    }

    /// The record with a session digest.
    public func record(sessionDigest: Digest256) -> AccountRecord? { customerBySession[sessionDigest].flatMap { records[$0]?.record } }

    /// The record with a token digest.
    public func record(tokenDigest: Digest256) -> AccountRecord? { customerByToken[tokenDigest].flatMap { records[$0]?.record } }

    /// A page of orders, newest first.
    ///
    /// - Complexity: O(log n + limit) for a customer with n orders.
    public func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) -> [OrderReference] {
        guard limit > 0, let list = ordersByCustomer[customer] else { return [] }
        var start = 0
        if let cursor {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if cursor.isBefore(list[mid]) { high = mid } else { low = mid + 1 }
            }
            start = low
        }
        let end = limit >= list.count - start ? list.count : start + limit
        return Array(list[start..<end])
    }

    /// A login name's failed-login record.
    public func loginThrottle(key: LoginThrottleKey) -> LoginThrottleRecord? { throttles[key] }

    private mutating func index(_ record: AccountRecord) {
        let id = record.customer.id
        if let key = record.accountEmailKey { accountByKey[key] = id }
        if record.customer.kind == .guest { guestsByKey[record.customer.email.uniquenessKey, default: []].append(id) }
        for session in record.sessions { customerBySession[session.digest] = id }
        for token in record.tokens { customerByToken[token.digest] = id }
    }

    private mutating func unindex(_ record: AccountRecord) {
        let id = record.customer.id
        if let key = record.accountEmailKey, accountByKey[key] == id { accountByKey[key] = nil }
        if record.customer.kind == .guest {
            let key = record.customer.email.uniquenessKey
            guestsByKey[key]?.removeAll { $0 == id }
            if guestsByKey[key]?.isEmpty == true { guestsByKey[key] = nil }
        }
        for session in record.sessions where customerBySession[session.digest] == id { customerBySession[session.digest] = nil }
        for token in record.tokens where customerByToken[token.digest] == id { customerByToken[token.digest] = nil }
    }

    /// A stored record in a box of its own: the dictionary's buckets then hold a reference
    /// instead of the record inline. A dictionary keeps two to two and a half buckets per
    /// entry after it grows, so records of some 330 bytes held inline would cost about 700
    /// bytes a customer at a million customers, most of it empty buckets.
    private final class Stored: Sendable {
        let record: AccountRecord
        init(_ record: AccountRecord) { self.record = record }
    }

    private mutating func insertOrder(_ order: OrderReference) {
        var list = ordersByCustomer[order.customer] ?? []
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].precedes(order) { low = mid + 1 } else { high = mid }
        }
        list.insert(order, at: low)
        ordersByCustomer[order.customer] = list
        orderOwner[order.id] = order.customer
    }

    private mutating func removeOrder(_ id: OrderID, of owner: CustomerID) {
        ordersByCustomer[owner]?.removeAll { $0.id == id }
        if ordersByCustomer[owner]?.isEmpty == true { ordersByCustomer[owner] = nil }
        orderOwner[id] = nil
    }

    private func notFound(_ id: CustomerID) -> AccountError {
        AccountError(.customerNotFound, "No customer with this ID exists.", context: ErrorContext(item: id.rawValue))
    }

    private func emailTaken(_ id: CustomerID) -> AccountError {
        AccountError(
            .emailTaken, "An account with this e-mail address already exists; offer a login or password reset instead.",
            context: ErrorContext(field: "email", item: id.rawValue))
    }

    private func revisionError(_ id: CustomerID) -> AccountError {
        AccountError(
            .conflict, "The customer record changed since it was read; read it again and retry.",
            context: ErrorContext(item: id.rawValue))
    }

    // MARK: Codable: the records, orders and throttles; indexes are rebuilt.

    private enum CodingKeys: String, CodingKey { case records, orders, throttles }

    /// Decodes a snapshot and rebuilds the indexes.
    ///
    /// - Throws: `DecodingError` when the snapshot breaks an invariant (two accounts with one address).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try container.decode([AccountRecord].self, forKey: .records)
        // Sized once: growing these indexes record by record rehashes them about 20 times at 1M.
        records.reserveCapacity(stored.count)
        accountByKey.reserveCapacity(stored.count)
        customerBySession.reserveCapacity(stored.reduce(0) { $0 + $1.sessions.count })
        customerByToken.reserveCapacity(stored.reduce(0) { $0 + $1.tokens.count })
        for record in stored {
            if let key = record.accountEmailKey, accountByKey[key] != nil || records[record.customer.id] != nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .records, in: container, debugDescription: "Duplicate customer or account e-mail in snapshot.")
            }
            index(record)
            records[record.customer.id] = Stored(record)
        }
        // The snapshot lists records by id, so this sort finds them in order.
        customerOrder = SortedCustomerIDs(sorting: stored.map(\.customer.id))
        for order in try container.decode([OrderReference].self, forKey: .orders) where records[order.customer] != nil {
            if let owner = orderOwner[order.id] { removeOrder(order.id, of: owner) }
            insertOrder(order)
        }
        for throttle in try container.decode([LoginThrottleRecord].self, forKey: .throttles) {
            throttles[throttle.key] = throttle
        }
    }

    /// Encodes records (by id), orders (per customer, newest first) and throttles (by key).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customerOrder.page(after: nil, limit: .max).compactMap { records[$0]?.record }, forKey: .records)
        try container.encode(ordersByCustomer.keys.sorted().flatMap { ordersByCustomer[$0] ?? [] }, forKey: .orders)
        try container.encode(throttles.keys.sorted().compactMap { throttles[$0] }, forKey: .throttles)
    }
}
