public import Foundation

/// A daily stretch of local time in which no (non-service) message goes out, such as
/// "no SMS between 21:00 and 08:00 Amsterdam time" or "no marketing on Sunday".
///
/// The period is `[start, end)` in minutes after local midnight; when `start > end` it
/// runs past midnight; `start == end` covers the whole day. ``weekdays`` (Gregorian, 1 =
/// Sunday … 7 = Saturday) filters on the local weekday of the instant.
public struct QuietPeriod: Hashable, Sendable, Codable {
    /// A name for reports, such as `evening-sms`.
    public var name: String
    /// The channels it silences; empty for every channel.
    public var channels: Set<ContactChannel>
    /// Minutes after local midnight the period starts (0–1439).
    public var startMinute: Int
    /// Minutes after local midnight the period ends, exclusive (0–1439).
    public var endMinute: Int
    /// The local weekdays it applies on (1 = Sunday … 7 = Saturday); empty for every day.
    public var weekdays: Set<Int>
    /// The time zone the times are in.
    public var timeZone: TimeZone

    /// Creates a quiet period.
    public init(
        name: String, channels: Set<ContactChannel> = [], startMinute: Int, endMinute: Int, weekdays: Set<Int> = [],
        timeZone: TimeZone
    ) {
        self.name = name
        self.channels = channels
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.weekdays = weekdays
        self.timeZone = timeZone
    }

    /// True when the period silences `channel` at `instant`.
    public func contains(_ instant: Date, channel: ContactChannel) -> Bool {
        guard channels.isEmpty || channels.contains(channel) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .weekday], from: instant)
        guard let hour = parts.hour, let minute = parts.minute, let weekday = parts.weekday else { return false }
        if !weekdays.isEmpty && !weekdays.contains(weekday) { return false }
        let local = hour * 60 + minute
        if startMinute == endMinute { return true }
        if startMinute < endMinute { return local >= startMinute && local < endMinute }
        return local >= startMinute || local < endMinute
    }
}
