import ClienteleTestKit
import Testing

/// A tiny suite over a counter "store", to pin the shape every real suite shares.
private struct CounterConformance: ConformanceSuite {
    enum Check: String, CaseIterable, Sendable { case startsAtZero, countsUp, survivesReopen }
    static let reopenChecks: Set<Check> = [.survivesReopen]
    let stores: ConformanceStores<[Int]>

    init(makeCounter: @escaping @Sendable () -> [Int], reopen: (@Sendable ([Int]) async throws -> [Int])? = nil) {
        stores = ConformanceStores(make: makeCounter, reopen: reopen)
    }

    func run(_ check: Check, on counter: [Int]) async throws {
        switch check {
        case .startsAtZero:
            try require(counter.first == 0, check, expected: "first value 0", actual: "\(counter.first ?? -1)")
        case .countsUp:
            try require(counter == counter.sorted(), check, expected: "ascending values", actual: "\(counter)")
        case .survivesReopen:
            let reopened = try await reopen(counter, for: check)
            try require(reopened == counter, check, expected: "the same values after reopening", actual: "\(reopened)")
        }
    }
}

@Suite struct ConformanceSuiteTests {
    @Test func aConformingImplementationPassesEveryCheck() async {
        let report = await CounterConformance(makeCounter: { [0, 1, 2] }, reopen: { $0 }).runAll()
        #expect(report.passed == [.startsAtZero, .countsUp, .survivesReopen])
        #expect(report.failed.isEmpty && report.skipped.isEmpty)
        #expect(report.conforms)
    }

    @Test func aFailureNamesSuiteCheckExpectationAndWhatHappened() async throws {
        let report = await CounterConformance(makeCounter: { [3, 1] }, reopen: { $0 }).runAll()
        #expect(report.failed.map(\.check) == [.startsAtZero, .countsUp])
        #expect(!report.conforms)
        let failure = try #require(report.failed.first?.error as? ConformanceFailure)
        #expect(failure.suite == "CounterConformance")
        #expect(failure.check == "startsAtZero")
        #expect(failure.description.hasPrefix("CounterConformance.startsAtZero: expected first value 0, but 3"))
        #expect(report.description.hasPrefix("CounterConformance: 1 passed, 2 failed, 0 skipped"))
    }

    @Test func aReopenCheckWithoutReopenIsSkippedNeverPassed() async throws {
        let suite = CounterConformance(makeCounter: { [0, 1] })
        let report = await suite.runAll()
        #expect(report.passed == [.startsAtZero, .countsUp])
        #expect(report.skipped == [ConformanceSkipped(suite: "CounterConformance", check: "survivesReopen", reason: "the suite was given no reopen closure")])
        await #expect(throws: ConformanceSkipped.self) { try await suite.run(.survivesReopen) }
        #expect(suite.runnableChecks == [.startsAtZero, .countsUp])
        #expect(CounterConformance.checksWithoutReopen == [.startsAtZero, .countsUp])
    }

    @Test func aSuiteWithReopenRunsEveryCheck() async throws {
        let suite = CounterConformance(makeCounter: { [0, 1] }, reopen: { $0 + [2] })
        #expect(suite.runnableChecks == CounterConformance.Check.allCases)
        await #expect(throws: ConformanceFailure.self) { try await suite.run(.survivesReopen) }
    }

    @Test func anErrorOutcomeSaysWhatTheOperationDid() async {
        let success = await ErrorOutcome<CoreErrorCode>.of {}
        #expect(success == .succeeded && success.description == "success")
        let thrown = await ErrorOutcome<CoreErrorCode>.of { throw CoreError(.invalidCustomerID, "Bad.") }
        #expect(thrown == .invalidCustomerID)
        #expect(thrown.code == .invalidCustomerID)
        struct Other: Error {}
        let other = await ErrorOutcome<CoreErrorCode>.of { throw Other() }
        #expect(other.code == nil)
        #expect(other.description.hasPrefix("unexpected error Other"))
    }
}
