import Foundation

extension AccountService {
    /// Logs a customer in and starts a new session.
    ///
    /// Fails with one uniform ``AccountErrorCode/invalidCredentials`` for an unknown
    /// address, a wrong password and an account that is not active; each of these costs
    /// exactly one password verification (an unknown address is checked against a decoy
    /// hash), so neither the answer nor its timing tells which addresses have accounts.
    /// Failures count per login name (``LoginThrottle``); while a delay runs the call
    /// fails with ``AccountErrorCode/loginThrottled`` and ``ClienteleError/retryAfter``,
    /// without checking the password. A hash with outdated parameters is replaced.
    ///
    /// A password over ``PasswordPolicy/maximumLength``, or whose raw input is over
    /// ``Password/maximumInputByteCount`` UTF-8 bytes (then not even normalized), fails as
    /// ``AccountErrorCode/invalidCredentials`` without being hashed, whether the address
    /// has an account or not: no password that long was ever stored, and the answer and
    /// its cost are the same for every address.
    ///
    /// - Parameters:
    ///   - email: The login name as typed.
    ///   - password: The password as typed.
    ///   - previousToken: The session token the browser still has, if any: it is revoked,
    ///     so every login gets a new token.
    /// - Returns: The new session and its token.
    public func login(email: String, password: String, replacing previousToken: String? = nil) async throws -> LoginSession {
        let now = clock.storedNow()
        let typed = Password(password)
        // Over-long input cannot match (the policy never stored one) and is not hashed.
        let withinLimits = !typed.exceedsInputLimit && typed.length <= configuration.passwordPolicy.maximumLength
        guard let address = try? EmailAddress(parsing: email) else {
            if withinLimits { _ = try? hasher.verify(typed, against: hasher.decoyHash()) }
            throw Self.invalidCredentials()
        }
        let key = LoginThrottleKey(address)
        if let until = configuration.throttle.retryAfter(try await store.loginThrottle(key: key), at: now) {
            throw AccountError(
                .loginThrottled, "Too many failed logins; try again later or reset the password.",
                context: ErrorContext(field: "email"), underlying: LoginRetryAfter(instant: until))
        }
        let record = try await store.account(emailKey: address.uniquenessKey)
        let storedHash = record?.credentials?.passwordHash
        var matches = false
        if withinLimits {
            matches = try hasher.verify(typed, against: storedHash ?? hasher.decoyHash()) && storedHash != nil
        }
        guard matches, let record, let storedHash, record.customer.status == .active else {
            try await recordLoginFailure(key: key, at: now)
            throw Self.invalidCredentials()
        }
        let rehashed = hasher.needsRehash(storedHash) ? try hasher.hash(typed) : nil
        let previousDigest = previousToken.flatMap(TokenSecret.digest(of:))
        let secret = TokenSecret.make()
        let session = Session(id: SessionID(using: ids), digest: secret.digest, createdAt: now, lastUsedAt: now)
        let stored = try await modify(record.customer.id) { (next, _) throws(AccountError) in
            guard next.customer.status == .active, next.credentials?.passwordHash == storedHash else {
                throw Self.invalidCredentials()
            }
            if let rehashed { next.credentials?.passwordHash = rehashed }
            if let previousDigest { next.sessions.removeAll { $0.digest == previousDigest } }
            next.sessions = configuration.sessions.pruned(next.sessions, at: now, keeping: 1)
            next.sessions.append(session)
        }.record
        try await clearLoginThrottle(key: key)
        emit("loggedIn", record.customer.id, at: now)
        return LoginSession(
            token: secret.text, session: session, customer: stored.customer,
            absoluteExpiry: configuration.sessions.absoluteExpiry(of: session))
    }

