/// The shape every store conformance suite in this kit shares.
///
/// A suite imports no test framework: it takes a factory that makes a fresh store,
/// runs named checks, and throws ``ConformanceFailure``. A host runs it from its own
/// tests against its own adapter:
///
/// ```swift
/// @Test(arguments: AccountStoreConformance.Check.allCases)
/// func conformance(_ check: AccountStoreConformance.Check) async throws {
///     try await AccountStoreConformance { try await MyPostgresAccountStore.fresh() }.run(check)
/// }
/// ```
public protocol ConformanceSuite: Sendable {
    /// The suite's checks; each runs against a fresh store from the factory.
    associatedtype Check: CaseIterable, RawRepresentable<String>, Sendable

    /// Runs one check.
    ///
    /// - Throws: ``ConformanceFailure`` when the store breaks the contract, or the
    ///   store's own error when an operation the contract allows fails unexpectedly.
    func run(_ check: Check) async throws
}

extension ConformanceSuite {
    /// The suite's name in failures: the type's name.
    public static var suiteName: String { String(describing: Self.self) }

    /// Runs every check and returns the failures; an empty array means the store conforms.
    public func runAll() async -> [any Error] {
        var failures: [any Error] = []
        for check in Check.allCases {
            do {
                try await run(check)
            } catch {
                failures.append(error)
            }
        }
        return failures
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
