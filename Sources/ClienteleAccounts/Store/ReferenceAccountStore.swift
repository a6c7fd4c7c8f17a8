public import Foundation

/// The reference ``AccountStore``: an ``AccountState`` held by ClienteleCore's
/// `StateStore`, in memory (``inMemory()``) or in a folder with a durable journal
/// (``open(folder:options:)``).
///
/// Every write is one `StateStore` commit, so each call is atomic (and, file-backed,
/// durable on return), and ``AccountState`` enforces revisions and e-mail uniqueness
/// itself, so both modes behave the same.
public final class ReferenceAccountStore: AccountStore {
    /// The underlying state store, for inspection in tests and tools.
    public let state: StateStore<AccountState>

    /// The folder of a file-backed store; `nil` in memory.
    public let folder: URL?

    /// Wraps a state store.
    public init(state: StateStore<AccountState>, folder: URL? = nil) {
        self.state = state
        self.folder = folder
    }

    /// A store that keeps everything in memory.
    public static func inMemory() -> ReferenceAccountStore {
        ReferenceAccountStore(state: .inMemory())
    }

    /// Opens (or creates) a file-backed store in `folder`, replaying its journal.
    ///
    /// - Throws: ClienteleCore's storage errors (`storeAlreadyOpen`, `storeCorrupted`, …).
    public static func open(folder: URL, options: StateStore<AccountState>.Options = .init()) async throws -> ReferenceAccountStore {
        ReferenceAccountStore(state: try await .open(folder: folder, options: options), folder: folder)
    }

    /// What opening the folder found and repaired; empty in memory.
    public var recoveryReport: RecoveryReport { state.recoveryReport }

    /// Writes a snapshot and restarts the journal (file-backed only).
    public func compact() async throws {
        try await state.compact()
    }

    /// Waits for writes in flight and releases the folder (file-backed only).
    public func close() async throws {
        try await state.close()
    }

    /// Stores a new record with revision 1.
    public func insert(_ record: AccountRecord) async throws -> AccountRecord {
        var stored = record
        stored.revision = 1
        try await state.commit(.insert(stored))
        return stored
    }

    /// Stores new records with revision 1, each on its own, with one durable write for all
    /// (`StateStore.commit(each:)`): a refused record leaves the others stored.
    public func insert(contentsOf records: [AccountRecord]) async throws -> [Result<AccountRecord, any Error>] {
        let stored = records.map { record in
            var stored = record
            stored.revision = 1
            return stored
        }
        let outcomes = await state.commit(each: stored.map { .insert($0) })
        return zip(stored, outcomes).map { record, outcome in outcome.map { record } }
    }

    /// Replaces a record whose stored revision is `expectedRevision`.
    public func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        var stored = record
        stored.revision = expectedRevision + 1
        try await state.commit(.update(stored, expectedRevision: expectedRevision))
        return stored
    }

    /// The record of a customer.
    public func record(_ id: CustomerID) async throws -> AccountRecord? {
        try state.read { $0.packedRecord(id) }?.unpacked()
    }

    /// The account holding an e-mail uniqueness key.
    public func account(emailKey: String) async throws -> AccountRecord? {
        try AccountState.account(holding: emailKey, among: state.read { $0.packedAccounts(emailKey: emailKey) })
    }

    /// Guests with an e-mail uniqueness key, oldest first.
    public func guests(emailKey: String) async throws -> [AccountRecord] {
        try state.read { try $0.guests(emailKey: emailKey) }
    }

    /// Every customer, ascending by id, after `after`.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw AccountError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        return state.read { $0.customers(after: after, limit: limit) }
    }

    /// How many customers the store holds: O(1).
    public func customerCount() async throws -> Int {
        state.read { $0.customerCount }
    }

    /// The record holding a session digest.
    public func record(sessionDigest: Digest256) async throws -> AccountRecord? {
        try state.read { $0.packedRecord(sessionDigest: sessionDigest) }?.unpacked()
    }

    /// The record holding a token digest.
    public func record(tokenDigest: Digest256) async throws -> AccountRecord? {
        try state.read { $0.packedRecord(tokenDigest: tokenDigest) }?.unpacked()
    }

    /// Records or replaces an order.
    public func recordOrder(_ order: OrderReference) async throws {
        try await state.commit(.recordOrder(order))
    }

    /// A page of a customer's orders, newest first.
    ///
    /// - Throws: ``AccountErrorCode/invalidPageSize`` when `limit` is below 1.
    public func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        guard limit >= 1 else {
            throw AccountError(.invalidPageSize, "A page holds at least one order.", context: ErrorContext(field: "limit"))
        }
        return state.read { $0.orders(of: customer, after: cursor, limit: limit) }
    }

    /// Moves orders from guests to a customer.
    public func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try await state.commit(.moveOrders(from: guests, to: customer))
    }

    /// A login name's failed-login record.
    public func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? {
        state.read { $0.loginThrottle(key: key) }
    }

    /// Saves a failed-login record with optimistic concurrency.
    public func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        var stored = record
        stored.revision = expectedRevision + 1
        try await state.commit(.saveLoginThrottle(stored, expectedRevision: expectedRevision))
        return stored
    }

    /// Forgets a login name's failures.
    public func removeLoginThrottle(key: LoginThrottleKey) async throws {
        try await state.commit(.removeLoginThrottle(key: key))
    }

    /// Forgets stale failed-login records.
    public func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        try await state.commit(.removeLoginThrottles(lastFailureBefore: instant))
    }

    /// Erases a customer's record, orders and failed-login records. File-backed, it returns
    /// once no file of the folder holds them: the erasure is followed by a snapshot that
    /// replaces every older file (`StateStore.commitErasure`), O(size of the store).
    public func erase(customer: CustomerID) async throws {
        try await state.commitErasure(.erase(customer: customer))
    }
}