    /// Resumes a session from its token: the host calls this on every request.
    ///
    /// - Throws: ``AccountErrorCode/invalidToken`` when the token is unknown, revoked,
    ///   idle too long, past its absolute lifetime, or its account is no longer active.
    public func resumeSession(token: String) async throws -> ActiveSession {
        let now = clock.storedNow()
        guard let digest = TokenSecret.digest(of: token), let record = try await store.record(sessionDigest: digest),
            let session = record.sessions.first(where: { $0.digest == digest }),
            record.customer.status == .active, configuration.sessions.isAlive(session, at: now)
        else { throw Self.invalidToken() }
        guard configuration.sessions.needsTouch(session, at: now) else {
            return ActiveSession(session: session, customer: record.customer)
        }
        let touched = try await modify(record.customer.id) { (next, now) throws(AccountError) -> Session in
            guard let index = next.sessions.firstIndex(where: { $0.digest == digest }) else { throw Self.invalidToken() }
            next.sessions[index].lastUsedAt = now
            return next.sessions[index]
        }
        return ActiveSession(session: touched.result, customer: touched.record.customer)
    }

    /// The live sessions of a customer, most recently used first.
    public func sessions(of customer: CustomerID) async throws -> [Session] {
        let record = try await existingRecord(customer)
        return configuration.sessions.pruned(record.sessions, at: clock.storedNow()).sorted { $0.lastUsedAt > $1.lastUsedAt }
    }

    /// Ends one session of a customer (for "log out that device"). Unknown ids are ignored.
    public func revokeSession(_ session: SessionID, of customer: CustomerID) async throws {
        try await modify(customer) { (record, _) throws(AccountError) in
            record.sessions.removeAll { $0.id == session }
        }
    }

    /// Ends every session of a customer.
    public func revokeAllSessions(of customer: CustomerID) async throws {
        try await modify(customer) { (record, _) throws(AccountError) in
            record.sessions = []
        }
    }

    /// Logs out: ends the session of `token`. An unknown token is ignored.
    public func logout(token: String) async throws {
        guard let digest = TokenSecret.digest(of: token), let record = try await store.record(sessionDigest: digest) else { return }
        try await modify(record.customer.id) { (next, _) throws(AccountError) in
            next.sessions.removeAll { $0.digest == digest }
        }
    }

    /// Forgets failed-login records that no longer count; call now and then (say hourly).
    public func pruneLoginThrottles() async throws {
        let horizon = max(configuration.throttle.window, configuration.throttle.maximumDelay)
        try await store.removeLoginThrottles(lastFailureBefore: clock.storedNow().adding(.zero - horizon))
    }

    /// Forgets a login name's failures (after a success or a new password), if it has any.
    func clearLoginThrottle(key: LoginThrottleKey) async throws {
        if try await store.loginThrottle(key: key) != nil {
            try await store.removeLoginThrottle(key: key)
        }
    }

    func recordLoginFailure(key: LoginThrottleKey, at now: Date) async throws {
        try await retryingConflicts {
            let current = try await store.loginThrottle(key: key)
            let next = configuration.throttle.recordingFailure(current, key: key, at: now)
            _ = try await store.saveLoginThrottle(next, expectedRevision: current?.revision ?? 0)
        }
    }

    static func invalidCredentials() -> AccountError {
        AccountError(
            .invalidCredentials, "The e-mail address or password is not right.", context: ErrorContext(field: "credentials"))
    }
}

extension AccountService {
    /// Removes the sessions and one-time tokens that are no longer valid at `instant` (now
    /// by default) from every customer record: a retention rule, so that dead credentials do
    /// not linger with a customer who never comes back (every write to a record already
    /// prunes that record's). Pages through the store's customers; records with nothing
    /// expired are not written.
    ///
    /// - Returns: How many records were changed.
    /// - Complexity: One read per customer, one write per record changed.
    @discardableResult
    public func pruneExpiredCredentials(at instant: Date? = nil) async throws -> Int {
        let now = StoredInstant.normalized(instant ?? clock.storedNow())
        var changed = 0
        var after: CustomerID?
        while true {
            let page = try await store.customers(after: after, limit: 500)
            for id in page {
                let pruned = try await retryingConflicts { () async throws -> Bool in
                    guard let current = try await store.record(id) else { return false }
                    var next = current
                    next.sessions.removeAll { !configuration.sessions.isAlive($0, at: now) }
                    next.tokens.removeAll { $0.expiresAt <= now }
                    guard next.sessions.count != current.sessions.count || next.tokens.count != current.tokens.count else { return false }
                    _ = try await store.update(next, expectedRevision: current.revision)
                    return true
                }
                if pruned { changed += 1 }
            }
            guard page.count == 500, let last = page.last else { return changed }
            after = last
        }
    }
}
