public import Foundation

extension ConsentService {
    /// Decides whether a message may go to the customer on `channel` at `instant` (now by
    /// default): allowed with the basis, or denied with the reason. See ``ContactRules``
    /// for the order of the checks.
    ///
    /// - Parameters:
    ///   - kind: A service message or a purpose.
    ///   - channel: The channel.
    ///   - customer: The customer.
    ///   - emailKey: The recipient's e-mail uniqueness key (`EmailAddress.uniquenessKey`),
    ///     checked against the suppression list; pass it for every e-mail.
    ///   - productCategories: The product categories the message is about (a soft opt-in
    ///     covers only messages about similar products).
    ///   - instant: The instant to decide for; now by default.
    /// - Throws: ``ConsentErrorCode/unknownPurpose``, or the store's error.
    public func decide(
        _ kind: MessageKind, channel: ContactChannel, for customer: CustomerID, emailKey: String? = nil,
        productCategories: Set<String> = [], at instant: Date? = nil
    ) async throws -> ContactDecision {
        let now = StoredInstant.normalized(instant ?? clock.now())
        if case .service = kind {
            return try ContactRules.decide(
                kind, channel: channel, customer: customer, at: now, records: [], sends: [],
                sendCount: try await store.sendCount(for: customer), suppressedSince: nil, catalog: catalog,
                policy: configuration.policy)
        }
        let sendCount = try await store.sendCount(for: customer)
        let records = try await store.records(for: customer)
        let longest = configuration.policy.frequencyCaps.map { StoredInstant.milliseconds($0.window) }.max() ?? 0
        let sends = longest > 0
            ? try await store.sends(for: customer, since: StoredInstant.date(milliseconds: StoredInstant.milliseconds(now) - longest))
            : []
        var suppressedSince: Date?
        if channel == .email, let emailKey {
            suppressedSince = try await store.suppression(for: digester.emailKey(emailKey))?.since
        }
        return try ContactRules.decide(
            kind, channel: channel, customer: customer, at: now, records: records, sends: sends, sendCount: sendCount,
            suppressedSince: suppressedSince, productCategories: productCategories, catalog: catalog,
            policy: configuration.policy)
    }

    /// Records a send the host made on an allowed decision: the proof of the consent state
    /// at send time (the decision's ledger head and basis) and the input to frequency caps.
    ///
    /// - Parameters:
    ///   - decision: An allowed decision from ``decide(_:channel:for:emailKey:productCategories:at:)``.
    ///   - reference: The host's reference for the message, such as a mail ID.
    /// - Throws: ``ConsentErrorCode/decisionDenied`` for a denied decision;
    ///   ``ConsentErrorCode/conflict`` when another send was recorded for the customer since
    ///   the decision (decide again: a cap may now be reached).
    @discardableResult
    public func recordSend(_ decision: ContactDecision, reference: String? = nil) async throws -> SendRecord {
        guard let basis = decision.basis else {
            throw ConsentError(
                .decisionDenied, "Only an allowed decision can be recorded as a send.",
                context: ErrorContext(field: "decision", item: decision.customer.rawValue))
        }
        let send = SendRecord(
            id: ids(), customer: decision.customer, sequence: decision.sendCount, at: decision.at, kind: decision.kind,
            channel: decision.channel, category: decision.category, purposeVersion: decision.purposeVersion, basis: basis,
            ledgerHead: decision.ledgerHead, reference: reference)
        try await store.appendSend(send)
        return send
    }

    /// Decides and, when allowed, records the send in one step, deciding again if another
    /// send for the customer was recorded in between (so caps hold under concurrency), at
    /// most ``ConsentConfiguration/maximumConflictAttempts`` times.
    ///
    /// - Returns: The decision, and the send record when it was allowed.
    /// - Throws: ``ConsentErrorCode/conflict`` when every attempt lost to another send.
    public func decideAndRecordSend(
        _ kind: MessageKind, channel: ContactChannel, for customer: CustomerID, emailKey: String? = nil,
        productCategories: Set<String> = [], reference: String? = nil, at instant: Date? = nil
    ) async throws -> (decision: ContactDecision, send: SendRecord?) {
        try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
            let decision = try await decide(
                kind, channel: channel, for: customer, emailKey: emailKey, productCategories: productCategories, at: instant)
            guard decision.isAllowed else { return (decision, nil) }
            return (decision, try await recordSend(decision, reference: reference))
        }
    }

    /// The customer's sends at or after `since` (everything by default).
    public func sends(of customer: CustomerID, since: Date = .distantPast) async throws -> [SendRecord] {
        try await store.sends(for: customer, since: since)
    }

    // MARK: Suppression

    /// Puts an address on the suppression list, as a salted digest of its uniqueness key.
    /// Suppressed addresses get no e-mail except service messages.
    ///
    /// - Parameters:
    ///   - emailKey: The address's uniqueness key (`EmailAddress.uniquenessKey`).
    ///   - reason: Why.
    @discardableResult
    public func suppress(emailKey: String, reason: SuppressionEntry.Reason) async throws -> SuppressionEntry {
        let entry = SuppressionEntry(digest: digester.emailKey(emailKey), since: clock.storedNow(), reason: reason)
        try await store.addSuppression(entry)
        let stored = try await store.suppression(for: entry.digest) ?? entry
        events?.emit(ClienteleEvent(name: "consent.suppressed", at: stored.since, attributes: ["reason": stored.reason.rawValue]))
        return stored
    }

    /// The suppression entry for an address, or `nil`.
    public func suppression(emailKey: String) async throws -> SuppressionEntry? {
        try await store.suppression(for: digester.emailKey(emailKey))
    }

    /// The salted digest the suppression list keys an address by.
    public func suppressionDigest(emailKey: String) -> Digest256 {
        digester.emailKey(emailKey)
    }
}

extension ConsentService {
    /// Erases a customer's consent data (GDPR erasure) and keeps the address from ever being
    /// mailed again: first the address's digest goes on the suppression list (reason
    /// `erasure`; an earlier entry for it is kept), then the ledger and the send log are
    /// removed (``ConsentStore/erase(customer:)``). In that order, an interruption never
    /// leaves an erased customer mailable; calling it again finishes the job.
    ///
    /// - Parameters:
    ///   - customer: Whose ledger and send log to remove.
    ///   - emailKey: The address's uniqueness key, or `nil` when the customer had none to
    ///     suppress (the ledger is then only removed).
    /// - Throws: The store's error; what was done before stays done.
    public func erase(customer: CustomerID, emailKey: String?) async throws {
        if let emailKey { try await suppress(emailKey: emailKey, reason: .erasure) }
        try await store.erase(customer: customer)
        events?.emit(ClienteleEvent(name: "consent.erased", customer: customer, at: clock.storedNow()))
    }
}

extension ConsentService {
    /// Removes every customer's send records made before `instant` (a retention rule): they
    /// stop counting towards frequency caps and can no longer prove a send
    /// (``proof(ofSend:for:)``). The send counts stay, so new sends keep their order.
    ///
    /// - Returns: How many sends were removed.
    @discardableResult
    public func pruneSends(before instant: Date) async throws -> Int {
        try await store.pruneSends(before: StoredInstant.normalized(instant))
    }
}
