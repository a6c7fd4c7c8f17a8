public import Foundation

/// The one precision of every instant Clientele stores: whole milliseconds since
/// 1970-01-01T00:00:00Z.
///
/// Services normalize an instant when they read the clock (``WallClock/storedNow()``), and
/// every stored value type keeps that precision, so a record read back from any store equals
/// the one written. Milliseconds are what an adapter must keep exactly: PostgreSQL
/// `timestamptz` (microseconds) and an SQLite `INTEGER` column of milliseconds hold them
/// without loss; a column of whole seconds, or a `REAL` of seconds, does not. Consent's hash
/// chain encodes instants as these milliseconds, so the precision is part of its stored
/// format and does not change.
///
/// ```swift
/// let now = clock.storedNow()                       // already whole milliseconds
/// let column = StoredInstant.milliseconds(now)      // Int64 for an INTEGER column
/// let back = StoredInstant.date(milliseconds: column)
/// assert(back == now)
/// ```
public enum StoredInstant {
    /// The largest millisecond count kept: `Int64.max / 2`; beyond it (and below its
    /// negation) a count is clamped, so arithmetic on two counts cannot overflow.
    public static let limit: Int64 = Int64.max / 2

    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest millisecond and
    /// clamped to ±``limit`` (a non-finite date clamps by its sign).
    public static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite, value > Double(-limit), value < Double(limit) else {
            return value < 0 ? Int64.min / 2 : limit
        }
        return Int64(value)
    }

    /// The date of a millisecond count since 1970-01-01T00:00:00Z.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `date` rounded to the nearest millisecond: the form every stored instant has.
    public static func normalized(_ date: Date) -> Date {
        self.date(milliseconds: milliseconds(date))
    }

    /// True when `date` is already whole milliseconds (``normalized(_:)`` leaves it as it is).
    public static func isNormalized(_ date: Date) -> Bool {
        normalized(date) == date
    }

    /// Milliseconds in `duration`, rounded toward zero and clamped to ±``limit``.
    public static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? Int64.min / 2 : limit }
        return product + attoseconds / 1_000_000_000_000_000
    }
}

extension WallClock {
    /// The current instant at the stored precision: ``now()`` rounded to whole milliseconds
    /// by ``StoredInstant/normalized(_:)``. Services read the clock through this, so every
    /// instant they store round-trips through any conforming store unchanged.
    public func storedNow() -> Date {
        StoredInstant.normalized(now())
    }
}

extension Date {
    /// `self` moved by a duration (sessions, throttles, retention periods).
    package func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
