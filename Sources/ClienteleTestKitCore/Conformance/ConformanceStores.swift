/// The stores a conformance suite runs against: a factory for a fresh, empty store per
/// check, for durable stores a way to reopen one, and a way to clean up after a check.
///
/// `Store` is the suite's protocol type (`any AccountStore`). A host gives its adapter's own
/// type through the suites' initializers, so its `reopen` and `tearDown` closures receive
/// that type and need no downcast; the kit converts between the two.
public struct ConformanceStores<Store: Sendable>: Sendable {
    /// Makes a fresh, empty store; called once per check.
    public var make: @Sendable () async throws -> Store
    /// Closes the given store and opens its data again; `nil` for a store with nothing to
    /// reopen, in which case the reopen checks are skipped.
    public var reopen: (@Sendable (Store) async throws -> Store)?
    /// Called once after every check that made a store, passed or failed, with the newest
    /// instance of it (the reopened one when the check reopened it): close connections,
    /// drop the temporary database or folder. `nil` when there is nothing to clean up.
    public var tearDown: (@Sendable (Store) async throws -> Void)?

    /// Creates the stores from closures on the suite's protocol type.
    ///
    /// - Parameters:
    ///   - make: Makes a fresh, empty store for each check.
    ///   - reopen: For durable stores: closes the given store and opens its data again.
    ///   - tearDown: Cleans up after a check (see ``tearDown``).
    public init(
        make: @escaping @Sendable () async throws -> Store,
        reopen: (@Sendable (Store) async throws -> Store)? = nil,
        tearDown: (@Sendable (Store) async throws -> Void)? = nil
    ) {
        self.make = make
        self.reopen = reopen
        self.tearDown = tearDown
    }

    /// Creates the stores from closures on an adapter's own type.
    ///
    /// - Parameters:
    ///   - make: Makes a fresh, empty adapter for each check.
    ///   - reopen: For durable adapters: closes the given one and opens its data again.
    ///   - tearDown: Cleans up after a check (see ``tearDown``).
    ///   - erase: The adapter as the suite's protocol type (`{ $0 }`).
    public init<Adapter: Sendable>(
        make: @escaping @Sendable () async throws -> Adapter,
        reopen: (@Sendable (Adapter) async throws -> Adapter)?,
        tearDown: (@Sendable (Adapter) async throws -> Void)?,
        erase: @escaping @Sendable (Adapter) -> Store
    ) {
        self.make = { erase(try await make()) }
        if let reopen {
            self.reopen = { @Sendable (store: Store) async throws -> Store in
                let adapter = try Self.adapter(store, as: Adapter.self, for: "reopen")
                return erase(try await reopen(adapter))
            }
        } else {
            self.reopen = nil
        }
        if let tearDown {
            self.tearDown = { @Sendable (store: Store) async throws in
                try await tearDown(try Self.adapter(store, as: Adapter.self, for: "tearDown"))
            }
        } else {
            self.tearDown = nil
        }
    }

    /// `store` as the adapter type the kit made it as; a store the kit did not make (a
    /// check's bug, never the host's) is reported as a failure.
    private static func adapter<Adapter>(_ store: Store, as type: Adapter.Type, for closure: String) throws -> Adapter {
        guard let adapter = store as? Adapter else {
            throw ConformanceFailure(
                suite: "ConformanceStores", check: closure, expected: "a store made by the suite's factory",
                actual: "a \(Swift.type(of: store)) instead of a \(Adapter.self)")
        }
        return adapter
    }
}

/// The newest instance of the store a check runs against (the made one, then each
/// reopened one), for the tear-down after the check.
struct ConformanceRun: Sendable {
    @TaskLocal static var newestStore: Locked<(any Sendable)?>?
}
