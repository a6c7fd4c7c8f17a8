import Synchronization

/// Holds a ``JournaledState`` value, applies changes to it atomically, and serves reads.
///
/// Every reference store in Clientele is a thin layer over one of these:
///
/// ```swift
/// let memory = StateStore<AccountState>.inMemory()
/// try await memory.commit(.register(account))
/// let account = memory.read { $0.accounts[id] }
/// ```
///
/// A change that fails to apply is rejected for its caller only and leaves the state
/// untouched. Reads see every committed change and nothing else.
public final class StateStore<State: JournaledState>: Sendable {
    private let state: Mutex<State>

    private init(state: State) {
        self.state = Mutex(state)
    }

    /// A store that keeps its state in memory only.
    ///
    /// - Parameter initial: The state to start from; empty by default.
    public static func inMemory(_ initial: State = State()) -> StateStore {
        StateStore(state: initial)
    }

    /// Applies `change`; returns once it is applied (and, for a file-backed store, durable).
    ///
    /// - Throws: Whatever `State.apply` throws; the state is then unchanged.
    public func commit(_ change: State.Change) async throws {
        try state.withLock { try $0.apply(change) }
    }

    /// Reads from the current state. Keep `body` short: it runs under the store's lock.
    ///
    /// - Complexity: O(1) plus the work `body` does.
    public func read<Result: Sendable>(_ body: (borrowing State) throws -> Result) rethrows -> Result {
        try state.withLock { try body($0) }
    }
}
