import ClienteleSegmentation
import Foundation
import Testing

/// A scan with only the named triggers switched on.
private func only(
    welcome: Bool = false, milestones: [Int64] = [], anniversary: Bool = false, birthdayDaysBefore: Int64? = nil,
    inactivityWeeks: Int64? = nil, rePermissionMonths: Int? = nil, lateDays: Int64 = 7
) throws -> TriggerScan {
    TriggerScan(
        policy: try TriggerPolicy(
            welcome: welcome, orderMilestones: milestones, anniversary: anniversary,
            birthdayDaysBefore: birthdayDaysBefore, inactivityWeeks: inactivityWeeks,
            rePermissionMonths: rePermissionMonths, lateDays: lateDays))
}

private func keys(_ occurrences: [TriggerOccurrence]) -> [String] { occurrences.map(\.key) }

@Suite struct WelcomeAndMilestoneTriggerTests {
    @Test func aNewAccountIsWelcomedOnceAsAServiceMessage() throws {
        let scan = try only(welcome: true)
        let facts = try LifeTime.facts(createdAt: LifeTime.daysAgo(0, plus: -3_600))
        let due = scan.due(for: facts, at: LifeTime.now, firedKeys: [])
        #expect(due == [
            TriggerOccurrence(customer: facts.customer, kind: .welcome, key: "welcome", due: facts.createdAt, category: .service)
        ])
        #expect(scan.due(for: facts, at: LifeTime.now, firedKeys: ["welcome"]).isEmpty)
    }

    @Test func aGuestIsNotWelcomedAndAnOldAccountIsNotWelcomedLate() throws {
        let scan = try only(welcome: true)
        let guest = try LifeTime.facts(createdAt: LifeTime.daysAgo(1), accountStatus: nil)
        #expect(scan.due(for: guest, at: LifeTime.now, firedKeys: []).isEmpty)
        #expect(keys(scan.due(for: try LifeTime.facts(createdAt: LifeTime.daysAgo(7)), at: LifeTime.now, firedKeys: [])) == ["welcome"])
        #expect(scan.due(for: try LifeTime.facts(createdAt: LifeTime.daysAgo(8)), at: LifeTime.now, firedKeys: []).isEmpty)
        #expect(scan.due(for: try LifeTime.facts(createdAt: LifeTime.daysAgo(-1)), at: LifeTime.now, firedKeys: []).isEmpty)
    }

    @Test func eachMilestoneIsReportedWhenItsOrderIsPlaced() throws {
        let scan = try only(milestones: [1, 10, 25])
        let table: [(Int64, [String])] = [
            (0, []), (1, ["milestone:1"]), (2, ["milestone:1"]), (9, ["milestone:1"]), (10, ["milestone:10"]),
            (24, ["milestone:10"]), (25, ["milestone:25"]), (400, ["milestone:25"]),
        ]
        for (orders, expected) in table {
            let facts = try LifeTime.facts(orders: orders, lastOrder: orders > 0 ? LifeTime.now : nil)
            let due = scan.due(for: facts, at: LifeTime.now, firedKeys: [])
            #expect(keys(due) == expected, "\(orders) orders")
            #expect(due.allSatisfy { $0.kind == .milestone && $0.category == .marketing && $0.due == LifeTime.now })
        }
    }

    @Test func aFiredMilestoneStaysFiredAndAPassedOverOneIsNeverReported() throws {
        let scan = try only(milestones: [1, 10, 25])
        var fired: Set<String> = []
        for orders: Int64 in [1, 2, 9, 11, 12] {  // 9 -> 11 skips the 10th order between two scans
            let facts = try LifeTime.facts(orders: orders, lastOrder: LifeTime.now)
            for occurrence in scan.due(for: facts, at: LifeTime.now, firedKeys: fired) { fired.insert(occurrence.key) }
        }
        #expect(fired == ["milestone:1", "milestone:10"])
    }

    @Test func aMilestoneReachedLongAgoIsNotCelebratedLate() throws {
        let scan = try only(milestones: [1, 10, 25])
        let imported = try LifeTime.facts(orders: 30, lastOrder: LifeTime.daysAgo(8))
        #expect(scan.due(for: imported, at: LifeTime.now, firedKeys: []).isEmpty)
        let lastWeek = try LifeTime.facts(orders: 30, lastOrder: LifeTime.daysAgo(7))
        #expect(keys(scan.due(for: lastWeek, at: LifeTime.now, firedKeys: [])) == ["milestone:25"])
    }
}

