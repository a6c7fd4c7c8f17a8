import Foundation

/// Instants as whole milliseconds since 1970, so that hashing, journaling and window
/// arithmetic are exact.
enum Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest millisecond.
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite, value > Double(Int64.min / 2), value < Double(Int64.max / 2) else {
            return value < 0 ? Int64.min / 2 : Int64.max / 2
        }
        return Int64(value)
    }

    /// The date of a millisecond count.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `date` rounded to the nearest millisecond.
    static func normalized(_ date: Date) -> Date {
        self.date(milliseconds: milliseconds(date))
    }

    /// Milliseconds in `duration`, rounded toward zero.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? Int64.min / 2 : Int64.max / 2 }
        return product + attoseconds / 1_000_000_000_000_000
    }
}
