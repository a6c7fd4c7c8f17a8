import Foundation

/// The accounts API a host calls: registration, guest checkout and its conversion,
/// activation, login, sessions, one-time tokens, e-mail change, addresses, groups and orders.
///
/// Everything is injected; nothing is global:
///
/// ```swift
/// let accounts = AccountService(
///     store: ReferenceAccountStore.inMemory(),
///     configuration: AccountConfiguration(activation: .verifyEmail))
/// let registration = try await accounts.register(email: "jan@example.nl", password: "correct horse battery")
/// ```
///
/// Every method reads the clock once and passes the instant to the rules. Writes use the
/// store's optimistic concurrency and, on a conflict, re-read and re-check everything
/// against the fresh record, up to ``AccountConfiguration/maximumConflictAttempts`` times
/// (the one policy, `ConflictRetry`); then the conflict is thrown.
public struct AccountService: Sendable {
    /// Where accounts live.
    public let store: any AccountStore
    /// The source of "now".
    public let clock: any WallClock
    /// Makes customer, session and address identifiers.
    public let ids: IDGenerator
    /// Receives account events (registered, activated, …), when given.
    public let events: EventBroadcaster?
    /// The shop's settings.
    public let configuration: AccountConfiguration
    /// Hashes and verifies passwords.
    public let hasher: any PasswordHasher

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - store: Where accounts live.
    ///   - clock: The source of "now"; a `ManualClock` in tests.
    ///   - ids: Identifier generator; `.incrementing()` in tests.
    ///   - events: Where to announce account events, if anywhere.
    ///   - configuration: The shop's settings, checked when they were made.
    ///   - hasher: The password hasher; PBKDF2-HMAC-SHA256 with 600,000 iterations by default.
    public init(
        store: any AccountStore,
        clock: any WallClock = SystemClock(),
        ids: IDGenerator = .random,
        events: EventBroadcaster? = nil,
        configuration: AccountConfiguration = .init(),
        hasher: any PasswordHasher = PBKDF2PasswordHasher()
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.events = events
        self.configuration = configuration
        self.hasher = hasher
    }

    /// A customer by identifier, or `nil`.
    public func customer(_ id: CustomerID) async throws -> Customer? {
        try await store.record(id)?.customer
    }

    /// The account whose login is `email`, or `nil` (guests are not returned).
    ///
    /// - Throws: ``AccountErrorCode/invalidEmail`` when `email` is not an address.
    public func account(email: String) async throws -> Customer? {
        try await store.account(emailKey: try Self.parseEmail(email).uniquenessKey)?.customer
    }

    // MARK: Shared steps

