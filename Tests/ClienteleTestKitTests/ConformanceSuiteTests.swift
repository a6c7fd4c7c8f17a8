import ClienteleTestKit
import Testing

/// A counter "store": its values, and which instance it is (0 when made, +1 per reopen).
private protocol Counting: Sendable {
    var values: [Int] { get }
}

private struct ListCounter: Counting, Equatable {
    var values: [Int]
    var generation = 0
}

/// A tiny suite over a counter "store", to pin the shape every real suite shares.
private struct CounterConformance: ConformanceSuite {
    enum Check: String, CaseIterable, Sendable { case startsAtZero, countsUp, survivesReopen }
    static let reopenChecks: Set<Check> = [.survivesReopen]
    let stores: ConformanceStores<any Counting>

    init<Adapter: Counting>(
        makeCounter: @escaping @Sendable () async throws -> Adapter,
        reopen: (@Sendable (Adapter) async throws -> Adapter)? = nil,
        tearDown: (@Sendable (Adapter) async throws -> Void)? = nil
    ) {
        stores = ConformanceStores(make: makeCounter, reopen: reopen, tearDown: tearDown, erase: { $0 })
    }

    func run(_ check: Check, on counter: any Counting) async throws {
        switch check {
        case .startsAtZero:
            try require(counter.values.first == 0, check, expected: "first value 0", actual: "\(counter.values.first ?? -1)")
        case .countsUp:
            try require(counter.values == counter.values.sorted(), check, expected: "ascending values", actual: "\(counter.values)")
        case .survivesReopen:
            let reopened = try await reopen(counter, for: check)
            try require(reopened.values == counter.values, check, expected: "the same values after reopening", actual: "\(reopened.values)")
        }
    }
}

/// What a tear-down was given.
private final class TornDown: Sendable {
    let counters = Locked<[ListCounter]>([])
    var all: [ListCounter] { counters.withLock { $0 } }
}

@Suite struct ConformanceSuiteTests {
    @Test func aConformingImplementationPassesEveryCheck() async {
        let report = await CounterConformance(makeCounter: { ListCounter(values: [0, 1, 2]) }, reopen: { $0 }).runAll()
        #expect(report.passed == [.startsAtZero, .countsUp, .survivesReopen])
        #expect(report.failed.isEmpty && report.skipped.isEmpty)
        #expect(report.conforms)
    }

    @Test func aFailureNamesSuiteCheckExpectationAndWhatHappened() async throws {
        let report = await CounterConformance(makeCounter: { ListCounter(values: [3, 1]) }, reopen: { $0 }).runAll()
        #expect(report.failed.map(\.check) == [.startsAtZero, .countsUp])
        #expect(!report.conforms)
        let failure = try #require(report.failed.first?.error as? ConformanceFailure)
        #expect(failure.suite == "CounterConformance")
        #expect(failure.check == "startsAtZero")
        #expect(failure.description.hasPrefix("CounterConformance.startsAtZero: expected first value 0, but 3"))
        #expect(report.description.hasPrefix("CounterConformance: 1 passed, 2 failed, 0 skipped"))
    }

    @Test func aReopenCheckWithoutReopenIsSkippedNeverPassed() async throws {
        let suite = CounterConformance(makeCounter: { ListCounter(values: [0, 1]) })
        let report = await suite.runAll()
        #expect(report.passed == [.startsAtZero, .countsUp])
        #expect(report.skipped == [ConformanceSkipped(suite: "CounterConformance", check: "survivesReopen", reason: "the suite was given no reopen closure")])
        await #expect(throws: ConformanceSkipped.self) { try await suite.run(.survivesReopen) }
        #expect(suite.runnableChecks == [.startsAtZero, .countsUp])
        #expect(CounterConformance.checksWithoutReopen == [.startsAtZero, .countsUp])
    }

    @Test func aSuiteWithReopenRunsEveryCheck() async throws {
        let suite = CounterConformance(makeCounter: { ListCounter(values: [0, 1]) }, reopen: { ListCounter(values: $0.values + [2]) })
        #expect(suite.runnableChecks == CounterConformance.Check.allCases)
        await #expect(throws: ConformanceFailure.self) { try await suite.run(.survivesReopen) }
    }

    @Test func theTearDownGetsTheNewestInstanceOnceAfterEveryCheckPassedOrFailed() async throws {
        let tornDown = TornDown()
        let suite = CounterConformance(
            makeCounter: { ListCounter(values: [0, 2, 1]) },
            reopen: { ListCounter(values: $0.values, generation: $0.generation + 1) },
            tearDown: { counter in tornDown.counters.withLock { $0.append(counter) } })
        let report = await suite.runAll()
        #expect(report.passed == [.startsAtZero, .survivesReopen])
        #expect(report.failed.map(\.check) == [.countsUp])
        // One tear-down per check; the reopen check's is the reopened instance.
        #expect(tornDown.all.map(\.generation) == [0, 0, 1])
    }

    @Test func aFailedTearDownFailsAPassingCheckButNeverHidesAFailure() async throws {
        struct CleanUpFailed: Error {}
        let failingTearDown: @Sendable (ListCounter) async throws -> Void = { _ in throw CleanUpFailed() }
        let passing = CounterConformance(makeCounter: { ListCounter(values: [0, 1]) }, tearDown: failingTearDown)
        await #expect(throws: CleanUpFailed.self) { try await passing.run(.startsAtZero) }
        let failing = CounterConformance(makeCounter: { ListCounter(values: [1, 0]) }, tearDown: failingTearDown)
        await #expect(throws: ConformanceFailure.self) { try await failing.run(.countsUp) }
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
