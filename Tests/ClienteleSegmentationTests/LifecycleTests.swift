import ClienteleSegmentation
import Foundation
import Testing

/// Fixed instants for the lifecycle and trigger tests (no clock: the rules are pure).
enum LifeTime {
    /// 2026-11-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_793_491_200)
    static let secondsPerDay: Double = 86_400

    /// The start of the UTC day `year-month-day`, plus `seconds`.
    static func at(_ year: Int, _ month: Int, _ day: Int, plus seconds: Double = 0) throws -> Date {
        try UTCDay(year: year, month: month, day: day).start.addingTimeInterval(seconds)
    }

    /// `days` whole days before ``now``, plus `seconds`.
    static func daysAgo(_ days: Double, plus seconds: Double = 0) -> Date {
        now.addingTimeInterval(-days * secondsPerDay + seconds)
    }

    static func facts(
        _ id: String = "C1", createdAt: Date = daysAgo(1_000), orders: Int64 = 0, amount: Int64 = 0,
        lastOrder: Date? = nil, lastVisit: Date? = nil, accountStatus: String? = "active", birthDate: BirthDate? = nil,
        consents: [String: ConsentFact] = [:]
    ) throws -> CustomerFacts {
        CustomerFacts(
            customer: try CustomerID(validating: id), createdAt: createdAt, numberOfOrders: orders,
            amountSpentMinorUnits: amount, firstOrderDate: lastOrder.map { _ in createdAt }, lastOrderDate: lastOrder,
            lastVisitDate: lastVisit, accountStatus: accountStatus, birthDate: birthDate, consents: consents)
    }
}

@Suite struct LifecycleStageTests {
    let policy = LifecyclePolicy()

    @Test func theDefaultsAreRepeatFromTwoLoyalFromFiveAtRiskAfter90AndLapsedAfter365Days() {
        #expect(policy.repeatMinimumOrders == 2)
        #expect(policy.loyalMinimumOrders == 5)
        #expect(policy.loyalMinimumAmountMinorUnits == nil)
        #expect(policy.atRiskAfterDays == 90)
        #expect(policy.lapsedAfterDays == 365)
    }

    @Test func aCustomerWhoNeverOrderedIsAProspect() throws {
        #expect(policy.stage(of: try LifeTime.facts(), at: LifeTime.now) == .prospect)
        #expect(policy.stage(of: try LifeTime.facts(accountStatus: nil), at: LifeTime.now) == .prospect)
    }

    @Test func theNumberOfOrdersDecidesBetweenNewRepeatAndLoyalAtEveryThreshold() throws {
        let last = LifeTime.daysAgo(1)
        let table: [(Int64, LifecycleStage)] = [(1, .new), (2, .repeat), (4, .repeat), (5, .loyal), (50, .loyal)]
        for (orders, expected) in table {
            let stage = policy.stage(of: try LifeTime.facts(orders: orders, lastOrder: last), at: LifeTime.now)
            #expect(stage == expected, "\(orders) orders")
        }
    }

    @Test func theLoyalAmountMakesACustomerLoyalFromExactlyThatAmount() throws {
        let policy = try LifecyclePolicy(loyalMinimumAmountMinorUnits: 100_00)
        let last = LifeTime.daysAgo(1)
        #expect(policy.stage(of: try LifeTime.facts(orders: 1, amount: 99_99, lastOrder: last), at: LifeTime.now) == .new)
        #expect(policy.stage(of: try LifeTime.facts(orders: 1, amount: 100_00, lastOrder: last), at: LifeTime.now) == .loyal)
        #expect(policy.stage(of: try LifeTime.facts(orders: 2, amount: 99_99, lastOrder: last), at: LifeTime.now) == .repeat)
    }

    @Test func atRiskStartsOnTheNinetiethUTCDayWithoutAnOrderWhateverTheHour() throws {
        let table: [(Date, LifecycleStage)] = [
            (LifeTime.daysAgo(89), .repeat),  // 89 days
            (LifeTime.daysAgo(89, plus: -1), .atRisk),  // one second earlier: day -90
            (LifeTime.daysAgo(90), .atRisk),  // the first second of day -90
            (LifeTime.daysAgo(89, plus: 86_399 - 86_400), .atRisk),  // the last second of day -90
            (LifeTime.daysAgo(88, plus: -1), .repeat),  // the last second of day -89
        ]
        for (last, expected) in table {
            let stage = policy.stage(of: try LifeTime.facts(orders: 3, lastOrder: last), at: LifeTime.now)
            #expect(stage == expected, "last order \(last)")
        }
    }

