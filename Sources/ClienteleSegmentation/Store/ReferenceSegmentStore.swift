public import Foundation

/// The reference ``SegmentStore``: a ``SegmentState`` held by ClienteleCore's `StateStore`,
/// in memory (``inMemory()``) or in a folder with a durable journal
/// (``open(folder:options:)``).
///
/// Every write is one `StateStore` commit, so each call is atomic (and, file-backed,
/// durable on return), and ``SegmentState`` enforces the contract itself, so both modes
/// behave the same.
public final class ReferenceSegmentStore: SegmentStore {
    /// The underlying state store, for inspection in tests and tools.
    public let state: StateStore<SegmentState>

    /// The folder of a file-backed store; `nil` in memory.
    public let folder: URL?

    /// Wraps a state store.
    public init(state: StateStore<SegmentState>, folder: URL? = nil) {
        self.state = state
        self.folder = folder
    }

    /// A store that keeps everything in memory.
    public static func inMemory() -> ReferenceSegmentStore {
        ReferenceSegmentStore(state: .inMemory())
    }

    /// Opens (or creates) a file-backed store in `folder`, replaying its journal.
    ///
    /// - Throws: ClienteleCore's storage errors (`storeAlreadyOpen`, `storeCorrupted`, …).
    public static func open(folder: URL, options: StateStore<SegmentState>.Options = .init()) async throws -> ReferenceSegmentStore {
        ReferenceSegmentStore(state: try await .open(folder: folder, options: options), folder: folder)
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

    /// Every definition, in name order.
    public func definitions() async throws -> [SegmentDefinition] {
        state.read { state in
            state.definitions.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
    }

    /// The definition named `name`.
    public func definition(named name: String) async throws -> SegmentDefinition? {
        state.read { $0.definitions[name] }
    }

    /// Stores a definition read at `expectedRevision`.
    public func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        // A revision no store reaches (`Int.max` would overflow) is stale like any other.
        let (next, overflowed) = expectedRevision.addingReportingOverflow(1)
        guard !overflowed else {
            throw SegmentationError(
                .conflict, "Segment \(definition.name) is not stored at revision \(expectedRevision); read it again and retry.",
                context: ErrorContext(field: "revision", item: definition.name))
        }
        var stored = definition
        stored.revision = next
        try await state.commit(.save(stored, expectedRevision: expectedRevision))
        return stored
    }

    /// Removes a definition and its members.
    public func removeDefinition(named name: String, expectedRevision: Int) async throws {
        try await state.commit(.remove(name: name, expectedRevision: expectedRevision))
    }

    /// Applies a membership change.
    public func record(_ delta: SegmentMembershipDelta) async throws {
        try await state.commit(.record(delta))
    }

    /// Members of a segment, ascending, after `after`.
    public func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        guard limit >= 1 else {
            throw SegmentationError(.invalidPageSize, "A page holds at least one customer.", context: ErrorContext(field: "limit"))
        }
        guard let page = state.read({ $0.members(of: segment, after: after, limit: limit) }) else {
            throw SegmentationError(.unknownSegment, "No segment named \(segment) is defined.", context: ErrorContext(field: "segment", item: segment))
        }
        return page
    }

    /// The segments a customer is a member of.
    public func segments(of customer: CustomerID) async throws -> [String] {
        state.read { $0.segments(of: customer) }
    }

    /// The fired trigger keys of a customer.
    public func firedKeys(of customer: CustomerID) async throws -> Set<String> {
        state.read { $0.fired[customer] ?? [] }
    }

    /// Records trigger keys as fired, none of them fired yet.
    public func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws {
        try await state.commit(.fire(keys: keys.sorted(), customer: customer))
    }

    /// Erases a customer's memberships and fired keys. File-backed, it returns once no file
    /// of the folder holds them (`StateStore.commitErasure`), O(size of the store).
    public func erase(customer: CustomerID) async throws {
        try await state.commitErasure(.erase(customer: customer))
    }
}
