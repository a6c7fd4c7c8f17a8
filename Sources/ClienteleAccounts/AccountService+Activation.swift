import Foundation

extension AccountService {
    /// Issues a fresh e-mail verification token for an account, for the host to mail.
    ///
    /// - Throws: ``AccountErrorCode/notAnAccount``, ``AccountErrorCode/forbiddenTransition``
    ///   (closed or rejected), ``AccountErrorCode/customerNotFound``.
    public func requestEmailVerification(for customer: CustomerID) async throws -> OneTimeToken {
        try await modify(customer) { (record, now) throws(AccountError) -> OneTimeToken in
            try Self.requireAccount(record)
            try Self.requireOpen(record)
            return issueToken(.verifyEmail, in: &record, at: now)
        }.result
    }

    /// Uses an e-mail verification token: marks the address verified and, under
    /// ``ActivationPolicy/verifyEmail``, activates a pending account.
    ///
    /// - Throws: ``AccountErrorCode/invalidToken`` (unknown, used, expired, other purpose).
    public func verifyEmail(token: String) async throws -> Customer {
        let (holder, digest) = try await recordHolding(token: token, for: nil)
        let stored = try await modify(holder.customer.id) { (record, now) throws(AccountError) in
            _ = try takeToken(digest, purpose: .verifyEmail, from: &record, at: now)
            record.customer.emailVerifiedAt = now
            if configuration.activation == .verifyEmail, record.customer.status == .pending {
                try Self.change(&record, to: .active, at: now, reason: "e-mail verified", actor: "customer")
            }
        }.record
        if stored.customer.status == .active, holder.customer.status == .pending {
            emit("activated", stored.customer.id, at: clock.storedNow())
        }
        return stored.customer
    }

    /// Approves a pending account (``ActivationPolicy/approval``): it becomes active.
    ///
    /// - Parameters:
    ///   - actor: Who at the shop approved, for the status log.
    ///   - note: An optional remark for the log.
    /// - Throws: ``AccountErrorCode/forbiddenTransition`` unless pending.
    @discardableResult
    public func approve(_ customer: CustomerID, actor: String, note: String? = nil) async throws -> Customer {
        try await setStatus(customer, to: .active, from: .pending, reason: note, actor: actor, event: "activated")
    }

    /// Rejects a pending account, with the reason kept in its status log.
    ///
    /// - Throws: ``AccountErrorCode/reasonRequired``, ``AccountErrorCode/forbiddenTransition`` unless pending.
    @discardableResult
    public func reject(_ customer: CustomerID, reason: String, actor: String) async throws -> Customer {
        try Self.requireReason(reason)
        return try await setStatus(customer, to: .rejected, reason: reason, actor: actor, event: "rejected")
    }

    /// Suspends an active account: it cannot log in and all its sessions end.
    ///
    /// - Throws: ``AccountErrorCode/reasonRequired``, ``AccountErrorCode/forbiddenTransition`` unless active.
    @discardableResult
    public func suspend(_ customer: CustomerID, reason: String, actor: String) async throws -> Customer {
        try Self.requireReason(reason)
        return try await setStatus(customer, to: .suspended, reason: reason, actor: actor, event: "suspended")
    }

    /// Lifts a suspension: the account is active again.
    ///
    /// - Throws: ``AccountErrorCode/forbiddenTransition`` unless suspended.
    @discardableResult
    public func reinstate(_ customer: CustomerID, actor: String, note: String? = nil) async throws -> Customer {
        try await setStatus(customer, to: .active, from: .suspended, reason: note, actor: actor, event: "reinstated")
    }

    /// Closes an account (or a guest) for good: sessions and tokens end, and the address
    /// becomes free for a new account. Closed is final.
    ///
    /// - Throws: ``AccountErrorCode/forbiddenTransition`` when already closed.
    @discardableResult
    public func close(_ customer: CustomerID, reason: String? = nil, actor: String) async throws -> Customer {
        try await setStatus(customer, to: .closed, reason: reason, actor: actor, event: "closed")
    }

    /// Changes the status, checking the transition and, when given, the status it must come from.
    func setStatus(
        _ customer: CustomerID, to status: AccountStatus, from required: AccountStatus? = nil, reason: String?,
        actor: String, event: String
    ) async throws -> Customer {
        let stored = try await modify(customer) { (record, now) throws(AccountError) in
            if status != .closed { try Self.requireAccount(record) }
            if let required, record.customer.status != required {
                throw AccountError(
                    .forbiddenTransition,
                    "Only a \(required.rawValue) account can become \(status.rawValue) this way; this one is \(record.customer.status.rawValue).",
                    context: ErrorContext(field: "status", item: customer.rawValue))
            }
            try Self.change(&record, to: status, at: now, reason: reason, actor: actor)
        }.record
        emit(event, customer, at: clock.storedNow())
        return stored.customer
    }

    static func requireAccount(_ record: AccountRecord) throws(AccountError) {
        guard record.customer.kind == .account else {
            throw AccountError(
                .notAnAccount, "This customer is a guest without an account.",
                context: ErrorContext(item: record.customer.id.rawValue))
        }
    }

    static func requireOpen(_ record: AccountRecord) throws(AccountError) {
        guard record.customer.status != .closed, record.customer.status != .rejected else {
            throw AccountError(
                .forbiddenTransition, "This account is \(record.customer.status.rawValue).",
                context: ErrorContext(field: "status", item: record.customer.id.rawValue))
        }
    }

    static func requireReason(_ reason: String) throws(AccountError) {
        guard !reason.trimmingWhitespace.isEmpty else {
            throw AccountError(.reasonRequired, "Give a reason; it is kept in the account's status log.", context: ErrorContext(field: "reason"))
        }
    }
}