    @Test func theEvaluationInstantCountsByItsUTCDayToo() throws {
        let facts = try LifeTime.facts(orders: 3, lastOrder: LifeTime.daysAgo(90))
        #expect(policy.stage(of: facts, at: LifeTime.now) == .atRisk)
        #expect(policy.stage(of: facts, at: LifeTime.now.addingTimeInterval(-1)) == .repeat)  // 23:59:59 the day before
        #expect(policy.stage(of: facts, at: LifeTime.now.addingTimeInterval(86_399)) == .atRisk)
    }

    @Test func lapsedStartsOnThe365thDayAndBeatsEveryVolumeRule() throws {
        let table: [(Date, Int64, LifecycleStage)] = [
            (LifeTime.daysAgo(364), 1, .atRisk),
            (LifeTime.daysAgo(364, plus: -1), 1, .lapsed),  // the last second of day -365
            (LifeTime.daysAgo(365), 1, .lapsed),
            (LifeTime.daysAgo(365), 80, .lapsed),
            (LifeTime.daysAgo(200), 80, .atRisk),
            (LifeTime.daysAgo(2_000), 2, .lapsed),
        ]
        for (last, orders, expected) in table {
            let stage = policy.stage(of: try LifeTime.facts(orders: orders, lastOrder: last), at: LifeTime.now)
            #expect(stage == expected, "\(orders) orders, last \(last)")
        }
    }

    @Test func customThresholdsMoveEveryBoundary() throws {
        let policy = try LifecyclePolicy(
            repeatMinimumOrders: 3, loyalMinimumOrders: 4, atRiskAfterDays: 10, lapsedAfterDays: 11)
        let recent = LifeTime.daysAgo(9)
        #expect(policy.stage(of: try LifeTime.facts(orders: 2, lastOrder: recent), at: LifeTime.now) == .new)
        #expect(policy.stage(of: try LifeTime.facts(orders: 3, lastOrder: recent), at: LifeTime.now) == .repeat)
        #expect(policy.stage(of: try LifeTime.facts(orders: 4, lastOrder: recent), at: LifeTime.now) == .loyal)
        #expect(policy.stage(of: try LifeTime.facts(orders: 4, lastOrder: LifeTime.daysAgo(10)), at: LifeTime.now) == .atRisk)
        #expect(policy.stage(of: try LifeTime.facts(orders: 4, lastOrder: LifeTime.daysAgo(11)), at: LifeTime.now) == .lapsed)
    }

    @Test func inconsistentFactsGetADefinedStage() throws {
        // A last order but no count: one order.
        #expect(policy.stage(of: try LifeTime.facts(orders: 0, lastOrder: LifeTime.daysAgo(1)), at: LifeTime.now) == .new)
        // Orders without a date are never at risk.
        #expect(policy.stage(of: try LifeTime.facts(orders: 3), at: LifeTime.now) == .repeat)
        // A last order after the evaluation instant is zero days ago.
        #expect(policy.stage(of: try LifeTime.facts(orders: 1, lastOrder: LifeTime.daysAgo(-400)), at: LifeTime.now) == .new)
    }

    @Test func theStoredNamesAreTheOnesSegmentQueriesUse() {
        #expect(LifecycleStage.allCases.map(\.rawValue) == ["prospect", "new", "repeat", "loyal", "at_risk", "lapsed"])
    }

    @Test func theStageMatchesTheEquivalentSegmentQueryAroundEveryBoundary() throws {
        let schema = try SegmentSchema(currency: .eur)
        let atRisk = try SegmentEvaluator("last_order_date <= -90d AND last_order_date > -365d", schema: schema)
        for days in [0.0, 88, 89, 90, 91, 364, 365, 366] {
            for seconds in [-1.0, 0, 1] {
                let facts = try LifeTime.facts(orders: 7, lastOrder: LifeTime.daysAgo(days, plus: seconds))
                let query = atRisk.evaluate(facts, at: LifeTime.now) == .true
                #expect((policy.stage(of: facts, at: LifeTime.now) == .atRisk) == query, "\(days) days \(seconds) s")
            }
        }
    }
}

@Suite struct LifecycleTransitionTests {
    let policy = LifecyclePolicy()

