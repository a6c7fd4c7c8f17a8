/// Where account records live: one ``AccountRecord`` per customer (with its credentials,
/// live sessions and outstanding tokens), under optimistic concurrency. Part of
/// ``AccountStore``; its contract is written there.
public protocol AccountRecordStore: Sendable {
    /// Stores a new record with revision 1 and returns it as stored.
    ///
    /// - Throws: ``AccountErrorCode/duplicateCustomer`` or ``AccountErrorCode/emailTaken``.
    func insert(_ record: AccountRecord) async throws -> AccountRecord

    /// Stores many new records, each on its own as ``insert(_:)`` would, for bulk work (an
    /// import). A store that can should make them durable together (one transaction, one
    /// sync), but a record that cannot be inserted must not keep the others out.
    ///
    /// The default implementation calls ``insert(_:)`` once per record, in order.
    ///
    /// - Returns: One result per record, in order: the record as stored (revision 1), or
    ///   the error ``insert(_:)`` would have thrown for it.
    /// - Throws: Only when none of the records was stored (the store is unreachable).
    func insert(contentsOf records: [AccountRecord]) async throws -> [Result<AccountRecord, any Error>]

    /// Replaces a record if its stored revision is `expectedRevision`; returns it as stored
    /// (revision `expectedRevision + 1`).
    ///
    /// - Throws: ``AccountErrorCode/customerNotFound``, ``AccountErrorCode/conflict`` or
    ///   ``AccountErrorCode/emailTaken``.
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord

    /// The record of a customer, or `nil`.
    func record(_ id: CustomerID) async throws -> AccountRecord?

    /// The record holding the account for an e-mail uniqueness key, or `nil`.
    func account(emailKey: String) async throws -> AccountRecord?

    /// The guest records with an e-mail uniqueness key, oldest first: by
    /// `customer.createdAt`, then by customer ID (byte order) for guests created at the same
    /// instant. Updating a guest does not move it.
    func guests(emailKey: String) async throws -> [AccountRecord]

    /// Every customer (guests and accounts), ascending by id (byte order), strictly after
    /// `after` (from the start when `nil`), at most `limit`: how the `Clientele` facade
    /// walks the customer base (segmentation facts at start-up, retention).
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` (field `limit`) when `limit` is below 1.
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID]

    /// How many customers (guests and accounts) the store holds: what
    /// ``customers(after:limit:)`` would list. The facade sizes its segmentation fact table
    /// with it before loading every customer's facts. The default pages through
    /// ``customers(after:limit:)``; a store that can count directly (`COUNT(*)`) should.
    func customerCount() async throws -> Int

    /// The record holding a session with this digest, or `nil`.
    func record(sessionDigest: Digest256) async throws -> AccountRecord?

    /// The record holding a one-time token with this digest, or `nil`.
    func record(tokenDigest: Digest256) async throws -> AccountRecord?
}

extension AccountRecordStore {
    /// Counts the customers by listing them, 10,000 ids a page: O(customers).
    public func customerCount() async throws -> Int {
        var count = 0
        var after: CustomerID?
        while true {
            let page = try await customers(after: after, limit: 10_000)
            count += page.count
            guard page.count == 10_000, let last = page.last else { return count }
            after = last
        }
    }

    /// Inserts the records one by one with ``insert(_:)``, in order: one result per record.
    public func insert(contentsOf records: [AccountRecord]) async throws -> [Result<AccountRecord, any Error>] {
        await resultsOneByOne(records) { try await insert($0) }
    }
}