@Suite struct AnniversaryAndBirthdayTriggerTests {
    @Test func theAnniversaryFallsOnEachFullYearAndNamesItsYear() throws {
        let scan = try only(anniversary: true)
        let facts = try LifeTime.facts(createdAt: try LifeTime.at(2024, 11, 1, plus: 36_000))
        #expect(scan.due(for: facts, at: try LifeTime.at(2025, 10, 31, plus: 86_399), firedKeys: []).isEmpty)
        let first = scan.due(for: facts, at: try LifeTime.at(2025, 11, 1), firedKeys: [])
        #expect(first.map(\.key) == ["anniversary:2025"])
        #expect(first.first?.due == (try LifeTime.at(2025, 11, 1)))
        #expect(first.first?.category == .marketing)
        #expect(keys(scan.due(for: facts, at: LifeTime.now, firedKeys: ["anniversary:2025"])) == ["anniversary:2026"])
        #expect(scan.due(for: facts, at: try LifeTime.at(2026, 11, 9), firedKeys: []).isEmpty)  // 8 days late
    }

    @Test func aCustomerCreatedOn29FebruaryHasTheAnniversaryOn28FebruaryInCommonYears() throws {
        let scan = try only(anniversary: true)
        let facts = try LifeTime.facts(createdAt: try LifeTime.at(2024, 2, 29, plus: 3_600))
        let table: [((Int, Int, Int), [String])] = [
            ((2025, 2, 27), []), ((2025, 2, 28), ["anniversary:2025"]), ((2025, 3, 1), ["anniversary:2025"]),
            ((2027, 2, 28), ["anniversary:2027"]), ((2028, 2, 28), []), ((2028, 2, 29), ["anniversary:2028"]),
        ]
        for ((year, month, day), expected) in table {
            let due = scan.due(for: facts, at: try LifeTime.at(year, month, day, plus: 43_200), firedKeys: [])
            #expect(keys(due) == expected, "\(year)-\(month)-\(day)")
        }
        let leapDay = scan.due(for: facts, at: try LifeTime.at(2028, 2, 29), firedKeys: [])
        #expect(leapDay.first?.due == (try LifeTime.at(2028, 2, 29)))
    }