    @Test func aSecondOrderMovesANewCustomerToRepeat() throws {
        let before = try LifeTime.facts(orders: 1, lastOrder: LifeTime.daysAgo(20))
        let after = try LifeTime.facts(orders: 2, lastOrder: LifeTime.now)
        let transition = try #require(policy.transition(from: before, to: after, at: LifeTime.now))
        #expect(transition == LifecycleTransition(customer: after.customer, from: .new, to: .repeat, at: LifeTime.now))
        #expect(transition.description == "C1: new -> repeat")
    }

    @Test func aChangeThatKeepsTheStageIsNoTransition() throws {
        let before = try LifeTime.facts(orders: 2, lastOrder: LifeTime.daysAgo(20))
        let after = try LifeTime.facts(orders: 3, lastOrder: LifeTime.now)
        #expect(policy.transition(from: before, to: after, at: LifeTime.now) == nil)
    }

    @Test func aCustomerSeenForTheFirstTimeTransitionsFromNoStage() throws {
        let facts = try LifeTime.facts()
        let transition = try #require(policy.transition(from: nil, to: facts, at: LifeTime.now))
        #expect(transition.from == nil)
        #expect(transition.to == .prospect)
        #expect(transition.description == "C1: none -> prospect")
    }

    @Test func anOrderBringsALapsedLoyalCustomerBack() throws {
        let before = try LifeTime.facts(orders: 9, lastOrder: LifeTime.daysAgo(500))
        let after = try LifeTime.facts(orders: 10, lastOrder: LifeTime.now)
        let transition = try #require(policy.transition(from: before, to: after, at: LifeTime.now))
        #expect(transition.from == .lapsed)
        #expect(transition.to == .loyal)
    }

    @Test func timePassingAloneMovesAStoredStage() throws {
        let facts = try LifeTime.facts(orders: 2, lastOrder: LifeTime.daysAgo(90))
        let dayBefore = LifeTime.now.addingTimeInterval(-1)
        #expect(policy.transition(fromStage: .repeat, to: facts, at: dayBefore) == nil)
        let transition = try #require(policy.transition(fromStage: .repeat, to: facts, at: LifeTime.now))
        #expect(transition.from == .repeat)
        #expect(transition.to == .atRisk)
    }
}

@Suite struct LifecyclePolicyValidationTests {
    static let invalid: [(String, @Sendable () throws(SegmentationError) -> LifecyclePolicy)] = [
        ("repeatMinimumOrders", { () throws(SegmentationError) in try LifecyclePolicy(repeatMinimumOrders: 1) }),
        ("loyalMinimumOrders", { () throws(SegmentationError) in try LifecyclePolicy(repeatMinimumOrders: 3, loyalMinimumOrders: 3) }),
        ("loyalMinimumAmountMinorUnits", { () throws(SegmentationError) in try LifecyclePolicy(loyalMinimumAmountMinorUnits: 0) }),
        ("atRiskAfterDays", { () throws(SegmentationError) in try LifecyclePolicy(atRiskAfterDays: 0) }),
        ("lapsedAfterDays", { () throws(SegmentationError) in try LifecyclePolicy(atRiskAfterDays: 30, lapsedAfterDays: 30) }),
    ]

    @Test(arguments: invalid.indices)
    func anOutOfRangeThresholdIsRefusedNamingItsField(index: Int) {
        let (field, make) = Self.invalid[index]
        #expect {
            try make()
        } throws: { error in
            guard let error = error as? SegmentationError else { return false }
            return error.code == .invalidConfiguration && error.context.field == field
        }
    }

    @Test func theTightestValidThresholdsAreAccepted() throws {
        let policy = try LifecyclePolicy(
            repeatMinimumOrders: 2, loyalMinimumOrders: 3, loyalMinimumAmountMinorUnits: 1, atRiskAfterDays: 1,
            lapsedAfterDays: 2)
        #expect(policy.lapsedAfterDays == 2)
        #expect(try LifecyclePolicy() == LifecyclePolicy(repeatMinimumOrders: 2))
    }

    @Test func aDecodedPolicyIsCheckedLikeAConstructedOne() throws {
        let encoded = try JSONEncoder().encode(try LifecyclePolicy(loyalMinimumAmountMinorUnits: 500_00))
        #expect(try JSONDecoder().decode(LifecyclePolicy.self, from: encoded).loyalMinimumAmountMinorUnits == 500_00)
        let bad = Data(#"{"repeatMinimumOrders":2,"loyalMinimumOrders":5,"atRiskAfterDays":90,"lapsedAfterDays":10}"#.utf8)
        #expect(throws: SegmentationError.self) { try JSONDecoder().decode(LifecyclePolicy.self, from: bad) }
    }
}