    /// Parses an e-mail address into the module's error type.
    static func parseEmail(_ text: String, field: String = "email") throws(AccountError) -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw AccountError(
                .invalidEmail, "Enter an e-mail address such as name@example.nl.", context: ErrorContext(field: field),
                underlying: error)
        }
    }

    /// Reads a record or throws ``AccountErrorCode/customerNotFound``.
    func existingRecord(_ id: CustomerID) async throws -> AccountRecord {
        guard let record = try await store.record(id) else { throw Self.notFound(id) }
        return record
    }

    static func notFound(_ id: CustomerID) -> AccountError {
        AccountError(.customerNotFound, "No customer with this ID exists.", context: ErrorContext(item: id.rawValue))
    }

    static func invalidToken() -> AccountError {
        AccountError(
            .invalidToken, "This link is invalid or has expired; request a new one.", context: ErrorContext(field: "token"))
    }

    /// Read-modify-write of one record, retried on conflict through `ConflictRetry` up to
    /// ``AccountConfiguration/maximumConflictAttempts`` times. `body` runs against a fresh
    /// copy each attempt (with dead sessions and expired tokens already dropped) and may
    /// throw to abandon the change.
    @discardableResult
    func modify<Result>(
        _ id: CustomerID,
        _ body: (inout AccountRecord, Date) throws(AccountError) -> Result
    ) async throws -> (record: AccountRecord, result: Result) {
        try await retryingConflicts {
            let current = try await existingRecord(id)
            let now = clock.storedNow()
            var next = current
            next.sessions = configuration.sessions.pruned(next.sessions, at: now)
            next.tokens.removeAll { $0.expiresAt <= now }
            let result = try body(&next, now)
            let stored = try await store.update(next, expectedRevision: current.revision)
            return (stored, result)
        }
    }

    /// Runs one read-decide-write step, again while the store answers
    /// ``AccountErrorCode/conflict``, at most ``AccountConfiguration/maximumConflictAttempts`` times.
    func retryingConflicts<Result>(_ attempt: () async throws -> Result) async throws -> Result {
        try await ConflictRetry.run(
            maximumAttempts: configuration.maximumConflictAttempts,
            isConflict: { ($0 as? AccountError)?.code == .conflict },
            attempt)
    }

    /// Adds a one-time token to `record`, dropping the oldest of its purpose beyond the maximum.
    func issueToken(
        _ purpose: TokenPurpose, in record: inout AccountRecord, at now: Date, newEmail: EmailAddress? = nil
    ) -> OneTimeToken {
        let secret = TokenSecret.make()
        let expiresAt = StoredInstant.normalized(now.adding(configuration.lifetime(of: purpose)))
        let samePurpose = record.tokens.filter { $0.purpose == purpose }
        if samePurpose.count >= configuration.maximumTokensPerPurpose {
            let dropped = Set(samePurpose.sorted { $0.issuedAt < $1.issuedAt }
                .prefix(samePurpose.count - configuration.maximumTokensPerPurpose + 1).map(\.digest))
            record.tokens.removeAll { dropped.contains($0.digest) }
        }
        record.tokens.append(
            StoredToken(digest: secret.digest, purpose: purpose, issuedAt: now, expiresAt: expiresAt, newEmail: newEmail))
        return OneTimeToken(value: secret.text, purpose: purpose, customer: record.customer.id, expiresAt: expiresAt)
    }

    /// Removes and returns the live token with `digest` and `purpose` from `record`.
    ///
    /// - Throws: ``AccountErrorCode/invalidToken`` when absent, expired or for another purpose.
    func takeToken(
        _ digest: Digest256, purpose: TokenPurpose, from record: inout AccountRecord, at now: Date
    ) throws(AccountError) -> StoredToken {
        guard let index = record.tokens.firstIndex(where: { $0.digest == digest }),
            record.tokens[index].purpose == purpose, now < record.tokens[index].expiresAt
        else { throw Self.invalidToken() }
        return record.tokens.remove(at: index)
    }

    /// The record holding a token, checked against the expected customer (when given).
    ///
    /// - Throws: ``AccountErrorCode/invalidToken`` for malformed, unknown or foreign tokens.
    func recordHolding(token text: String, for customer: CustomerID?) async throws -> (record: AccountRecord, digest: Digest256) {
        guard let digest = TokenSecret.digest(of: text), let record = try await store.record(tokenDigest: digest),
            customer == nil || record.customer.id == customer
        else { throw Self.invalidToken() }
        return (record, digest)
    }

    /// Appends a status change to the log after checking the transition.
    static func change(
        _ record: inout AccountRecord, to status: AccountStatus, at now: Date, reason: String?, actor: String
    ) throws(AccountError) {
        let from = record.customer.status
        guard from.canChange(to: status) else {
            throw AccountError(
                .forbiddenTransition, "An account that is \(from.rawValue) cannot become \(status.rawValue).",
                context: ErrorContext(field: "status", item: record.customer.id.rawValue))
        }
        record.customer.status = status
        record.customer.statusLog.append(StatusChange(from: from, to: status, at: now, reason: reason, actor: actor))
        if status == .suspended || status == .closed || status == .rejected {
            record.sessions = []
        }
        if status == .closed || status == .rejected {
            record.tokens = []
        }
    }

    /// Erases a customer (GDPR erasure): the record with its sessions and tokens (so every
    /// login and link of the customer stops working), its orders and the failed-login
    /// records under its addresses, through ``AccountStore/erase(customer:)``; announces
    /// `accounts.erased`. Erasing an unknown or already erased customer succeeds.
    ///
    /// Suppress the address with the consent module first, while it is still known
    /// (`ConsentService.erase(customer:emailKey:)` does that).
    public func erase(customer: CustomerID) async throws {
        try await store.erase(customer: customer)
        emit("erased", customer, at: clock.storedNow())
    }

    func emit(_ name: String, _ customer: CustomerID, at now: Date, _ attributes: [String: String] = [:]) {
        events?.emit(ClienteleEvent(name: "accounts.\(name)", customer: customer, at: now, attributes: attributes))
    }
}
