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
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let value = UTCDay(validYear: year, month: month, day: day)
        else { return nil }
        self = value
    }

    /// The year, month and day of the month.
    public var parts: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
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
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Earlier days first.
    @inlinable
    public static func < (lhs: UTCDay, rhs: UTCDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// True for a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
