import ClienteleConsent
import ClienteleTestKit
import Foundation

/// One property a lazy `ConsentStore` adapter gets wrong; ``MutantConsentStore`` breaks
/// exactly that one and forwards everything else to the reference store.
enum ConsentMutation: String, CaseIterable, Sendable {
    // Stored fields lost or altered on the way through the database.
    case dropsSoftOptInCategories
    case dropsSoftOptInExpiry
    case dropsEvidenceDigests
    case dropsConfirmBy
    case dropsChannel
    case truncatesInstantsToSeconds
    case dropsSendReference
    case dropsSuppressionReason
    case recomputesHashOnRead
    // The ledger.
    case ledgerInReverseOrder
    case appendLinksToCurrentHead
    case appendFillsGap
    case appendSequenceRace
    // Listing customers.
    case customersInFirstAppendOrder
    case customersCursorInclusive
    case emptyCustomerPageForLimitBelowOne
    // Sends and suppression.
    case sendsSinceExclusive
    case sendAtTakenSequenceIgnored
    case suppressionLastWins
    // Erasure.
    case eraseKeepsSends
    case eraseKeepsLedger
    case eraseKeepsCustomerListing
    case eraseKeepsLedgerHead
    case eraseDropsSuppressions
    case eraseOfUnknownCustomerFails
    // Pruning sends (retention).
    case pruneSendsResetsTheCount
    case pruneSendsKeepsEverything
    case pruneSendsTakesTheBoundary

    /// Mutants no check written through the protocol can tell from a correct adapter.
    ///
    /// ``recomputesHashOnRead``: every record reaches the store through `append`, which
    /// refuses a record whose hash does not match its content, so a stored row always equals
    /// its recomputation. Only a row altered behind the store's back (a test of the host's
    /// own database) shows the difference.
    static let unobservable: Set<ConsentMutation> = [.recomputesHashOnRead]
}

/// What a mutant keeps beside the reference store to fake its one broken property.
private struct ConsentSide: Sendable {
    /// Customers in the order of their first record (``ConsentMutation/customersInFirstAppendOrder``).
    var firstAppendOrder: [CustomerID] = []
    /// Later suppression entries that replaced the first (``ConsentMutation/suppressionLastWins``).
    var replacedSuppressions: [Digest256: SuppressionEntry] = [:]
    /// Ledger positions whose race has been lost once (``ConsentMutation/appendSequenceRace``).
    var racedPositions: Set<String> = []
    /// Erased customers a stale listing table still names (``ConsentMutation/eraseKeepsCustomerListing``).
    var listedAfterErasure: Set<CustomerID> = []
    /// Erased customers whose ledger-head row survived (``ConsentMutation/eraseKeepsLedgerHead``).
    var headsAfterErasure: Set<CustomerID> = []
    /// Whether an erasure wiped the suppression table too (``ConsentMutation/eraseDropsSuppressions``).
    var suppressionsDropped = false
}

/// A `ConsentStore` that forwards every requirement to a fresh in-memory
/// `ReferenceConsentStore`, except the one property its ``ConsentMutation`` breaks
/// (`nil`: none, which must conform).
final class MutantConsentStore: ConsentStore {
    let mutation: ConsentMutation?
    private let base = ReferenceConsentStore.inMemory()
    private let side = Locked(ConsentSide())

    init(_ mutation: ConsentMutation?) {
        self.mutation = mutation
    }

    // MARK: Ledger

    func append(_ record: ConsentRecord) async throws {
        if record.sequence == 0, side.withLock({ $0.headsAfterErasure.contains(record.customer) }) {
            throw ConsentError(.conflict, "The ledger head row says the ledger moved on.")
        }
        switch mutation {
        case .appendLinksToCurrentHead, .appendFillsGap:
            // The adapter takes the link (or the position) from the current head instead of checking it.
            let last = try await base.records(for: record.customer).last
            let count = last.map { $0.sequence + 1 } ?? 0
            let relink =
                mutation == .appendLinksToCurrentHead
                ? record.sequence == count && record.previousHash != (last?.hash ?? LedgerChain.genesisHash(of: record.customer))
                : record.sequence > count
            if relink {
                try await base.append(ConsentRecord(sealing: record.entry, customer: record.customer, after: last))
                return
            }
        case .appendSequenceRace:
            // Check the position, then insert without a unique key; a lost race goes unnoticed.
            // Played deterministically: the first append at the position just taken (a writer
            // that checked before the winner's insert went in) "succeeds" beside the winner's row.
            let count = try await base.records(for: record.customer).count
            if record.sequence == count - 1,
                side.withLock({ $0.racedPositions.insert("\(record.customer.rawValue)#\(record.sequence)").inserted })
            {
                return
            }
            guard record.sequence == count else { throw ConsentError(.conflict, "The ledger moved on.") }
            do {
                try await base.append(record)
            } catch let error as ConsentError where error.code == .conflict {
                // Lost the race for the position: the row went in beside the winner's and is
                // never read. Any other conflict (a wrong link) is still reported.
                if try await base.records(for: record.customer).count > record.sequence { return }
                throw error
            }
            return
        default:
            break
        }
        try await base.append(record)
        if mutation == .customersInFirstAppendOrder, record.sequence == 0 {
            side.withLock { $0.firstAppendOrder.append(record.customer) }
        }
    }

