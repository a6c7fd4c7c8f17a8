import Foundation

extension AccountService {
    /// Changes the password of a logged-in customer after checking the current one.
    ///
    /// Ends every session and invalidates every outstanding one-time token; the host logs
    /// the customer in again with ``login(email:password:replacing:)``.
    ///
    /// - Throws: a password-policy code, ``AccountErrorCode/wrongPassword``,
    ///   ``AccountErrorCode/notAnAccount``, ``AccountErrorCode/customerNotFound``.
    public func changePassword(of customer: CustomerID, current: String, new: String) async throws {
        let newPassword = Password(new)
        try configuration.passwordPolicy.check(newPassword)
        let record = try await existingRecord(customer)
        try Self.requireAccount(record)
        let storedHash = try await verifyCurrentPassword(current, of: record)
        let hash = try hasher.hash(newPassword)
        try await modify(customer) { (next, now) throws(AccountError) in
            guard next.credentials?.passwordHash == storedHash else { throw Self.wrongPassword() }
            Self.replacePassword(in: &next, with: hash, at: now)
        }
        try await clearLoginThrottle(key: LoginThrottleKey(record.customer.email))
        emit("passwordChanged", customer, at: clock.storedNow())
    }

    /// Starts a password reset: when `email` belongs to an account that may reset, issues
    /// a token (valid ≤ 60 minutes) and hands it to `send`; otherwise does nothing.
    ///
    /// Returns the same (nothing) either way, so the host's answer ("if an account exists,
    /// we sent a link") cannot reveal which addresses have accounts. Make `send` enqueue
    /// the mail rather than deliver it inline, so timing reveals nothing either.
    ///
    /// - Throws: ``AccountErrorCode/invalidEmail`` for text that is not an address.
    public func requestPasswordReset(
        email: String, send: @Sendable (OneTimeToken, EmailAddress) async throws -> Void
    ) async throws {
        let address = try Self.parseEmail(email)
        guard let record = try await store.account(emailKey: address.uniquenessKey),
            record.customer.status == .active || record.customer.status == .pending
        else { return }
        let token = try await passwordSetupToken(for: record.customer.id)
        try await send(token, record.customer.email)
    }

    /// Issues a password-reset token for an account, for the shop's own flows (an
    /// invitation to a shop-created account to choose its password).
    ///
    /// - Throws: ``AccountErrorCode/notAnAccount``, ``AccountErrorCode/forbiddenTransition``
    ///   (closed or rejected), ``AccountErrorCode/customerNotFound``.
    public func passwordSetupToken(for customer: CustomerID) async throws -> OneTimeToken {
        try await modify(customer) { (record, now) throws(AccountError) -> OneTimeToken in
            try Self.requireAccount(record)
            try Self.requireOpen(record)
            return issueToken(.resetPassword, in: &record, at: now)
        }.result
    }

    /// Completes a reset: sets the new password, ends all sessions, invalidates all tokens
    /// and clears the failed-login record. Using the token also proves the mailbox.
    ///
    /// - Throws: a password-policy code or ``AccountErrorCode/invalidToken``.
    @discardableResult
    public func resetPassword(token: String, newPassword: String) async throws -> Customer {
        let password = Password(newPassword)
        try configuration.passwordPolicy.check(password)
        let (holder, digest) = try await recordHolding(token: token, for: nil)
        guard holder.tokens.contains(where: { $0.digest == digest && $0.purpose == .resetPassword && clock.storedNow() < $0.expiresAt })
        else { throw Self.invalidToken() }
        let hash = try hasher.hash(password)
        let stored = try await modify(holder.customer.id) { (record, now) throws(AccountError) in
            _ = try takeToken(digest, purpose: .resetPassword, from: &record, at: now)
            try Self.requireAccount(record)
            Self.replacePassword(in: &record, with: hash, at: now)
            record.customer.emailVerifiedAt = record.customer.emailVerifiedAt ?? now
            if configuration.activation == .verifyEmail, record.customer.status == .pending {
                try Self.change(&record, to: .active, at: now, reason: "e-mail verified by password reset", actor: "customer")
            }
        }.record
        try await clearLoginThrottle(key: LoginThrottleKey(stored.customer.email))
        emit("passwordChanged", stored.customer.id, at: clock.storedNow(), ["by": "reset"])
        return stored.customer
    }

    /// Verifies `text` against the account's password (one hash) and returns the stored hash.
    func verifyCurrentPassword(_ text: String, of record: AccountRecord) async throws -> String {
        let typed = Password(text)
        guard !typed.exceedsInputLimit, typed.length <= configuration.passwordPolicy.maximumLength else {
            throw Self.wrongPassword()
        }
        guard let storedHash = record.credentials?.passwordHash else {
            _ = try? hasher.verify(typed, against: hasher.decoyHash())
            throw Self.wrongPassword()
        }
        guard try hasher.verify(typed, against: storedHash) else { throw Self.wrongPassword() }
        return storedHash
    }

    static func replacePassword(in record: inout AccountRecord, with hash: String, at now: Date) {
        record.credentials = Credentials(passwordHash: hash, changedAt: now)
        record.sessions = []
        record.tokens = []
    }

    static func wrongPassword() -> AccountError {
        AccountError(.wrongPassword, "The current password is not right.", context: ErrorContext(field: "currentPassword"))
    }
}
