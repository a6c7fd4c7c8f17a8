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
    /// Failures allowed within ``window`` before delays start. Default 5, at least 0.
    public let freeFailures: Int
    /// The delay after the first failure beyond ``freeFailures``. Default 1 second, at least 0.
    public let initialDelay: Duration
    /// The cap on any delay; the longest a customer can be kept from logging in. Default
    /// 15 minutes; 0 to ``longestDelay`` (1 hour).
    public let maximumDelay: Duration
    /// Failures older than this (since the latest one) are forgotten. Default 15 minutes, at least 0.
    public let window: Duration

    /// The highest ``maximumDelay`` accepted.
    public static let longestDelay = Duration.seconds(3_600)

    /// Creates the default schedule.
    public init() {
        self.freeFailures = 5
        self.initialDelay = .seconds(1)
        self.maximumDelay = .seconds(15 * 60)
        self.window = .seconds(15 * 60)
    }

    /// Creates a schedule, checking every value against its documented range.
    ///
    /// - Throws: ``AccountErrorCode/invalidConfiguration`` with `context.field` naming the
    ///   first value out of range (a negative value, or a `maximumDelay` over
    ///   ``longestDelay``). Nothing is adjusted.
    public init(
        freeFailures: Int = 5, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(15 * 60),
        window: Duration = .seconds(15 * 60)
    ) throws(AccountError) {
        guard freeFailures >= 0 else {
            throw AccountError.invalidConfiguration("freeFailures", "The number of free failures cannot be negative.")
        }
        guard initialDelay >= .zero else {
            throw AccountError.invalidConfiguration("initialDelay", "The initial delay cannot be negative.")
        }
        guard maximumDelay >= .zero, maximumDelay <= Self.longestDelay else {
            throw AccountError.invalidConfiguration("maximumDelay", "The maximum delay must be between 0 and 60 minutes.")
        }
        guard window >= .zero else {
            throw AccountError.invalidConfiguration("window", "The failure window cannot be negative.")
        }
        self.freeFailures = freeFailures
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.window = window
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
    public func recordingFailure(_ record: LoginThrottleRecord?, key: LoginThrottleKey, at now: Date) -> LoginThrottleRecord {
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
