/// A conformance check that did not run, and why: a check that needs `reopen` when the
/// suite was given none.
///
/// Thrown by ``ConformanceSuite/run(_:)`` so that a skipped check never reads as passed;
/// ``ConformanceSuite/runAll()`` collects it in ``ConformanceReport/skipped``. A host whose
/// store cannot be reopened runs ``ConformanceSuite/checksWithoutReopen`` instead.
public struct ConformanceSkipped: Error, Sendable, Hashable, CustomStringConvertible {
    /// The suite, such as `AccountStoreConformance`.
    public var suite: String
    /// The check, such as `survivesReopen`.
    public var check: String
    /// Why it did not run.
    public var reason: String

    /// Creates a skip.
    public init(suite: String, check: String, reason: String) {
        self.suite = suite
        self.check = check
        self.reason = reason
    }

    /// `Suite.check skipped: reason`.
    public var description: String { "\(suite).\(check) skipped: \(reason)" }
}
