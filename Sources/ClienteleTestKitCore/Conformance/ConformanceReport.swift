/// What ``ConformanceSuite/runAll()`` found: the checks that passed, failed and were skipped.
///
/// A store conforms when ``failed`` is empty; a skipped check proves nothing, so a durable
/// store should also have ``skipped`` empty (give the suite a `reopen` closure).
public struct ConformanceReport<Check: Hashable & Sendable>: Sendable, CustomStringConvertible {
    /// One failed check and what it threw: usually a ``ConformanceFailure``, or the store's
    /// own error when an operation the contract allows failed.
    public struct Failed: Sendable, CustomStringConvertible {
        /// The check.
        public var check: Check
        /// What it threw.
        public var error: any Error

        /// Creates a failed entry.
        public init(check: Check, error: any Error) {
            self.check = check
            self.error = error
        }

        /// The error's description.
        public var description: String { "\(error)" }
    }

    /// The suite, such as `AccountStoreConformance`.
    public var suite: String
    /// The checks that passed, in declaration order.
    public var passed: [Check] = []
    /// The checks that failed, in declaration order.
    public var failed: [Failed] = []
    /// The checks that did not run, in declaration order.
    public var skipped: [ConformanceSkipped] = []

    /// Creates an empty report.
    public init(suite: String) {
        self.suite = suite
    }

    /// True when no check failed.
    public var conforms: Bool { failed.isEmpty }

    /// `Suite: 12 passed, 1 failed, 1 skipped`, then one line per failure and skip.
    public var description: String {
        var lines = ["\(suite): \(passed.count) passed, \(failed.count) failed, \(skipped.count) skipped"]
        lines += failed.map { "failed: \($0)" }
        lines += skipped.map { "skipped: \($0)" }
        return lines.joined(separator: "\n")
    }
}
