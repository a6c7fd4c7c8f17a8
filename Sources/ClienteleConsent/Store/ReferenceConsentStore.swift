public import Foundation

/// The reference ``ConsentStore``: a ``ConsentState`` held by ClienteleCore's
/// `StateStore`, in memory (``inMemory()``) or in a folder with a durable journal
/// (``open(folder:options:)``).
///
/// Every write is one `StateStore` commit, so each call is atomic (and, file-backed,
/// durable on return), and ``ConsentState`` enforces sequences, links and hashes itself
/// and keeps the customer order for paging, so both modes behave the same and the store
/// keeps nothing beside the state.
public final class ReferenceConsentStore: ConsentStore {
    /// The underlying state store, for inspection in tests and tools.
    public let state: StateStore<ConsentState>

    /// The folder of a file-backed store; `nil` in memory.
    public let folder: URL?

    /// Wraps a state store.
    public init(state: StateStore<ConsentState>, folder: URL? = nil) {
        self.state = state
        self.folder = folder
    }

    /// A store that keeps everything in memory.
    public static func inMemory() -> ReferenceConsentStore {
        ReferenceConsentStore(state: .inMemory())
    }

    /// Opens (or creates) the file-backed store in `folder`: the same state, journaled
    /// durably by ``StateStore`` (every append is on disk when it returns).
    ///
    /// - Parameters:
    ///   - folder: The store's own folder (created owner-only if missing).
    ///   - options: Snapshot threshold and the policy for damaged files.
    /// - Throws: ``CoreError`` when the folder is open elsewhere, damaged, of an unknown
    ///   format, or cannot be read.
    public static func open(folder: URL, options: StateStore<ConsentState>.Options = .init()) async throws -> ReferenceConsentStore {
        ReferenceConsentStore(state: try await .open(folder: folder, options: options), folder: folder)
    }

    /// What opening the file-backed store found and repaired; empty in memory.
    public var recoveryReport: RecoveryReport { state.recoveryReport }

    /// Writes a snapshot now so the next open replays nothing (file-backed only).
    public func compact() async throws {
        try await state.compact()
    }

    /// Waits for appends in flight and releases the folder (file-backed only).
    public func close() async throws {
        try await state.close()
    }

    /// Appends a sealed record.
    public func append(_ record: ConsentRecord) async throws {
        try await state.commit(.append(record))
    }

    /// Appends sealed records, each on its own and in order, with one durable write for
    /// all (`StateStore.commit(each:)`): a refused record leaves the others appended.
    public func append(contentsOf records: [ConsentRecord]) async throws -> [Result<Void, any Error>] {
        await state.commit(each: records.map { .append($0) })
    }

    /// The customer's ledger.
    public func records(for customer: CustomerID) async throws -> [ConsentRecord] {
        // Unpacked after the lock is released: concurrent reads and writes wait only for the lookup.
        try state.read { $0.packedLedger(of: customer) }?.unpacked(of: customer) ?? []
    }

    /// Customers with a ledger, ascending, after `after`.
    ///
    /// - Complexity: O(log n + limit).
    /// - Throws: ``ConsentErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw ConsentError(.invalidPageSize, "A page must hold at least one customer.", context: ErrorContext(field: "limit"))
        }
        return state.read { $0.customers(after: after, limit: limit) }
    }

    /// Appends a send.
    public func appendSend(_ send: SendRecord) async throws {
        try await state.commit(.recordSend(send))
    }

    /// The number of sends ever appended for the customer.
    public func sendCount(for customer: CustomerID) async throws -> Int {
        state.read { $0.sendCount(for: customer) }
    }

    /// Removes every send made before `instant`; returns how many there were when the
    /// pruning was decided (a concurrent pruning may have taken some of them).
    public func pruneSends(before instant: Date) async throws -> Int {
        let found = state.read { $0.sendsBefore(instant) }
        guard found > 0 else { return 0 }
        try await state.commit(.pruneSends(before: instant))
        return found
    }

    /// The customer's sends at or after `since`.
    public func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] {
        state.read { $0.sendLogs[customer]?.filter { $0.at >= since } ?? [] }
    }

    /// Adds a suppression entry (the first for a digest wins).
    public func addSuppression(_ entry: SuppressionEntry) async throws {
        try await state.commit(.suppress(entry))
    }

    /// The suppression entry for `digest`.
    public func suppression(for digest: Digest256) async throws -> SuppressionEntry? {
        state.read { $0.suppressions[digest] }
    }

    /// Erases a customer's ledger and send log, keeping the suppression list. File-backed,
    /// it returns once no file of the folder holds them: the erasure is followed by a
    /// snapshot that replaces every older file (`StateStore.commitErasure`), O(size of the
    /// store).
    public func erase(customer: CustomerID) async throws {
        try await state.commitErasure(.erase(customer: customer))
    }
}
