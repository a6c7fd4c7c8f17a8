import Foundation

/// Everything the reference consent store holds, as a journaled value: ledgers, send
/// logs and the suppression list. Changes only append.
public struct ConsentState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Append a sealed record to its customer's ledger.
        case append(ConsentRecord)
        /// Append a send to its customer's send log.
        case recordSend(SendRecord)
        /// Add a digest to the suppression list (the first entry for a digest wins).
        case suppress(SuppressionEntry)
    }

    /// Each customer's ledger, in sequence order.
    public private(set) var ledgers: [CustomerID: [ConsentRecord]]
    /// Each customer's send log, in sequence order.
    public private(set) var sendLogs: [CustomerID: [SendRecord]]
    /// The suppression list by digest.
    public private(set) var suppressions: [Digest256: SuppressionEntry]

    /// An empty state.
    public init() {
        ledgers = [:]
        sendLogs = [:]
        suppressions = [:]
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
            ledgers[record.customer, default: []].append(record)
        case .recordSend(let send):
            let count = sendLogs[send.customer]?.count ?? 0
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
        }
    }
}
