public import Foundation

/// Where consent data lives: the adapter seam a host implements with its own database.
///
/// Three things are kept, all append-only: each customer's **ledger** of sealed
/// ``ConsentRecord``s, each customer's **send log** of ``SendRecord``s, and the
/// **suppression list**. Nothing is updated in place; only ``erase(customer:)`` removes a
/// customer's ledger and send log whole. The current consent state is
/// derived from the ledger by ``ConsentRules``; a store never keeps it separately.
///
/// Optimistic concurrency: a record or send carries its position (`sequence`) in the
/// customer's ledger or log; the store accepts it only when that position is the next
/// free one (a unique `(customer, sequence)` key in SQL does exactly this) and otherwise
/// throws ``ConsentErrorCode/conflict``. ``ConsentService`` then re-reads and retries,
/// so concurrent writers always leave a gap-free, correctly linked chain.
///
/// Check an adapter with `ConsentStoreConformance` from ClienteleTestKit.
public protocol ConsentStore: Sendable {
    /// Appends a sealed record to its customer's ledger.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` unless `record.sequence` equals the number of
    ///   records the customer has and `record.previousHash` is the hash of the last one (the
    ///   genesis hash for the first); ``ConsentErrorCode/invalidRecord`` when
    ///   `record.hash` is not the hash of its content (checked after the link). The ledger is
    ///   then unchanged.
    func append(_ record: ConsentRecord) async throws

    /// Appends many sealed records, each on its own as ``append(_:)`` would, in order (so
    /// records of one ledger may follow each other), for bulk work (an import). A store
    /// that can should make them durable together (one transaction, one sync), but a
    /// record that cannot be appended must not keep the others of other ledgers out.
    ///
    /// The default implementation calls ``append(_:)`` once per record, in order.
    ///
    /// - Returns: One result per record, in order: success, or the error ``append(_:)``
    ///   would have thrown for it.
    /// - Throws: Only when none of the records was appended (the store is unreachable).
    func append(contentsOf records: [ConsentRecord]) async throws -> [Result<Void, any Error>]

    /// The customer's whole ledger in sequence order; empty for an unknown customer.
    func records(for customer: CustomerID) async throws -> [ConsentRecord]

    /// Runs `body` (the consent service's read of the customer's ledger and the append it
    /// decides on) while no other writer sharing this storage, such as another app server,
    /// runs its own for the same customer.
    ///
    /// The service already lets one writer per customer in at a time within its process, and
    /// ``append(_:)`` refuses a record sealed against a stale read, so a store without this
    /// stays correct; but across processes a writer that loses the race re-reads while the
    /// winner's next append is already under way, and can lose every retry. A store shared by
    /// several processes serializes here (PostgreSQL: an advisory lock per customer) and runs
    /// the body's ``records(for:)`` and ``append(_:)`` for that customer where the lock
    /// holds. The default implementation runs `body` as it is (the reference stores serve one
    /// process).
    ///
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw (the lock is released either way), or the store's error
    ///   when the lock cannot be taken.
    func withLedgerLock<Result: Sendable>(of customer: CustomerID, _ body: () async throws -> Result) async throws -> Result

    /// Customers that have at least one ledger record, ascending by ID, strictly after
    /// `after` (from the start when `nil`), at most `limit` of them.
    ///
    /// - Throws: ``ConsentErrorCode/invalidPageSize`` when `limit` is below 1.
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID]

    /// Appends a send to its customer's send log.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` unless `send.sequence` equals the number of
    ///   sends the customer has; the log is then unchanged.
    func appendSend(_ send: SendRecord) async throws

    /// The number of sends ever appended to the customer's log (its revision): sends removed
    /// by ``pruneSends(before:)`` still count, so the next send's `sequence` keeps going up.
    func sendCount(for customer: CustomerID) async throws -> Int

    /// The customer's sends at or after `since`, in sequence order.
    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord]

    /// Removes every customer's sends made before `instant` (a retention rule), atomically.
    /// ``sendCount(for:)`` does not go down; ``sends(for:since:)`` no longer returns them.
    /// A send made at `instant` exactly is kept. Pruning again changes nothing.
    ///
    /// - Returns: How many sends were removed.
    func pruneSends(before instant: Date) async throws -> Int

    /// Adds an address digest to the suppression list. Adding a digest that is already
    /// there keeps the first entry and succeeds.
    func addSuppression(_ entry: SuppressionEntry) async throws

    /// The suppression entry for `digest`, or `nil`.
    func suppression(for digest: Digest256) async throws -> SuppressionEntry?

    /// Erases a customer, atomically: the whole ledger and the whole send log. The
    /// suppression list is kept as it is (an erasure adds the address's digest there
    /// first, so that the address is never mailed again).
    ///
    /// Afterwards the customer has no records, no sends (count 0) and is not listed by
    /// ``customers(after:limit:)``; a new ledger for the same id starts again at sequence 0
    /// from the genesis hash. Erasing an unknown or already erased customer succeeds and
    /// changes nothing, so an interrupted erasure can simply be repeated.
    ///
    /// A store that keeps history (a journal, a write-ahead log, row versions) must not
    /// keep the erased records readable there either (see Docs/StoreAdapters.md).
    func erase(customer: CustomerID) async throws
}

extension ConsentStore {
    /// Appends the records one by one with ``append(_:)``, in order: one result per record.
    public func append(contentsOf records: [ConsentRecord]) async throws -> [Result<Void, any Error>] {
        await resultsOneByOne(records) { try await append($0) }
    }

    /// Runs `body` as it is: one process's writers are serialized by the consent service.
    public func withLedgerLock<Result: Sendable>(of customer: CustomerID, _ body: () async throws -> Result) async throws
        -> Result
    {
        try await body()
    }
}
