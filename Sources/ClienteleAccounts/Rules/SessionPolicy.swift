public import Foundation

/// How long sessions live. A session ends at the first of: ``idleTimeout`` after its last
/// use, ``absoluteLifetime`` after login, a revocation, a password change, suspension or closure.
public struct SessionPolicy: Sendable, Hashable {
    /// A session unused for this long has ended. Default 24 hours.
    public var idleTimeout: Duration
    /// A session ends this long after login, however much it is used. Default 30 days.
    public var absoluteLifetime: Duration
    /// The last-use time is written at most this often, to spare the store. Default 5 minutes.
    public var touchInterval: Duration
    /// Live sessions kept per customer; a new login beyond it ends the least recently used. Default 20.
    public var maximumSessionsPerCustomer: Int

    /// Creates a policy.
    public init(
        idleTimeout: Duration = .seconds(24 * 3_600), absoluteLifetime: Duration = .seconds(30 * 24 * 3_600),
        touchInterval: Duration = .seconds(300), maximumSessionsPerCustomer: Int = 20
    ) {
        self.idleTimeout = max(idleTimeout, .seconds(1))
        self.absoluteLifetime = max(absoluteLifetime, .seconds(1))
        self.touchInterval = max(touchInterval, .zero)
        self.maximumSessionsPerCustomer = max(maximumSessionsPerCustomer, 1)
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
