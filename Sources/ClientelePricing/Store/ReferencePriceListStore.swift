public import Foundation

/// The reference ``PriceListStore``: a ``PriceListState`` held by ClienteleCore's
/// `StateStore`, in memory (``inMemory()``) or in a folder with a durable journal
/// (``open(folder:options:)``).
///
/// Every write is one `StateStore` commit, so each call is atomic (and, file-backed,
/// durable on return), and ``PriceListState`` enforces validation, uniqueness and
/// revisions itself, so both modes behave the same.
public final class ReferencePriceListStore: PriceListStore {
    /// The underlying state store, for inspection in tests and tools.
    public let state: StateStore<PriceListState>

    /// The folder of a file-backed store; `nil` in memory.
    public let folder: URL?

    /// Wraps a state store.
    public init(state: StateStore<PriceListState>, folder: URL? = nil) {
        self.state = state
        self.folder = folder
    }

    /// A store that keeps everything in memory.
    public static func inMemory() -> ReferencePriceListStore {
        ReferencePriceListStore(state: .inMemory())
    }

    /// Opens (or creates) a file-backed store in `folder`, replaying its journal.
    ///
    /// - Throws: ClienteleCore's storage errors (`storeAlreadyOpen`, `storeCorrupted`, …).
    public static func open(
        folder: URL, options: StateStore<PriceListState>.Options = .init()
    ) async throws -> ReferencePriceListStore {
        ReferencePriceListStore(state: try await .open(folder: folder, options: options), folder: folder)
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

    /// Stores a new list with revision 1.
    public func create(_ list: PriceList) async throws -> StoredPriceList {
        try await state.commit(.create(list))
        return StoredPriceList(list: list, revision: 1)
    }

    /// Replaces a list stored at `expectedRevision`.
    public func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        try await state.commit(.update(list, expectedRevision: expectedRevision))
        return StoredPriceList(list: list, revision: expectedRevision + 1)
    }

    /// Removes a list stored at `expectedRevision`.
    public func delete(_ id: PriceListID, expectedRevision: Int) async throws {
        try await state.commit(.delete(id, expectedRevision: expectedRevision))
    }

    /// The list with this id, or `nil`.
    public func list(_ id: PriceListID) async throws -> StoredPriceList? {
        state.read { $0.lists[id] }
    }

    /// Up to `limit` lists with ids after `after`, in id (byte) order.
    ///
    /// - Throws: ``PricingErrorCode/invalidPageSize`` when `limit` is below 1 (there is no
    ///   maximum).
    public func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
        try state.read { state throws(PricingError) in try state.lists(after: after, limit: limit) }
    }

    /// Every list and the version, read atomically.
    public func snapshot() async throws -> PriceListSnapshot {
        state.read { $0.snapshot }
    }
}
