public import Foundation

/// A day of the proleptic Gregorian calendar in UTC, counted from 1970-01-01.
///
/// Segment queries compare date attributes at UTC-day granularity: every instant falls on
/// one `UTCDay`, and date literals and relative dates name one. Arithmetic is integer
/// only (no `Calendar`, no time zones):
///
/// ```swift
/// let day = try UTCDay(year: 2026, month: 3, day: 31)
/// day.adding(months: -1)   // 2026-02-28: clamped to the end of the shorter month
/// try UTCDay(year: 2024, month: 2, day: 29).adding(years: -1)   // 2023-02-28
/// ```
public struct UTCDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64

    /// Creates a day from its count since 1970-01-01.
    @inlinable
    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// The UTC day an instant falls on (an instant exactly at midnight starts its day).
    ///
    /// Instants beyond ±10¹⁵ days are clamped to that bound, and a NaN instant is taken as
    /// 1970-01-01, so no `Date` can trap.
    @inlinable
    public init(utcDayOf instant: Date) {
        let days = (instant.timeIntervalSince1970 / 86_400).rounded(.down)
        guard !days.isNaN else {
            self.daysSinceEpoch = 0
            return
        }
        self.daysSinceEpoch = Int64(Swift.max(-1e15, Swift.min(1e15, days)))
    }

    /// The day with this year, month (1–12) and day of the month.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidDate`` when the day does not exist
    ///   (`2026-02-30`) or the year is outside 1–9999.
    public init(year: Int, month: Int, day: Int) throws(SegmentationError) {
        guard let value = UTCDay(validYear: year, month: month, day: day) else {
            throw SegmentationError(
                .invalidDate, "The day does not exist; use a year 1-9999, a month 1-12 and a day within the month.",
                context: ErrorContext(field: "day"))
        }
        self = value
    }

    /// The day, or nil when it does not exist or the year is outside 1–9999.
    init?(validYear year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= UTCDay.daysIn(month: month, year: year)
        else { return nil }
        self.init(daysSinceEpoch: UTCDay.days(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD` (four-digit year), or returns nil for other text or a day that
    /// does not exist.
    public init?(iso8601 text: String) {
        guard let (year, month, day) = CivilCalendar.parseISO8601(text), let value = UTCDay(validYear: year, month: month, day: day)
        else { return nil }
        self = value
    }

    /// The year, month and day of the month.
    public var parts: (year: Int, month: Int, day: Int) {
        CivilCalendar.parts(daysSinceEpoch: daysSinceEpoch)
    }

    /// The instant the day starts: 00:00:00 UTC.
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    /// The day `count` days later (earlier when negative).
    @inlinable
    public func adding(days count: Int64) -> UTCDay { UTCDay(daysSinceEpoch: daysSinceEpoch + count) }

    /// The same day of the month `count` months later (earlier when negative), clamped to
    /// the last day of a shorter month: 2026-03-31 minus one month is 2026-02-28.
    public func adding(months count: Int) -> UTCDay {
        let (year, month, day) = parts
        let index = year * 12 + (month - 1) + count
        let targetYear = index >= 0 ? index / 12 : (index - 11) / 12
        let targetMonth = index - targetYear * 12 + 1
        let targetDay = min(day, UTCDay.daysIn(month: targetMonth, year: targetYear))
        return UTCDay(daysSinceEpoch: UTCDay.days(year: targetYear, month: targetMonth, day: targetDay))
    }

    /// The same day `count` years later (earlier when negative); 29 February becomes
    /// 28 February in a common year.
    public func adding(years count: Int) -> UTCDay { adding(months: count * 12) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = parts
        return CivilCalendar.iso8601(year: year, month: month, day: day)
    }

    /// Earlier days first.
    @inlinable
    public static func < (lhs: UTCDay, rhs: UTCDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// True for a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { CivilCalendar.isLeap(year) }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int { CivilCalendar.daysIn(month: month, year: year) }

    /// Days since 1970-01-01 of a day given by its parts.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
    }
}
