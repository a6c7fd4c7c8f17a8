/// The shape every store conformance suite in this kit shares.
///
/// A suite imports no test framework. It holds ``ConformanceStores``: a factory that makes a
/// fresh, empty store for every check and, for durable stores, a `reopen` closure that closes
/// a store and opens its data again. A host runs one check per test from its own tests:
///
/// ```swift
/// // A durable adapter: every check runs, the reopen check included.
/// @Test(arguments: AccountStoreConformance.Check.allCases)
/// func conformance(_ check: AccountStoreConformance.Check) async throws {
///     try await AccountStoreConformance(
///         makeStore: { try await MyPostgresAccountStore.fresh() },
///         reopen: { store in try await MyPostgresAccountStore.reconnect(store) }
///     ).run(check)
/// }
///
/// // A store with nothing to reopen: leave the reopen checks out of the arguments.
/// @Test(arguments: AccountStoreConformance.checksWithoutReopen)
/// func inMemoryConformance(_ check: AccountStoreConformance.Check) async throws {
///     try await AccountStoreConformance { MyCacheAccountStore() }.run(check)
/// }
/// ```
///
/// A check that needs `reopen` (one of ``reopenChecks``, always named `survivesReopen`) is
/// never passed when the suite has no `reopen` closure: ``run(_:)`` throws
/// ``ConformanceSkipped`` for it, and ``runAll()`` lists it under
/// ``ConformanceReport/skipped``.
///
/// A suite reports a broken contract as ``ConformanceFailure``; expected store errors are
/// matched with ``errorOutcome(_:of:)``.
public protocol ConformanceSuite: Sendable {
    /// The suite's checks, one per clause of the contract.
    associatedtype Check: CaseIterable, RawRepresentable<String>, Hashable, Sendable
    /// What the suite tests, such as `any AccountStore`.
    associatedtype Store: Sendable

    /// The factory and, for durable stores, the reopen closure the checks run against.
    var stores: ConformanceStores<Store> { get }

    /// The checks that need ``ConformanceStores/reopen``; skipped without it.
    static var reopenChecks: Set<Check> { get }

    /// Runs the body of one check against `store`, ignoring ``reopenChecks``.
    ///
    /// Hosts call ``run(_:)``, which makes the fresh store and reports a reopen check as
    /// skipped when there is no `reopen`; this is the part each suite writes.
    func run(_ check: Check, on store: Store) async throws
}

extension ConformanceSuite {
    /// The suite's name in failures: the type's name.
    public static var suiteName: String { String(describing: Self.self) }

    /// Every check except the ones that need `reopen`, in declaration order: the
    /// `@Test(arguments:)` of a store that cannot be reopened.
    public static var checksWithoutReopen: [Check] {
        Check.allCases.filter { !reopenChecks.contains($0) }
    }

    /// The checks this suite can run: all of them when it has a `reopen` closure, otherwise
    /// ``checksWithoutReopen``.
    public var runnableChecks: [Check] {
        stores.reopen == nil ? Self.checksWithoutReopen : Array(Check.allCases)
    }

    /// Runs one check against a fresh store from the factory, then tears the newest
    /// instance of it down (``ConformanceStores/tearDown``), whether the check passed or not.
    ///
    /// - Throws: ``ConformanceSkipped`` for a check that needs `reopen` when the suite has
    ///   none; ``ConformanceFailure`` when the store breaks the contract; or the store's own
    ///   error when an operation the contract allows fails unexpectedly. When the check
    ///   passed but the tear-down failed, the tear-down's error.
    public func run(_ check: Check) async throws {
        if Self.reopenChecks.contains(check), stores.reopen == nil {
            throw ConformanceSkipped(
                suite: Self.suiteName, check: check.rawValue,
                reason: "the suite was given no reopen closure")
        }
        let store = try await stores.make()
        let newest = Locked<(any Sendable)?>(store)
        let outcome: Result<Void, any Error>
        do {
            try await ConformanceRun.$newestStore.withValue(newest) { try await run(check, on: store) }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        if let tearDown = stores.tearDown {
            let last = newest.withLock { $0 } as? Store ?? store
            do {
                try await tearDown(last)
            } catch {
                // The check's own failure says more than a failed clean-up after it.
                if case .success = outcome { throw error }
            }
        }
        try outcome.get()
    }

    /// Runs every check, each against a fresh store, and says which passed, failed and were
    /// skipped.
    ///
    /// ```swift
    /// let report = await AccountStoreConformance { MyCacheAccountStore() }.runAll()
    /// #expect(report.failed.isEmpty, "\(report)")
    /// ```
    public func runAll() async -> ConformanceReport<Check> {
        var report = ConformanceReport<Check>(suite: Self.suiteName)
        for check in Check.allCases {
            do {
                try await run(check)
                report.passed.append(check)
            } catch let skipped as ConformanceSkipped {
                report.skipped.append(skipped)
            } catch {
                report.failed.append(ConformanceReport.Failed(check: check, error: error))
            }
        }
        return report
    }

    /// Closes `store` and opens its data again through the suite's `reopen` closure.
    ///
    /// - Throws: ``ConformanceSkipped`` naming `check` when the suite has no `reopen`.
    public func reopen(_ store: Store, for check: Check) async throws -> Store {
        guard let reopen = stores.reopen else {
            throw ConformanceSkipped(
                suite: Self.suiteName, check: check.rawValue,
                reason: "the suite was given no reopen closure")
        }
        let reopened = try await reopen(store)
        ConformanceRun.newestStore?.withLock { $0 = reopened }
        return reopened
    }

    /// What `body` did: succeeded, threw a `ClienteleError<Code>` with a code, or threw
    /// something else (described, so a failure can say what).
    ///
    /// ```swift
    /// let outcome = await errorOutcome(AccountErrorCode.self) { _ = try await store.insert(record) }
    /// try require(outcome == .emailTaken, check, expected: "emailTaken", actual: "\(outcome)")
    /// ```
    public func errorOutcome<Code: ErrorCode>(
        _ code: Code.Type, of body: () async throws -> Void
    ) async -> ErrorOutcome<Code> {
        await ErrorOutcome<Code>.of(body)
    }

    /// Throws a ``ConformanceFailure`` for `check` unless `condition` holds.
    ///
    /// - Parameters:
    ///   - condition: What the contract requires, evaluated.
    ///   - check: The check being run.
    ///   - expected: The requirement in words.
    ///   - actual: What happened instead, evaluated only on failure.
    public func require(
        _ condition: Bool,
        _ check: Check,
        expected: String,
        actual: @autoclosure () -> String,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) throws(ConformanceFailure) {
        guard !condition else { return }
        throw ConformanceFailure(
            suite: Self.suiteName, check: check.rawValue, expected: expected, actual: actual(),
            fileID: fileID, line: line)
    }
}
