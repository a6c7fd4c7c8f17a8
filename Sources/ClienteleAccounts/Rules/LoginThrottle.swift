public import Foundation

/// The per-login-name throttling schedule: failed logins within a window earn a growing
/// delay before the next attempt is considered; the delay is capped, so nobody is ever
/// locked out for longer than ``maximumDelay`` after their last failure.
///
/// Defaults: the first 5 failures within 15 minutes cost nothing; the 6th imposes 1 s,
/// each further failure doubles it (2 s, 4 s, … 512 s), capped at 15 minutes. Attempts
/// during a delay are refused without checking the password and without counting, so an
/// attacker cannot extend a lock by hammering. The window restarts after 15 minutes
/// without failures; a successful login or a password reset clears it at once.
public struct LoginThrottle: Sendable, Hashable {
    /// Failures allowed within ``window`` before delays start.
    public var freeFailures: Int
    /// The delay after the first failure beyond ``freeFailures``.
    public var initialDelay: Duration
    /// The cap on any delay; the longest a customer can be kept from logging in.
    public var maximumDelay: Duration
    /// Failures older than this (since the latest one) are forgotten.
    public var window: Duration

    /// Creates a schedule. Negative values are treated as zero; `maximumDelay` is at most 1 hour.
    public init(
        freeFailures: Int = 5, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(15 * 60),
        window: Duration = .seconds(15 * 60)
    ) {
        self.freeFailures = max(freeFailures, 0)
        self.initialDelay = max(initialDelay, .zero)
        self.maximumDelay = min(max(maximumDelay, .zero), .seconds(3_600))
        self.window = max(window, .zero)
    }

    /// The delay imposed after the `failures`-th failure in a window.
    ///
    /// - Complexity: O(1).
    public func delay(afterFailures failures: Int) -> Duration {
        let excess = failures - freeFailures
        guard excess > 0 else { return .zero }
        let doublings = min(excess - 1, 40)
        let delay = initialDelay * (1 << doublings)
        return min(delay, maximumDelay)
    }

    /// When the next attempt may be made, or `nil` when it may be made at `now`.
    public func retryAfter(_ record: LoginThrottleRecord?, at now: Date) -> Date? {
        guard let record, isCurrent(record, at: now) else { return nil }
        let until = record.lastFailureAt.adding(delay(afterFailures: record.failures))
        return until > now ? until : nil
    }

    /// The record after one more failure at `now` (a stale record starts a new window).
    public func recordingFailure(_ record: LoginThrottleRecord?, key: String, at now: Date) -> LoginThrottleRecord {
        guard var record, isCurrent(record, at: now) else {
            return LoginThrottleRecord(key: key, failures: 1, firstFailureAt: now, lastFailureAt: now, revision: record?.revision ?? 0)
        }
        record.failures += 1
        record.lastFailureAt = now
        return record
    }

    /// True while `record` still counts: its latest failure is within ``window`` of `now`
    /// or its delay has not yet run out.
    public func isCurrent(_ record: LoginThrottleRecord, at now: Date) -> Bool {
        let horizon = max(window, delay(afterFailures: record.failures))
        return now < record.lastFailureAt.adding(horizon)
    }
}

extension Date {
    /// `self` moved by a duration.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
