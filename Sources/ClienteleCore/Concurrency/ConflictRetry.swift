/// The one policy by which a service retries a write that lost an optimistic-concurrency
/// race (a store answered `conflict` because the item changed since it was read).
///
/// Stores never retry: they report the stale revision. A service that can re-read and
/// decide again (Accounts' read-modify-write of a customer record, Consent's append to a
/// ledger) runs its read-decide-write step through ``run(maximumAttempts:isConflict:_:)``:
/// each attempt re-reads, so nothing sleeps, and between attempts the task yields so the
/// writer that won can finish. After `maximumAttempts` the last conflict is thrown to
/// the caller, who may try again later.
///
/// Every module's configuration carries the bound as `maximumConflictAttempts`, with
/// ``defaultMaximumAttempts`` as its default, and rejects a value below 1.
public enum ConflictRetry {
    /// The default bound on attempts, the same in every module. Each conflict means another
    /// writer's change went in, so even many writers racing on one item get through well
    /// within it; it exists so that a store that reports `conflict` for every write fails
    /// a request instead of spinning for ever.
    public static let defaultMaximumAttempts = 32

    /// Runs `attempt` until it returns, throws an error that is not a conflict, or has been
    /// tried `maximumAttempts` times (at least once).
    ///
    /// - Parameters:
    ///   - maximumAttempts: The bound, from the module's configuration.
    ///   - isConflict: Whether an error is the module's `conflict` code.
    ///   - attempt: One read-decide-write step; it must re-read what it decides on.
    /// - Returns: What the successful attempt returned.
    /// - Throws: The first error that is not a conflict, or the last conflict.
    package static func run<Result>(
        maximumAttempts: Int,
        isConflict: (any Error) -> Bool,
        _ attempt: () async throws -> Result
    ) async throws -> Result {
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await attempt()
            } catch where isConflict(error) && attempts < maximumAttempts {
                await Task.yield()
            }
        }
    }
}
