import ClienteleSegmentation
import Foundation
import Testing

@Suite("Dates at UTC-day granularity")
struct DateSemanticsTests {
    @Test("Calendar steps clamp to the end of a shorter month")
    func monthEnds() throws {
        #expect(try day(2026, 3, 31).adding(months: -1) == (try day(2026, 2, 28)))
        #expect(try day(2024, 3, 31).adding(months: -1) == (try day(2024, 2, 29)))
        #expect(try day(2026, 1, 31).adding(months: 1) == (try day(2026, 2, 28)))
        #expect(try day(2026, 5, 31).adding(months: -1) == (try day(2026, 4, 30)))
        #expect(try day(2026, 1, 15).adding(months: -13) == (try day(2024, 12, 15)))
        #expect(try day(2026, 12, 31).adding(months: 2) == (try day(2027, 2, 28)))
    }

    @Test("A year back from 29 February is 28 February; four years back is 29 February")
    func leapYears() throws {
        #expect(try day(2024, 2, 29).adding(years: -1) == (try day(2023, 2, 28)))
        #expect(try day(2024, 2, 29).adding(years: 1) == (try day(2025, 2, 28)))
        #expect(try day(2024, 2, 29).adding(years: -4) == (try day(2020, 2, 29)))
        #expect(try day(2100, 3, 1).adding(days: -1) == (try day(2100, 2, 28)))
        #expect(try day(2000, 3, 1).adding(days: -1) == (try day(2000, 2, 29)))
    }

    @Test("Relative dates in queries: -1m on 31 March, -1y on 29 February, weeks and days exact")
    func relativeDatesInQueries() throws {
        var facts = try blankFacts()
        facts.lastOrderDate = instant(try day(2026, 2, 28), plus: 43_200)
        let march31 = instant(try day(2026, 3, 31), plus: 3_600)
        #expect(try evaluate("last_order_date = -1m", facts, at: march31) == .true)
        #expect(try evaluate("last_order_date = -31d", facts, at: march31) == .true)
        #expect(try evaluate("last_order_date < -1m", facts, at: march31) == .false)

        facts.lastOrderDate = instant(try day(2023, 2, 28))
        let leapDay = instant(try day(2024, 2, 29), plus: 86_399)
        #expect(try evaluate("last_order_date = -1y", facts, at: leapDay) == .true)
        #expect(try evaluate("last_order_date = -12m", facts, at: leapDay) == .true)
        #expect(try evaluate("last_order_date = -366d", facts, at: leapDay) == .true)

        facts.lastOrderDate = instant(try day(2026, 10, 18))
        #expect(try evaluate("last_order_date = -2w", facts, at: peersNow) == .true)
        #expect(try evaluate("last_order_date = -14d", facts, at: peersNow) == .true)
        #expect(try evaluate("last_order_date >= +0d", facts, at: peersNow) == .false)
    }

    @Test("Every day from 2000 to 2030 survives the round trip through its parts")
    func dayArithmeticRoundTrips() throws {
        var current = try day(2000, 1, 1)
        let end = try day(2030, 12, 31)
        var count = 0
        while current <= end {
            let parts = current.parts
            #expect(try UTCDay(year: parts.year, month: parts.month, day: parts.day) == current)
            #expect(UTCDay(iso8601: current.description) == current)
            current = current.adding(days: 1)
            count += 1
        }
        #expect(count == 11_323)
    }

    @Test("Days that do not exist are refused")
    func invalidDays() {
        #expect(throws: SegmentationError.self) { try UTCDay(year: 2026, month: 2, day: 29) }
        #expect(throws: SegmentationError.self) { try UTCDay(year: 2026, month: 13, day: 1) }
        #expect(UTCDay(iso8601: "2026-02-30") == nil)
        #expect(UTCDay(iso8601: "2024-02-29") != nil)
        #expect(throws: SegmentationError.self) { try BirthDate(month: 2, day: 29, year: 2023) }
        #expect(throws: SegmentationError.self) { try BirthDate(month: 4, day: 31) }
    }

