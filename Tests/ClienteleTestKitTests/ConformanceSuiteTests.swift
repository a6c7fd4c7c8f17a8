import ClienteleTestKit
import Testing

/// A tiny suite over a counter "store", to pin the shape every real suite shares.
private struct CounterConformance: ConformanceSuite {
    enum Check: String, CaseIterable, Sendable { case startsAtZero, countsUp }
    let makeCounter: @Sendable () -> [Int]

    func run(_ check: Check) async throws {
        let counter = makeCounter()
        switch check {
        case .startsAtZero:
            try require(counter.first == 0, check, expected: "first value 0", actual: "\(counter.first ?? -1)")
        case .countsUp:
            try require(counter == counter.sorted(), check, expected: "ascending values", actual: "\(counter)")
        }
    }
}

@Suite struct ConformanceSuiteTests {
    @Test func aConformingImplementationPassesEveryCheck() async {
        let failures = await CounterConformance(makeCounter: { [0, 1, 2] }).runAll()
        #expect(failures.isEmpty)
    }

    @Test func aFailureNamesSuiteCheckExpectationAndWhatHappened() async throws {
        let failures = await CounterConformance(makeCounter: { [3, 1] }).runAll()
        #expect(failures.count == 2)
        let failure = try #require(failures.first as? ConformanceFailure)
        #expect(failure.suite == "CounterConformance")
        #expect(failure.check == "startsAtZero")
        #expect(failure.description.hasPrefix("CounterConformance.startsAtZero: expected first value 0, but 3"))
    }
}
