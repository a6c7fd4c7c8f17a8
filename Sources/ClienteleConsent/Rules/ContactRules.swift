public import Foundation

/// The contact decision: may this message go to this customer on this channel now?
/// Pure and synchronous: the ledger, the send log and the instant are parameters.
///
/// Order of the checks (the first that fails gives the reason):
/// 1. service messages and purposes on contract or legal obligation are allowed at once,
///    exempt from suppression, quiet periods and caps;
/// 2. the purpose must cover the channel;
/// 3. the address must not be suppressed;
/// 4. an objection denies every marketing purpose;
/// 5. the legal basis: consent needs a granted (and, where required, confirmed) consent
///    to a version still covering the purpose, or a soft opt-in in force whose product
///    categories overlap the message's; legitimate interest holds unless refused,
///    withdrawn or expired;
/// 6. quiet periods; 7. frequency caps (window `(t − w, t]`, see ``FrequencyCap``).
public enum ContactRules {
    /// Decides one message.
    ///
    /// - Parameters:
    ///   - kind: The message.
    ///   - channel: The channel.
    ///   - customer: The customer.
    ///   - instant: When it would be sent (rounded to the millisecond).
    ///   - records: The customer's ledger.
    ///   - sends: The customer's sends (at least those inside the longest cap window).
    ///   - sendCount: The length of the customer's whole send log.
    ///   - suppressedSince: When the recipient's address was suppressed, or `nil`.
    ///   - productCategories: The product categories the message is about, for soft opt-in.
    ///   - catalog: The purposes.
    ///   - policy: Caps and quiet periods.
    /// - Throws: ``ConsentErrorCode/unknownPurpose``.
    /// - Complexity: O(records + sends × caps).
    public static func decide(
        _ kind: MessageKind, channel: ContactChannel, customer: CustomerID, at instant: Date,
        records: [ConsentRecord], sends: [SendRecord], sendCount: Int, suppressedSince: Date?,
        productCategories: Set<String> = [], catalog: PurposeCatalog, policy: ContactPolicy
    ) throws(ConsentError) -> ContactDecision {
        let now = StoredInstant.normalized(instant)
        // The newest record the decision could see (normally the last one; earlier when
        // deciding for a past instant).
        let head = records.last { $0.at <= now }?.head ?? LedgerChain.emptyHead(of: customer)
        func decision(_ outcome: ContactDecision.Outcome, _ category: PurposeCategory, _ version: Int?) -> ContactDecision {
            let optOut: Bool
            if case .allowed(let basis) = outcome {
                optOut = basis != .contract && basis != .legalObligation
            } else {
                optOut = false
            }
            return ContactDecision(
                customer: customer, kind: kind, channel: channel, at: now, category: category, purposeVersion: version,
                outcome: outcome, mustOfferOptOut: optOut, ledgerHead: head, sendCount: sendCount)
        }

        guard case .purpose(let purposeID) = kind else {
            return decision(.allowed(.contract), .service, nil)
        }
        let purpose = try catalog.require(purposeID)
        let version = purpose.version
        switch purpose.legalBasis {
        case .contract: return decision(.allowed(.contract), purpose.category, version)
        case .legalObligation: return decision(.allowed(.legalObligation), purpose.category, version)
        case .consent, .legitimateInterest: break
        }
        guard purpose.channels.contains(channel) else {
            return decision(.denied(.channelNotCovered), purpose.category, version)
        }
        if let suppressedSince {
            return decision(.denied(.suppressed(since: suppressedSince)), purpose.category, version)
        }
        let standing = ConsentRules.standing(
            of: purposeID, category: purpose.category, channel: channel, in: records, at: now)
        let basis: ContactBasis
        switch legalBasis(purpose, standing, catalog: catalog, channel: channel, productCategories: productCategories, at: now) {
        case .success(let found): basis = found
        case .failure(let denial): return decision(.denied(denial.reason), purpose.category, version)
        }
        for period in policy.quietPeriods where period.contains(now, channel: channel) {
            return decision(.denied(.quietPeriod(period)), purpose.category, version)
        }
        if let reached = capReached(policy.frequencyCaps, channel: channel, purpose: purposeID, category: purpose.category, sends: sends, at: now) {
            return decision(.denied(reached), purpose.category, version)
        }
        return decision(.allowed(basis), purpose.category, version)
    }