    @Test func theBirthdayTriggerFiresNDaysBeforeAndIsKeyedByTheBirthdaysYearAcrossYearEnd() throws {
        let scan = try only(birthdayDaysBefore: 7)
        let facts = try LifeTime.facts(birthDate: try BirthDate(month: 1, day: 3, year: 1990))
        #expect(scan.due(for: facts, at: try LifeTime.at(2026, 12, 27, plus: -1), firedKeys: []).isEmpty)
        let due = scan.due(for: facts, at: try LifeTime.at(2026, 12, 27), firedKeys: [])
        #expect(due == [
            TriggerOccurrence(
                customer: facts.customer, kind: .birthday, key: "birthday:2027", due: try LifeTime.at(2026, 12, 27),
                category: .marketing)
        ])
        #expect(keys(scan.due(for: facts, at: try LifeTime.at(2027, 1, 3, plus: 86_399), firedKeys: [])) == ["birthday:2027"])
        #expect(scan.due(for: facts, at: try LifeTime.at(2027, 1, 4), firedKeys: []).isEmpty)
        #expect(scan.due(for: facts, at: try LifeTime.at(2027, 1, 1), firedKeys: ["birthday:2027"]).isEmpty)
    }

    @Test func aBirthdayOn29FebruaryIsCelebratedOn28FebruaryInCommonYears() throws {
        let scan = try only(birthdayDaysBefore: 0)
        let facts = try LifeTime.facts(birthDate: try BirthDate(month: 2, day: 29))
        #expect(keys(scan.due(for: facts, at: try LifeTime.at(2027, 2, 28), firedKeys: [])) == ["birthday:2027"])
        #expect(scan.due(for: facts, at: try LifeTime.at(2028, 2, 28), firedKeys: []).isEmpty)
        #expect(keys(scan.due(for: facts, at: try LifeTime.at(2028, 2, 29), firedKeys: [])) == ["birthday:2028"])
    }

    @Test func noBirthdayIsReportedInTheYearOfBirthOrWithoutABirthDate() throws {
        let scan = try only(birthdayDaysBefore: 0)
        let baby = try LifeTime.facts(birthDate: try BirthDate(month: 11, day: 1, year: 2026))
        #expect(scan.due(for: baby, at: LifeTime.now, firedKeys: []).isEmpty)
        #expect(scan.due(for: try LifeTime.facts(), at: LifeTime.now, firedKeys: []).isEmpty)
    }
}

@Suite struct InactivityAndRePermissionTriggerTests {
    @Test func inactivityFiresOncePerSpellAndIsReArmedByAVisit() throws {
        let scan = try only(inactivityWeeks: 8)
        let lastVisit = try LifeTime.at(2026, 9, 6, plus: 54_000)  // 8 weeks before 2026-11-01
        var facts = try LifeTime.facts(orders: 1, lastOrder: try LifeTime.at(2026, 8, 1), lastVisit: lastVisit)
        #expect(scan.due(for: facts, at: LifeTime.now.addingTimeInterval(-1), firedKeys: []).isEmpty)
        let first = scan.due(for: facts, at: LifeTime.now, firedKeys: [])
        #expect(first == [
            TriggerOccurrence(
                customer: facts.customer, kind: .inactivity, key: "inactivity:2026-09-06", due: LifeTime.now,
                category: .marketing)
        ])
        var fired = Set(first.map(\.key))
        // Still inactive a month later: the same spell, nothing new.
        #expect(scan.due(for: facts, at: LifeTime.now.addingTimeInterval(30 * 86_400), firedKeys: fired).isEmpty)
        // A visit on 10 November re-arms the trigger; eight weeks later a new spell fires.
        facts.lastVisitDate = try LifeTime.at(2026, 11, 10, plus: 600)
        #expect(scan.due(for: facts, at: try LifeTime.at(2027, 1, 4, plus: 86_399), firedKeys: fired).isEmpty)
        let second = scan.due(for: facts, at: try LifeTime.at(2027, 1, 5), firedKeys: fired)
        #expect(keys(second) == ["inactivity:2026-11-10"])
        fired.formUnion(second.map(\.key))
        #expect(scan.due(for: facts, at: try LifeTime.at(2027, 6, 1), firedKeys: fired).isEmpty)
    }

    @Test func anOrderOrTheCreationOfTheRecordCountsAsActivity() throws {
        let scan = try only(inactivityWeeks: 2)
        let ordered = try LifeTime.facts(orders: 1, lastOrder: LifeTime.daysAgo(14), lastVisit: LifeTime.daysAgo(40))
        #expect(keys(scan.due(for: ordered, at: LifeTime.now, firedKeys: [])) == ["inactivity:2026-10-18"])
        let subscriber = try LifeTime.facts(createdAt: LifeTime.daysAgo(13))
        #expect(scan.due(for: subscriber, at: LifeTime.now, firedKeys: []).isEmpty)
    }

    @Test func rePermissionAsksForGrantedConsentOlderThanNMonthsPerPurpose() throws {
        let scan = try only(rePermissionMonths: 24)
        let facts = try LifeTime.facts(consents: ["newsletter": .granted, "profiling": .withdrawn, "sms": .granted])
        let given = [
            "newsletter": try LifeTime.at(2024, 11, 1, plus: 50_000), "profiling": try LifeTime.at(2020, 1, 1),
            "sms": try LifeTime.at(2024, 11, 2),
        ]
        let due = scan.due(for: facts, at: LifeTime.now, firedKeys: [], consentGivenAt: given)
        #expect(due == [
            TriggerOccurrence(
                customer: facts.customer, kind: .rePermission, key: "repermission:2024-11-01:newsletter", due: LifeTime.now,
                category: .marketing)
        ])
        #expect(scan.due(for: facts, at: LifeTime.now, firedKeys: []).isEmpty)  // no instants given: nothing to judge
        let renewed = ["newsletter": try LifeTime.at(2026, 10, 1)]
        #expect(scan.due(for: facts, at: LifeTime.now, firedKeys: Set(keys(due)), consentGivenAt: renewed).isEmpty)
    }

    @Test func rePermissionMonthsAreCalendarStepsClampedToTheMonthEnd() throws {
        let scan = try only(rePermissionMonths: 6)
        let facts = try LifeTime.facts(consents: ["newsletter": .granted])
        let given = ["newsletter": try LifeTime.at(2024, 8, 31)]
        #expect(scan.due(for: facts, at: try LifeTime.at(2025, 2, 27), firedKeys: [], consentGivenAt: given).isEmpty)
        let due = scan.due(for: facts, at: try LifeTime.at(2025, 2, 28), firedKeys: [], consentGivenAt: given)
        #expect(due.map(\.due) == [try LifeTime.at(2025, 2, 28)])
    }
}

