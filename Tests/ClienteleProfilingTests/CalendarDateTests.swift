import ClienteleProfiling
import Foundation
import Testing

/// Calendar dates: which days exist, ISO 8601 text, the UTC day of an instant and adding years.
@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-02-28", "2024-02-29", "2000-02-29", "1900-01-01", "0001-12-31"])
    func existingDaysParseAndPrintBack(text: String) throws {
        let date = try #require(CalendarDate(iso8601: text))
        #expect(date.isValid)
        #expect(date.iso8601 == text)
    }

    @Test(arguments: ["2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-1", "26-01-01", "2026/01/01", "", "2026-01-0x"])
    func daysThatDoNotExistOrOtherTextAreRefused(text: String) {
        #expect(CalendarDate(iso8601: text) == nil)
    }

    @Test func theUTCDayOfAnInstant() {
        #expect(CalendarDate(utcDayOf: Fixture.now) == CalendarDate(year: 2026, month: 3, day: 1))
        #expect(CalendarDate(utcDayOf: Date(timeIntervalSince1970: 0)) == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(CalendarDate(utcDayOf: Date(timeIntervalSince1970: -1)) == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(CalendarDate(utcDayOf: Date(timeIntervalSince1970: 951_782_400)) == CalendarDate(year: 2000, month: 2, day: 29))
    }

    @Test func addingYearsKeepsTheDayOrFallsBackFromALeapDay() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29).adding(years: -16) == CalendarDate(year: 2008, month: 2, day: 29))
        #expect(CalendarDate(year: 2024, month: 2, day: 29).adding(years: 1) == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(CalendarDate(year: 2026, month: 3, day: 1).adding(years: -16) == CalendarDate(year: 2010, month: 3, day: 1))
    }

    @Test func datesOrderByYearMonthDay() {
        #expect(CalendarDate(year: 1990, month: 12, day: 31) < CalendarDate(year: 1991, month: 1, day: 1))
        #expect(CalendarDate(year: 1991, month: 1, day: 2) > CalendarDate(year: 1991, month: 1, day: 1))
    }
}
