/// The stores a conformance suite runs against: a factory for a fresh, empty store per
/// check and, for durable stores, a way to reopen one.
public struct ConformanceStores<Store: Sendable>: Sendable {
    /// Makes a fresh, empty store; called once per check.
    public var make: @Sendable () async throws -> Store
    /// Closes the given store and opens its data again; `nil` for a store with nothing to
    /// reopen, in which case the reopen checks are skipped.
    public var reopen: (@Sendable (Store) async throws -> Store)?

    /// Creates the pair.
    ///
    /// - Parameters:
    ///   - make: Makes a fresh, empty store for each check.
    ///   - reopen: For durable stores: closes the given store and opens its data again.
    public init(
        make: @escaping @Sendable () async throws -> Store,
        reopen: (@Sendable (Store) async throws -> Store)? = nil
    ) {
        self.make = make
        self.reopen = reopen
    }
}