    /// An instant one second before, at and one second after a UTC midnight, against a
    /// predicate naming the day that starts at that midnight.
    static let midnightCases: [(String, [TruthValue])] = [
        // offsets: -1 s (the day before), 0 s (the day itself), +1 s (the day itself)
        ("last_visit_date = '2026-09-06'", [.false, .true, .true]),
        ("last_visit_date != '2026-09-06'", [.true, .false, .false]),
        ("last_visit_date < '2026-09-06'", [.true, .false, .false]),
        ("last_visit_date <= '2026-09-06'", [.true, .true, .true]),
        ("last_visit_date > '2026-09-06'", [.false, .false, .false]),
        ("last_visit_date >= '2026-09-06'", [.false, .true, .true]),
        ("last_visit_date < -56d", [.true, .false, .false]),
        ("last_visit_date >= -56d", [.false, .true, .true]),
        ("last_visit_date BETWEEN -56d AND -56d", [.false, .true, .true]),
        ("last_visit_date IN ('2026-09-05', '2026-09-07')", [.true, .false, .false]),
        ("last_visit_date = DATE '2026-09-05'", [.true, .false, .false]),
    ]

    @Test("Instants one second around UTC midnight fall on the right day", arguments: midnightCases)
    func midnight(_ text: String, _ expected: [TruthValue]) throws {
        let midnight = instant(try day(2026, 9, 6))  // = peersNow - 56 days
        var results: [TruthValue] = []
        for offset in [-1.0, 0, 1] {
            var facts = try blankFacts()
            facts.lastVisitDate = midnight.addingTimeInterval(offset)
            results.append(try evaluate(text, facts, at: peersNow))
        }
        #expect(results == expected)
    }

    @Test("The evaluation instant one second around midnight moves today and every relative date")
    func evaluationInstantAroundMidnight() throws {
        var facts = try blankFacts()
        facts.lastVisitDate = instant(try day(2026, 10, 31), plus: 50_000)
        #expect(try evaluate("last_visit_date = today", facts, at: peersNow.addingTimeInterval(-1)) == .true)
        #expect(try evaluate("last_visit_date = today", facts, at: peersNow) == .false)
        #expect(try evaluate("last_visit_date = -1d", facts, at: peersNow) == .true)
        #expect(try evaluate("last_visit_date = -1d", facts, at: peersNow.addingTimeInterval(1)) == .true)
        #expect(try evaluate("last_visit_date = -1d", facts, at: peersNow.addingTimeInterval(-1)) == .false)
    }

    @Test("Instants before 1970 fall on the right day")
    func beforeEpoch() throws {
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: -1)) == (try day(1969, 12, 31)))
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: -86_400)) == (try day(1969, 12, 31)))
        #expect(UTCDay(utcDayOf: Date(timeIntervalSince1970: -86_401)) == (try day(1969, 12, 30)))
    }

    static let birthdayCases: [(month: Int, day: Int, today: (Int, Int, Int), expected: Int64)] = [
        (11, 1, (2026, 11, 1), 0),
        (11, 2, (2026, 11, 1), 1),
        (10, 31, (2026, 11, 1), 364),
        (10, 31, (2027, 11, 1), 365),  // the next 31 October is in leap year 2028
        (2, 29, (2026, 2, 27), 1),  // 28 February in a common year
        (2, 29, (2026, 2, 28), 0),
        (2, 29, (2026, 3, 1), 364),  // next: 2027-02-28
        (2, 29, (2027, 3, 1), 365),  // next: 2028-02-29
        (2, 29, (2028, 2, 28), 1),
        (2, 28, (2028, 2, 29), 365),
        (1, 1, (2026, 12, 31), 1),
        (12, 31, (2026, 1, 1), 364),
    ]

    @Test("days_until_birthday counts to the next birthday, 29 February on 28 February in common years",
        arguments: birthdayCases)
    func daysUntilBirthday(_ row: (month: Int, day: Int, today: (Int, Int, Int), expected: Int64)) throws {
        var facts = try blankFacts()
        facts.birthDate = try BirthDate(month: row.month, day: row.day)
        let today = try day(row.today.0, row.today.1, row.today.2)
        #expect(facts.daysUntilBirthday(from: today) == row.expected)
        let evaluator = try SegmentEvaluator("days_until_birthday = \(row.expected)", schema: try testSchema())
        #expect(evaluator.evaluate(facts, on: today) == .true)
    }

    @Test("Birthday this week: days_until_birthday BETWEEN 0 AND 6")
    func birthdayThisWeek() throws {
        let evaluator = try SegmentEvaluator("days_until_birthday BETWEEN 0 AND 6", schema: try testSchema())
        var facts = try blankFacts()
        facts.birthDate = try BirthDate(month: 11, day: 7, year: 1990)
        #expect(evaluator.evaluate(facts, at: peersNow) == .true)
        facts.birthDate = try BirthDate(month: 11, day: 8, year: 1990)
        #expect(evaluator.evaluate(facts, at: peersNow) == .false)
    }
}
