public import Foundation

/// The reference ``ProfileStore``: a ``ProfileState`` held by ClienteleCore's `StateStore`,
/// in memory (``inMemory()``) or in a folder with a durable journal
/// (``open(folder:options:)``).
///
/// Every write is one `StateStore` commit, so each call is atomic (and, file-backed,
/// durable on return), and ``ProfileState`` enforces revisions itself, so both modes behave
/// the same.
public final class ReferenceProfileStore: ProfileStore {
    /// The underlying state store, for inspection in tests and tools.
    public let state: StateStore<ProfileState>

    /// The folder of a file-backed store; `nil` in memory.
    public let folder: URL?

    /// Wraps a state store.
    public init(state: StateStore<ProfileState>, folder: URL? = nil) {
        self.state = state
        self.folder = folder
    }

    /// A store that keeps everything in memory.
    public static func inMemory() -> ReferenceProfileStore {
        ReferenceProfileStore(state: .inMemory())
    }

    /// Opens (or creates) a file-backed store in `folder`, replaying its journal.
    ///
    /// - Throws: ClienteleCore's storage errors (`storeAlreadyOpen`, `storeCorrupted`, …).
    public static func open(folder: URL, options: StateStore<ProfileState>.Options = .init()) async throws -> ReferenceProfileStore {
        ReferenceProfileStore(state: try await .open(folder: folder, options: options), folder: folder)
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

    /// The customer's profile.
    public func profile(of customer: CustomerID) async throws -> CustomerProfile? {
        // Unpacked after the lock is released: concurrent reads and writes wait only for the lookup.
        try state.read { $0.packedProfile(of: customer) }?.unpacked(of: customer)
    }

    /// Stores a profile read at `expectedRevision`.
    public func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        var stored = profile
        stored.revision = expectedRevision + 1
        try await state.commit(.save(stored, expectedRevision: expectedRevision))
        return stored
    }

    /// Saves profiles, each at its own revision and on its own, with one durable write for
    /// all (`StateStore.commit(each:)`): a refused profile leaves the others stored.
    public func save(contentsOf profiles: [CustomerProfile]) async throws -> [Result<CustomerProfile, any Error>] {
        let stored = profiles.map { profile in
            var stored = profile
            stored.revision = profile.revision + 1
            return stored
        }
        let outcomes = await state.commit(each: zip(profiles, stored).map { .save($1, expectedRevision: $0.revision) })
        return zip(stored, outcomes).map { profile, outcome in outcome.map { profile } }
    }

    /// Customers with a profile, ascending, after `after`.
    ///
    /// - Throws: ``ProfilingErrorCode/invalidPageSize`` when `limit` is below 1.
    public func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw ProfilingError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        return state.read { $0.customers(after: after, limit: limit) }
    }

    /// Erases a customer's profile. File-backed, it returns once no file of the folder holds
    /// it: the erasure is followed by a snapshot that replaces every older file
    /// (`StateStore.commitErasure`), O(size of the store).
    public func erase(customer: CustomerID) async throws {
        try await state.commitErasure(.erase(customer: customer))
    }
}
