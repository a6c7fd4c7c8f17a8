/// A failed conformance check: which suite and check, what was expected, what happened.
///
/// Thrown by every conformance suite in ``ClienteleTestKit``; its description is
/// written to be read in a host's test log.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// The suite, such as `AccountStoreConformance`.
    public var suite: String
    /// The check, such as `concurrentRegistrationsOfOneAddress`.
    public var check: String
    /// What the contract requires.
    public var expected: String
    /// What the store did instead.
    public var actual: String
    /// The line of the suite that found the failure.
    public var fileID: String
    /// The line in ``fileID``.
    public var line: UInt

    /// Creates a failure.
    public init(
        suite: String, check: String, expected: String, actual: String,
        fileID: StaticString = #fileID, line: UInt = #line
    ) {
        self.suite = suite
        self.check = check
        self.expected = expected
        self.actual = actual
        self.fileID = "\(fileID)"
        self.line = line
    }

    /// `Suite.check: expected …, but …`.
    public var description: String {
        "\(suite).\(check): expected \(expected), but \(actual) (\(fileID):\(line))"
    }
}
