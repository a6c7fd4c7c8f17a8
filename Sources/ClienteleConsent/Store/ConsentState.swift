import Foundation

/// Everything the reference consent store holds, as a journaled value: ledgers, send
/// logs and the suppression list, plus the customers in ID order for paging (derived:
/// kept up to date as records are appended and rebuilt when a snapshot is read, never
/// stored). Changes only append, except an erasure, which removes a customer whole, and
/// send pruning (retention), which removes old sends and keeps their count.
public struct ConsentState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Append a sealed record to its customer's ledger.
        case append(ConsentRecord)
        /// Append a send to its customer's send log.
        case recordSend(SendRecord)
        /// Add a digest to the suppression list (the first entry for a digest wins).
        case suppress(SuppressionEntry)
        /// Remove a customer's ledger and send log (an erasure); the suppression list is
        /// not touched. Nothing to remove is no error, so a repeated erasure succeeds.
        case erase(customer: CustomerID)
        /// Remove every send made before an instant (retention); the send counts stay.
        case pruneSends(before: Date)
    }

    /// Each customer's ledger, in sequence order.
    public private(set) var ledgers: [CustomerID: [ConsentRecord]]
    /// Each customer's send log, in sequence order.
    public private(set) var sendLogs: [CustomerID: [SendRecord]]
    /// The suppression list by digest.
    public private(set) var suppressions: [Digest256: SuppressionEntry]
    /// Per customer, how many sends were pruned from its log: its send count is this plus
    /// the sends kept.
    public private(set) var prunedSendCounts: [CustomerID: Int]
    /// The customers with a ledger, ascending (derived from `ledgers`).
    private var customerOrder: SortedCustomerIDs

    /// An empty state.
    public init() {
        ledgers = [:]
        sendLogs = [:]
        suppressions = [:]
        prunedSendCounts = [:]
        customerOrder = SortedCustomerIDs()
    }

    /// The number of sends ever appended to the customer's log, pruned ones included.
    public func sendCount(for customer: CustomerID) -> Int {
        (prunedSendCounts[customer] ?? 0) + (sendLogs[customer]?.count ?? 0)
    }

    /// Customers that have a ledger, ascending by ID, strictly after `after` (from the
    /// start when `nil`), at most `limit` of them; none for a `limit` below 1.
    ///
    /// - Complexity: O(log n + limit).
    public func customers(after: CustomerID?, limit: Int) -> [CustomerID] {
        customerOrder.page(after: after, limit: limit)
    }

    /// Applies a change, or throws and changes nothing.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` for a record or send that is not next in
    ///   line; ``ConsentErrorCode/invalidRecord`` for a record whose hash does not match.
    public mutating func apply(_ change: Change) throws {
        switch change {
        case .append(let record):
            let ledger = ledgers[record.customer] ?? []
            let head = LedgerChain.head(of: ledger, customer: record.customer)
            guard record.sequence == ledger.count, record.previousHash == head.hash else {
                throw ConsentError(
                    .conflict,
                    "The customer's ledger moved on (it has \(ledger.count) records; this one is sealed as number \(record.sequence)); read it again and reseal.",
                    context: ErrorContext(field: "sequence", item: record.customer.rawValue))
            }
            guard LedgerChain.computeHash(of: record) == record.hash else {
                throw ConsentError(
                    .invalidRecord, "The record's hash does not match its content; seal records with ConsentRecord(sealing:…).",
                    context: ErrorContext(field: "hash", item: record.customer.rawValue))
            }
            if ledger.isEmpty { customerOrder.insert(record.customer) }
            ledgers[record.customer, default: []].append(record)
        case .recordSend(let send):
            let count = sendCount(for: send.customer)
            guard send.sequence == count else {
                throw ConsentError(
                    .conflict,
                    "The customer's send log moved on (it has \(count) sends; this one is number \(send.sequence)); decide again.",
                    context: ErrorContext(field: "sequence", item: send.customer.rawValue))
            }
            sendLogs[send.customer, default: []].append(send)
        case .suppress(let entry):
            if suppressions[entry.digest] == nil {
                suppressions[entry.digest] = entry
            }
        case .erase(let customer):
            if ledgers.removeValue(forKey: customer) != nil { customerOrder.remove(customer) }
            sendLogs[customer] = nil
            prunedSendCounts[customer] = nil
        case .pruneSends(let instant):
            for (customer, log) in sendLogs where log.contains(where: { $0.at < instant }) {
                let kept = log.filter { $0.at >= instant }
                prunedSendCounts[customer, default: 0] += log.count - kept.count
                sendLogs[customer] = kept.isEmpty ? nil : kept
            }
        }
    }

    /// How many sends ``Change/pruneSends(before:)`` would remove at `instant`.
    public func sendsBefore(_ instant: Date) -> Int {
        sendLogs.values.reduce(0) { $0 + $1.count { $0.at < instant } }
    }

    // MARK: Codable: ledgers, send logs and suppressions, as the synthesized conformance
    // wrote them; the customer order is rebuilt.

    private enum CodingKeys: String, CodingKey {
        case ledgers, sendLogs, suppressions, prunedSendCounts
    }

    /// Decodes a snapshot and rebuilds the customer order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ledgers = try container.decode([CustomerID: [ConsentRecord]].self, forKey: .ledgers)
        sendLogs = try container.decode([CustomerID: [SendRecord]].self, forKey: .sendLogs)
        suppressions = try container.decode([Digest256: SuppressionEntry].self, forKey: .suppressions)
        // Absent from snapshots written before sends could be pruned.
        prunedSendCounts = try container.decodeIfPresent([CustomerID: Int].self, forKey: .prunedSendCounts) ?? [:]
        customerOrder = SortedCustomerIDs(sorting: ledgers.compactMap { $0.value.isEmpty ? nil : $0.key })
    }

    /// Encodes ledgers, send logs and suppressions (the customer order is derived).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ledgers, forKey: .ledgers)
        try container.encode(sendLogs, forKey: .sendLogs)
        try container.encode(suppressions, forKey: .suppressions)
        if !prunedSendCounts.isEmpty { try container.encode(prunedSendCounts, forKey: .prunedSendCounts) }
    }
}