@Suite struct TriggerScanIdempotencyTests {
    /// A customer with something due from every trigger on 2026-11-01.
    static func busyCustomer() throws -> (CustomerFacts, [String: Date]) {
        let facts = try LifeTime.facts(
            createdAt: try LifeTime.at(2025, 11, 1, plus: 7_200), orders: 10, lastOrder: try LifeTime.at(2026, 8, 1),
            lastVisit: try LifeTime.at(2026, 9, 6), birthDate: try BirthDate(month: 11, day: 5),
            consents: ["newsletter": .granted])
        return (facts, ["newsletter": try LifeTime.at(2024, 10, 1)])
    }

    @Test func scanningAgainWithTheFiredKeysYieldsNothing() throws {
        let scan = TriggerScan(policy: try TriggerPolicy(lateDays: 100))
        let (facts, given) = try Self.busyCustomer()
        let first = scan.due(for: facts, at: LifeTime.now, firedKeys: [], consentGivenAt: given)
        #expect(Set(first.map(\.kind)) == [.milestone, .anniversary, .birthday, .inactivity, .rePermission])
        let fired = Set(first.map(\.key))
        #expect(fired.count == first.count)
        #expect(scan.due(for: facts, at: LifeTime.now, firedKeys: fired, consentGivenAt: given).isEmpty)
        #expect(scan.due(for: facts, at: LifeTime.now.addingTimeInterval(86_400), firedKeys: fired, consentGivenAt: given).isEmpty)
    }