    private static func legalBasis(
        _ purpose: Purpose, _ standing: ConsentStanding, catalog: PurposeCatalog, channel: ContactChannel,
        productCategories: Set<String>, at now: Date
    ) -> Result<ContactBasis, DenialReasonBox> {
        if let objectedAt = standing.objectedAt {
            return .failure(DenialReasonBox(.objected(at: objectedAt)))
        }
        if case .granted(let since, let version, let sequence) = standing.status {
            if purpose.legalBasis == .legitimateInterest { return .success(.legitimateInterest) }
            if catalog.needsNewConsent(purpose.id, since: version) {
                return .failure(DenialReasonBox(.consentOutdated(givenVersion: version, currentVersion: purpose.version)))
            }
            return .success(.consent(sequence: sequence, version: version, since: since))
        }
        // A soft opt-in that survived is younger than any refusal, withdrawal or expiry.
        if purpose.legalBasis == .consent, purpose.allowsSoftOptIn, channel.isElectronicMail, let soft = standing.softOptIn {
            if soft.terms.isInForce(at: now) {
                if soft.terms.covers(productCategories) {
                    return .success(.softOptIn(sequence: soft.sequence, orderReference: soft.terms.orderReference))
                }
            } else if case .none = standing.status, let expiresAt = soft.terms.expiresAt {
                return .failure(DenialReasonBox(.expired(at: expiresAt)))
            }
        }
        switch standing.status {
        case .refused(let at): return .failure(DenialReasonBox(.refused(at: at)))
        case .withdrawn(let at): return .failure(DenialReasonBox(.withdrawn(at: at)))
        case .expired(let at): return .failure(DenialReasonBox(.expired(at: at)))
        case .pending(_, let confirmBy, _, _):
            if purpose.legalBasis == .legitimateInterest { return .success(.legitimateInterest) }
            return .failure(DenialReasonBox(.awaitingConfirmation(confirmBy: confirmBy)))
        case .none, .granted:
            if purpose.legalBasis == .legitimateInterest { return .success(.legitimateInterest) }
            return .failure(DenialReasonBox(.noConsent))
        }
    }

    /// The first cap in `caps` that a message on `channel` for `purpose` would exceed at `now`.
    static func capReached(
        _ caps: [FrequencyCap], channel: ContactChannel, purpose: PurposeID, category: PurposeCategory,
        sends: [SendRecord], at now: Date
    ) -> DenialReason? {
        let nowMs = StoredInstant.milliseconds(now)
        for cap in caps where cap.matches(channel: channel, purpose: purpose, category: category) {
            let windowMs = StoredInstant.milliseconds(cap.window)
            var inWindow: [Int64] = []
            for send in sends where !send.isExempt && cap.matches(channel: send.channel, purpose: send.purpose, category: send.category) {
                let sentMs = StoredInstant.milliseconds(send.at)
                if sentMs > nowMs - windowMs && sentMs <= nowMs { inWindow.append(sentMs) }
            }
            guard inWindow.count >= cap.limit else { continue }
            var allowedAgainAt: Date?
            if cap.limit > 0 {
                inWindow.sort()
                // The window must shed count − limit + 1 sends; the last of those leaves at its time + window.
                allowedAgainAt = StoredInstant.date(milliseconds: inWindow[inWindow.count - cap.limit] + windowMs)
            }
            return .frequencyCapReached(cap: cap, sent: inWindow.count, allowedAgainAt: allowedAgainAt)
        }
        return nil
    }
}

/// A denial reason carried in a `Result`.
struct DenialReasonBox: Error {
    var reason: DenialReason
    init(_ reason: DenialReason) { self.reason = reason }
}
