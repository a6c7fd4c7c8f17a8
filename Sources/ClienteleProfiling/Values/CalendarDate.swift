public import Foundation

/// A day in the proleptic Gregorian calendar, without a time or time zone: what a
/// customer means by a birth date.
///
/// Any year, month and day can be held (a form may send `2026-02-30`); ``isValid`` says
/// whether the day exists, and ``AnswerValidation`` refuses one that does not.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable {
    /// The year, such as 1990.
    public var year: Int
    /// The month, 1–12 when valid.
    public var month: Int
    /// The day of the month, 1–31 when valid.
    public var day: Int

    /// Creates a date from its parts, valid or not (see ``isValid``).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ISO 8601, four-digit year), or returns `nil` for other text or
    /// a day that does not exist (`2026-02-30`).
    public init?(iso8601 text: String) {
        guard let (year, month, day) = CivilCalendar.parseISO8601(text) else { return nil }
        self.init(year: year, month: month, day: day)
        guard isValid else { return nil }
    }

    /// True when the day exists: month 1–12, day 1 to the month's length (leap years counted).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= Self.daysIn(month: month, year: year)
    }

    /// `YYYY-MM-DD`.
    public var iso8601: String { CivilCalendar.iso8601(year: year, month: month, day: day) }

    /// The day `instant` falls on in UTC.
    public init(utcDayOf instant: Date) {
        let days = Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
        self = Self.civil(fromDaysSinceEpoch: days)
    }

    /// The same day `years` years later (earlier for a negative count); 29 February becomes
    /// 28 February in a year that is not a leap year.
    public func adding(years: Int) -> CalendarDate {
        let target = year + years
        return CalendarDate(year: target, month: month, day: min(day, Self.daysIn(month: month, year: target)))
    }

    /// Orders dates by year, month, day.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        CivilCalendar.daysIn(month: month, year: year)
    }

    static func civil(fromDaysSinceEpoch days: Int) -> CalendarDate {
        let (year, month, day) = CivilCalendar.parts(daysSinceEpoch: Int64(days))
        return CalendarDate(year: year, month: month, day: day)
    }
}
