public import Foundation

extension ConsentService {
    /// Verifies the customer's ledger chain, using the ledger head recorded with the
    /// customer's latest send as an anchor (so records cut off the end are found too).
    public func verifyChain(of customer: CustomerID) async throws -> ChainVerification {
        let records = try await store.records(for: customer)
        let anchor = try await store.sends(for: customer, since: .distantPast).max { $0.ledgerHead.count < $1.ledgerHead.count }
        return LedgerChain.verify(records, of: customer, expectedHead: anchor?.ledgerHead)
    }

    /// The customer's consent history as a receipt (see ``ConsentReceipt``).
    public func receipt(for customer: CustomerID) async throws -> ConsentReceipt {
        let records = try await store.records(for: customer)
        let verification = try await verifyChain(of: customer)
        return ConsentReceipt.make(
            for: customer, records: records, catalog: catalog, controller: configuration.controller,
            verification: verification, receiptID: ids(), at: clock.storedNow())
    }

    /// Proof of the consent state at the time of a past send: the ledger up to the head
    /// the send recorded, its verification against that head, and the standing re-derived
    /// at send time.
    ///
    /// - Throws: ``ConsentErrorCode/unknownSend`` when the customer has no such send.
    public func proof(ofSend sendID: UUID, for customer: CustomerID) async throws -> SendProof {
        guard let send = try await store.sends(for: customer, since: .distantPast).first(where: { $0.id == sendID }) else {
            throw ConsentError(
                .unknownSend, "The customer has no send with this ID.", context: ErrorContext(field: "sendID", item: customer.rawValue))
        }
        let all = try await store.records(for: customer)
        let prefix = Array(all.prefix(send.ledgerHead.count))
        let verification = LedgerChain.verify(prefix, of: customer, expectedHead: send.ledgerHead)
        var standing: ConsentStanding?
        if let purpose = send.purpose, let current = catalog.current(purpose) {
            standing = ConsentRules.standing(of: purpose, category: current.category, channel: send.channel, in: prefix, at: send.at)
        }
        return SendProof(send: send, records: prefix, verification: verification, standing: standing)
    }

    /// Customers whose consent should be asked for again: granted more than `months`
    /// calendar months before `instant` (UTC), or given to a purpose version that a later
    /// version needing new consent replaced.
    ///
    /// - Parameters:
    ///   - months: The age in months; 0 lists only consents to replaced versions.
    ///   - instant: The reference instant; now by default.
    ///   - pageSize: How many customers to read from the store at a time; at least 1.
    /// - Throws: ``ConsentErrorCode/invalidPageSize`` when `pageSize` is below 1, or the
    ///   store's error.
    /// - Complexity: One pass over every customer's ledger.
    public func repermissionCandidates(
        olderThanMonths months: Int, at instant: Date? = nil, pageSize: Int = 500
    ) async throws -> [RepermissionCandidate] {
        let now = instant ?? clock.storedNow()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let cutoff = months > 0 ? calendar.date(byAdding: .month, value: -months, to: now) ?? now : .distantPast
        var candidates: [RepermissionCandidate] = []
        var after: CustomerID?
        while true {
            let page = try await store.customers(after: after, limit: pageSize)
            for customer in page {
                let records = try await store.records(for: customer)
                candidates += ConsentRules.repermissionCandidates(
                    customer: customer, records: records, catalog: catalog, grantedBefore: cutoff, at: now)
            }
            guard page.count == pageSize, let last = page.last else { break }
            after = last
        }
        return candidates
    }
}
