public import Foundation

/// How long sessions live. A session ends at the first of: ``idleTimeout`` after its last
/// use, ``absoluteLifetime`` after login, a revocation, a password change, suspension or closure.
public struct SessionPolicy: Sendable, Hashable {
    /// A session unused for this long has ended. Default 24 hours, at least 1 second.
    public let idleTimeout: Duration
    /// A session ends this long after login, however much it is used. Default 30 days, at least 1 second.
    public let absoluteLifetime: Duration
    /// The last-use time is written at most this often, to spare the store. Default 5 minutes, at least 0.
    public let touchInterval: Duration
    /// Live sessions kept per customer; a new login beyond it ends the least recently used. Default 20, at least 1.
    public let maximumSessionsPerCustomer: Int

    /// Creates the default policy.
    public init() {
        self.idleTimeout = .seconds(24 * 3_600)
        self.absoluteLifetime = .seconds(30 * 24 * 3_600)
        self.touchInterval = .seconds(300)
        self.maximumSessionsPerCustomer = 20
    }

    /// Creates a policy, checking every value against its documented range.
    ///
    /// - Throws: ``AccountErrorCode/invalidConfiguration`` with `context.field` naming the
    ///   first value out of range. Nothing is adjusted.
    public init(
        idleTimeout: Duration = .seconds(24 * 3_600), absoluteLifetime: Duration = .seconds(30 * 24 * 3_600),
        touchInterval: Duration = .seconds(300), maximumSessionsPerCustomer: Int = 20
    ) throws(AccountError) {
        guard idleTimeout >= .seconds(1) else {
            throw AccountError.invalidConfiguration("idleTimeout", "The idle timeout must be at least 1 second.")
        }
        guard absoluteLifetime >= .seconds(1) else {
            throw AccountError.invalidConfiguration("absoluteLifetime", "The session lifetime must be at least 1 second.")
        }
        guard touchInterval >= .zero else {
            throw AccountError.invalidConfiguration("touchInterval", "The touch interval cannot be negative.")
        }
        guard maximumSessionsPerCustomer >= 1 else {
            throw AccountError.invalidConfiguration(
                "maximumSessionsPerCustomer", "At least one session per customer is needed.")
        }
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.touchInterval = touchInterval
        self.maximumSessionsPerCustomer = maximumSessionsPerCustomer
    }

    /// True while `session` is alive at `now`.
    public func isAlive(_ session: Session, at now: Date) -> Bool {
        now < session.lastUsedAt.adding(idleTimeout) && now < absoluteExpiry(of: session)
    }

    /// When `session` ends at the latest.
    public func absoluteExpiry(of session: Session) -> Date {
        session.createdAt.adding(absoluteLifetime)
    }

    /// True when the last-use time should be written at `now`.
    public func needsTouch(_ session: Session, at now: Date) -> Bool {
        now >= session.lastUsedAt.adding(touchInterval)
    }

    /// `sessions` without the dead ones and, beyond the maximum, the least recently used.
    public func pruned(_ sessions: [Session], at now: Date, keeping room: Int = 0) -> [Session] {
        var alive = sessions.filter { isAlive($0, at: now) }
        let limit = max(maximumSessionsPerCustomer - room, 0)
        if alive.count > limit {
            alive.sort { $0.lastUsedAt > $1.lastUsedAt }
            alive = Array(alive.prefix(limit))
        }
        return alive
    }
}