    func records(for customer: CustomerID) async throws -> [ConsentRecord] {
        let records = try await base.records(for: customer).map(degraded)
        return mutation == .ledgerInReverseOrder ? records.reversed() : records
    }

    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        switch mutation {
        case .emptyCustomerPageForLimitBelowOne where limit < 1:
            return []
        case .customersInFirstAppendOrder where limit >= 1:
            let order = side.withLock { $0.firstAppendOrder }
            let start = after.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            return Array(order[min(start, order.count)...].prefix(limit))
        case .customersCursorInclusive where limit >= 1:
            guard let after else { return try await base.customers(after: nil, limit: limit) }
            let page = try await base.customers(after: after, limit: limit)
            return Array(([after] + page).prefix(limit))
        case .eraseKeepsCustomerListing where limit >= 1:
            let stale = side.withLock { $0.listedAfterErasure }.filter { id in after.map { id > $0 } ?? true }
            let page = try await base.customers(after: after, limit: limit)
            return Array(Set(page).union(stale).sorted().prefix(limit))
        default:
            return try await base.customers(after: after, limit: limit)
        }
    }

    // MARK: Sends

    func appendSend(_ send: SendRecord) async throws {
        do {
            try await base.appendSend(send)
        } catch let error as ConsentError where error.code == .conflict && mutation == .sendAtTakenSequenceIgnored {
            return  // INSERT OR IGNORE
        }
    }

    func sendCount(for customer: CustomerID) async throws -> Int {
        let count = try await base.sendCount(for: customer)
        guard mutation == .pruneSendsResetsTheCount else { return count }
        return try await base.sends(for: customer, since: .distantPast).count
    }

    func pruneSends(before instant: Date) async throws -> Int {
        switch mutation {
        case .pruneSendsKeepsEverything: return 0
        case .pruneSendsTakesTheBoundary: return try await base.pruneSends(before: instant.addingTimeInterval(0.001))
        default: return try await base.pruneSends(before: instant)
        }
    }

    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] {
        var sends = try await base.sends(for: customer, since: since)
        if mutation == .sendsSinceExclusive { sends.removeAll { $0.at == since } }
        return sends.map { send in
            var send = send
            switch mutation {
            case .dropsSendReference: send.reference = nil
            case .truncatesInstantsToSeconds: send.at = Self.wholeSeconds(send.at)
            default: break
            }
            return send
        }
    }

    // MARK: Suppression

    func addSuppression(_ entry: SuppressionEntry) async throws {
        if mutation == .suppressionLastWins, try await base.suppression(for: entry.digest) != nil {
            side.withLock { $0.replacedSuppressions[entry.digest] = entry }  // INSERT OR REPLACE
            return
        }
        try await base.addSuppression(entry)
    }

    func suppression(for digest: Digest256) async throws -> SuppressionEntry? {
        if side.withLock({ $0.suppressionsDropped }) { return nil }
        if let replaced = side.withLock({ $0.replacedSuppressions[digest] }) { return replaced }
        guard var entry = try await base.suppression(for: digest) else { return nil }
        switch mutation {
        case .dropsSuppressionReason: entry.reason = .bounce
        case .truncatesInstantsToSeconds: entry.since = Self.wholeSeconds(entry.since)
        default: break
        }
        return entry
    }

    // MARK: Erasure

    func erase(customer: CustomerID) async throws {
        let records = try await base.records(for: customer)
        let sends = try await base.sends(for: customer, since: .distantPast)
        if mutation == .eraseOfUnknownCustomerFails, records.isEmpty, sends.isEmpty {
            throw ConsentError(.invalidRequest, "No such customer.")
        }
        try await base.erase(customer: customer)
        switch mutation {
        case .eraseKeepsSends:
            for send in sends { try await base.appendSend(send) }
        case .eraseKeepsLedger:
            for record in records { try await base.append(record) }
        case .eraseKeepsCustomerListing where !records.isEmpty:
            side.withLock { _ = $0.listedAfterErasure.insert(customer) }
        case .eraseKeepsLedgerHead where !records.isEmpty:
            side.withLock { _ = $0.headsAfterErasure.insert(customer) }
        case .eraseDropsSuppressions:
            side.withLock { $0.suppressionsDropped = true }
        default:
            break
        }
    }

    // MARK: Lossy columns

    /// `record` as a lazy adapter reads it back: with the mutation's field lost, and the
    /// stored hash kept unless the mutation recomputes it.
    private func degraded(_ record: ConsentRecord) -> ConsentRecord {
        var entry = record.entry
        switch mutation {
        case .dropsSoftOptInCategories: entry.softOptIn?.productCategories = []
        case .dropsSoftOptInExpiry: entry.softOptIn?.expiresAt = nil
        case .dropsEvidenceDigests:
            entry.evidence.ipAddressDigest = nil
            entry.evidence.userAgentDigest = nil
        case .dropsConfirmBy: entry.confirmBy = nil
        case .dropsChannel: entry.channel = nil
        case .truncatesInstantsToSeconds:
            entry.at = Self.wholeSeconds(entry.at)
            entry.confirmBy = entry.confirmBy.map(Self.wholeSeconds)
            if var softOptIn = entry.softOptIn {
                softOptIn.expiresAt = softOptIn.expiresAt.map(Self.wholeSeconds)
                entry.softOptIn = softOptIn
            }
        case .recomputesHashOnRead:
            return ConsentRecord(sealing: entry, customer: record.customer, sequence: record.sequence, previousHash: record.previousHash)
        default:
            break
        }
        return ConsentRecord(
            entry: entry, customer: record.customer, sequence: record.sequence, previousHash: record.previousHash, hash: record.hash)
    }

    static func wholeSeconds(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
    }
}