    @Test func theOrderIsByDueInstantThenKindAndTheSameOnEveryScan() throws {
        let scan = TriggerScan(policy: try TriggerPolicy(lateDays: 100))
        let (facts, given) = try Self.busyCustomer()
        let first = scan.due(for: facts, at: LifeTime.now, firedKeys: [], consentGivenAt: given)
        #expect(keys(first) == [
            "milestone:10", "repermission:2024-10-01:newsletter", "birthday:2026", "anniversary:2026",
            "inactivity:2026-09-06",
        ])
        #expect(first.map(\.due) == first.map(\.due).sorted())
        #expect(scan.due(for: facts, at: LifeTime.now, firedKeys: [], consentGivenAt: given) == first)
    }

    @Test func occurrencesDueAtTheSameInstantFollowTheKindOrder() throws {
        let scan = try only(anniversary: true, birthdayDaysBefore: 0)
        let facts = try LifeTime.facts(
            createdAt: try LifeTime.at(2025, 10, 25, plus: 600), birthDate: try BirthDate(month: 10, day: 25))
        let due = scan.due(for: facts, at: try LifeTime.at(2026, 10, 25), firedKeys: [])
        #expect(keys(due) == ["anniversary:2026", "birthday:2026"])
        #expect(Set(due.map(\.due)) == [try LifeTime.at(2026, 10, 25)])
    }

    @Test func aDescriptionShowsIdentifiersOnly() throws {
        let occurrence = TriggerOccurrence(
            customer: try CustomerID(validating: "C7"), kind: .birthday, key: "birthday:2027", due: LifeTime.now,
            category: .marketing)
        #expect(occurrence.description == "C7 birthday:2027 (marketing)")
    }
}

@Suite struct TriggerPolicyValidationTests {
    static let invalid: [(String, @Sendable () throws(SegmentationError) -> TriggerPolicy)] = [
        ("orderMilestones[0]", { () throws(SegmentationError) in try TriggerPolicy(orderMilestones: [0, 10]) }),
        ("orderMilestones[2]", { () throws(SegmentationError) in try TriggerPolicy(orderMilestones: [1, 10, 10]) }),
        ("orderMilestones[1]", { () throws(SegmentationError) in try TriggerPolicy(orderMilestones: [10, 1]) }),
        ("birthdayDaysBefore", { () throws(SegmentationError) in try TriggerPolicy(birthdayDaysBefore: -1) }),
        ("birthdayDaysBefore", { () throws(SegmentationError) in try TriggerPolicy(birthdayDaysBefore: 301) }),
        ("inactivityWeeks", { () throws(SegmentationError) in try TriggerPolicy(inactivityWeeks: 0) }),
        ("rePermissionMonths", { () throws(SegmentationError) in try TriggerPolicy(rePermissionMonths: 0) }),
        ("lateDays", { () throws(SegmentationError) in try TriggerPolicy(lateDays: -1) }),
    ]

    @Test(arguments: invalid.indices)
    func anOutOfRangeValueIsRefusedNamingItsField(index: Int) {
        let (field, make) = Self.invalid[index]
        #expect {
            try make()
        } throws: { error in
            guard let error = error as? SegmentationError else { return false }
            return error.code == .invalidConfiguration && error.context.field == field
        }
    }

    @Test func theDefaultsAreValidAndTheBoundsAccepted() throws {
        let defaults = TriggerPolicy()
        #expect(defaults == (try TriggerPolicy(welcome: true)))
        #expect(defaults.orderMilestones == [1, 10, 25])
        let edge = try TriggerPolicy(
            orderMilestones: [], birthdayDaysBefore: 300, inactivityWeeks: 1, rePermissionMonths: 1, lateDays: 0)
        #expect(edge.birthdayDaysBefore == 300)
        let decoded = try JSONDecoder().decode(TriggerPolicy.self, from: try JSONEncoder().encode(edge))
        #expect(decoded == edge)
    }

    @Test func onlyTheWelcomeIsAServiceMessage() throws {
        let (facts, given) = try TriggerScanIdempotencyTests.busyCustomer()
        var newcomer = facts
        newcomer.createdAt = LifeTime.daysAgo(1)
        let due = TriggerScan(policy: try TriggerPolicy(lateDays: 100)).due(
            for: newcomer, at: LifeTime.now, firedKeys: [], consentGivenAt: given)
        #expect(due.contains { $0.kind == .welcome })
        #expect(due.allSatisfy { ($0.category == .service) == ($0.kind == .welcome) })
    }
}
