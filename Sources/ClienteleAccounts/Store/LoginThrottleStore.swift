public import Foundation

/// Where failed-login records live, one per ``LoginThrottleKey``, under optimistic
/// concurrency. Part of ``AccountStore``; its contract is written there.
public protocol LoginThrottleStore: Sendable {
    /// The failed-login record of a login name, or `nil`.
    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord?

    /// Saves a failed-login record if its stored revision is `expectedRevision` (0: none
    /// stored yet); returns it as stored.
    ///
    /// - Throws: ``AccountErrorCode/conflict``.
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord

    /// Forgets the failed logins of a login name.
    func removeLoginThrottle(key: LoginThrottleKey) async throws

    /// Forgets every failed-login record whose latest failure is before `instant`.
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws
}
