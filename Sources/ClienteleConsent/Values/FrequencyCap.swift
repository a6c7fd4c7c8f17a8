/// At most ``limit`` messages in any rolling ``window``, counted over the sends that match
/// the cap's filters (channel, purpose, category; `nil` matches all).
///
/// The window is **half-open on the left**: a decision at instant `t` counts the sends at
/// `s` with `t − window < s ≤ t`. A send exactly one window ago no longer counts, so with
/// "1 per 24 h" a message sent at 10:00 allows the next one at 10:00 the next day.
/// Instants are compared in whole milliseconds. Service messages never count and are never capped.
public struct FrequencyCap: Hashable, Sendable, Codable {
    /// Only sends on this channel count, and only decisions on it are capped; `nil` for every channel.
    public var channel: ContactChannel?
    /// Only this purpose; `nil` for every purpose.
    public var purpose: PurposeID?
    /// Only this category; `nil` for every category.
    public var category: PurposeCategory?
    /// The most messages allowed in a window (0 forbids the matching messages entirely).
    public var limit: Int
    /// The length of the rolling window.
    public var window: Duration

    /// Creates a cap.
    ///
    /// ```swift
    /// FrequencyCap(channel: .email, limit: 3, window: .seconds(7 * 86_400))  // 3 mails a week
    /// FrequencyCap(purpose: "newsletter", limit: 1, window: .seconds(86_400))
    /// ```
    public init(
        channel: ContactChannel? = nil, purpose: PurposeID? = nil, category: PurposeCategory? = nil, limit: Int,
        window: Duration
    ) {
        self.channel = channel
        self.purpose = purpose
        self.category = category
        self.limit = limit
        self.window = window
    }

    /// True when a message on `channel` for `purpose` in `category` falls under this cap.
    public func matches(channel: ContactChannel, purpose: PurposeID?, category: PurposeCategory) -> Bool {
        (self.channel == nil || self.channel == channel)
            && (self.purpose == nil || self.purpose == purpose)
            && (self.category == nil || self.category == category)
    }
}
