public import Foundation

/// Derives the consent state from a ledger. Pure and synchronous: the instant is a parameter.
///
/// Rules, in ledger order (records after the instant are ignored):
/// - `given` grants (or, with a confirmation deadline, makes pending); `confirmed` turns the
///   pending consent it names into granted if it came before the deadline; `refused`,
///   `withdrawn` and `expired` end consent and any soft opt-in; a `softOptIn` records a
///   soft opt-in; records with no channel apply to every channel.
/// - `objected` (direct marketing) ends consent and soft opt-in for every marketing
///   purpose; afterwards only a consent the customer gives themself (actor `customer`,
///   and confirmed where a double opt-in is needed) lifts it for that purpose, and soft
///   opt-ins recorded while it stands are ignored.
/// - A pending consent whose deadline passed is `expired` at its deadline.
public enum ConsentRules {
    /// The standing of `purpose` (of `category`) on `channel` at `instant`.
    ///
    /// - Complexity: O(number of records).
    public static func standing(
        of purpose: PurposeID, category: PurposeCategory, channel: ContactChannel, in records: [ConsentRecord],
        at instant: Date
    ) -> ConsentStanding {
        var status = ConsentStatus.none
        var soft: SoftOptInStanding?
        var objectedAt: Date?
        let marketing = category == .marketing
        for record in records where record.at <= instant {
            if record.action == .objected {
                guard marketing else { continue }
                objectedAt = record.at
                soft = nil
                switch status {
                case .granted, .pending: status = .withdrawn(at: record.at)
                default: break
                }
                continue
            }
            guard record.purpose == purpose, record.channel == nil || record.channel == channel else { continue }
            switch record.action {
            case .given:
                if objectedAt != nil && record.actor != .customer { continue }
                let version = record.purposeVersion ?? 1
                if let confirmBy = record.confirmBy {
                    // An objection is lifted only once the new consent is confirmed.
                    status = .pending(since: record.at, confirmBy: confirmBy, sequence: record.sequence, version: version)
                } else {
                    objectedAt = nil
                    status = .granted(since: record.at, version: version, sequence: record.sequence)
                }
            case .confirmed:
                if case .pending(_, let confirmBy, let sequence, let version) = status,
                    record.confirms == sequence, record.at < confirmBy
                {
                    objectedAt = nil
                    status = .granted(since: record.at, version: version, sequence: record.sequence)
                }
            case .refused:
                status = .refused(at: record.at)
                soft = nil
            case .withdrawn:
                status = .withdrawn(at: record.at)
                soft = nil
            case .expired:
                status = .expired(at: record.at)
                soft = nil
            case .softOptIn:
                if objectedAt == nil, let terms = record.softOptIn {
                    soft = SoftOptInStanding(sequence: record.sequence, recordedAt: record.at, terms: terms)
                }
            case .objected:
                break
            }
        }
        if case .pending(_, let confirmBy, _, _) = status, confirmBy <= instant {
            status = .expired(at: confirmBy)
        }
        return ConsentStanding(purpose: purpose, channel: channel, status: status, softOptIn: soft, objectedAt: objectedAt)
    }

    /// The standing of every current purpose in `catalog` on each of its channels, ordered
    /// by purpose and channel.
    public static func standings(in records: [ConsentRecord], catalog: PurposeCatalog, at instant: Date) -> [ConsentStanding] {
        catalog.currentPurposes.filter { !$0.legalBasis.isExemptFromConsent }.flatMap { purpose in
            purpose.channels.sorted().map { channel in
                standing(of: purpose.id, category: purpose.category, channel: channel, in: records, at: instant)
            }
        }
    }

    /// The consents of one customer that need asking again at `instant`: granted before
    /// `cutoff`, or granted for a purpose version that a later version requiring new
    /// consent replaced.
    public static func repermissionCandidates(
        customer: CustomerID, records: [ConsentRecord], catalog: PurposeCatalog, grantedBefore cutoff: Date,
        at instant: Date
    ) -> [RepermissionCandidate] {
        standings(in: records, catalog: catalog, at: instant).compactMap { standing in
            guard case .granted(let since, let version, _) = standing.status else { return nil }
            var reasons: [RepermissionCandidate.Reason] = []
            if since < cutoff { reasons.append(.older) }
            if catalog.needsNewConsent(standing.purpose, since: version) { reasons.append(.purposeChanged) }
            guard !reasons.isEmpty else { return nil }
            return RepermissionCandidate(
                customer: customer, purpose: standing.purpose, channel: standing.channel, grantedAt: since,
                version: version, currentVersion: catalog.current(standing.purpose)?.version ?? version, reasons: reasons)
        }
    }
}
