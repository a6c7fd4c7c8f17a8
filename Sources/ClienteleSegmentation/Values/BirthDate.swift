/// A customer's birthday: month and day, with the year when known.
///
/// It feeds `days_until_birthday`. A 29 February birthday is celebrated on 28 February in
/// a common year.
public struct BirthDate: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int
    /// The year of birth, when known.
    public let year: Int?

    /// Creates a birth date.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidDate`` when the day does not exist (29
    ///   February is accepted without a year or in a leap year).
    public init(month: Int, day: Int, year: Int? = nil) throws(SegmentationError) {
        let lengthYear = year ?? 2000
        guard (1...12).contains(month), day >= 1, day <= UTCDay.daysIn(month: month, year: lengthYear),
            year.map({ (1...9999).contains($0) }) ?? true
        else {
            throw SegmentationError(
                .invalidDate, "The birth date does not exist; use a month 1-12 and a day within the month.",
                context: ErrorContext(field: "birthDate"))
        }
        self.month = month
        self.day = day
        self.year = year
    }

    /// The number of days from `today` to the next birthday on or after it: 0 on the
    /// birthday itself, at most 365. A 29 February birthday falls on 28 February in a
    /// common year.
    public func daysUntilNext(from today: UTCDay) -> Int64 {
        let year = today.parts.year
        var next = occurrence(in: year)
        if next < today { next = occurrence(in: year + 1) }
        return next.daysSinceEpoch - today.daysSinceEpoch
    }

    /// The day of the birthday in `year`.
    func occurrence(in year: Int) -> UTCDay {
        let clamped = min(day, UTCDay.daysIn(month: month, year: year))
        return UTCDay(daysSinceEpoch: UTCDay.days(year: year, month: month, day: clamped))
    }

    /// `BirthDate(<redacted>)`: a birth date is personal data.
    public var description: String { "BirthDate(\(Redacted.text))" }
    /// As redacted as ``description``.
    public var debugDescription: String { description }
    /// Shows no part of the date.
    public var customMirror: Mirror { Mirror(self, children: ["value": Redacted.text]) }
}
