import Foundation

/// Everything the reference consent store holds, as a journaled value: ledgers in customer
/// ID order (each packed into one byte array: about 160 bytes a record with evidence, 75 for
/// one that shares the evidence of the record before, against some 330 as a
/// ``ConsentRecord``), send logs and the suppression list. Changes only append, except an
/// erasure, which removes a customer whole, and send pruning (retention), which removes old
/// sends and keeps their count.
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

    /// Each customer's ledger, packed (``PackedLedger``), in customer order.
    private var ledgers: SortedCustomerMap<PackedLedger>
    /// Each customer's send log, in sequence order.
    public private(set) var sendLogs: [CustomerID: [SendRecord]]
    /// The suppression list by digest.
    public private(set) var suppressions: [Digest256: SuppressionEntry]
    /// Per customer, how many sends were pruned from its log: its send count is this plus
    /// the sends kept.
    public private(set) var prunedSendCounts: [CustomerID: Int]

    /// An empty state.
    public init() {
        ledgers = SortedCustomerMap()
        sendLogs = [:]
        suppressions = [:]
        prunedSendCounts = [:]
    }

    /// The customer's ledger, in sequence order; empty when there is none.
    ///
    /// - Complexity: O(size of the ledger): it is unpacked from the bytes the state holds.
    /// - Throws: ClienteleCore's `storeCorrupted` when the stored bytes do not unpack,
    ///   which only a damaged snapshot that still passed its checksum could cause.
    public func ledger(of customer: CustomerID) throws(CoreError) -> [ConsentRecord] {
        try packedLedger(of: customer)?.unpacked(of: customer) ?? []
    }

    /// The packed ledger of `customer`: what a store takes under its lock (a reference to
    /// the bytes) so that it unpacks after releasing the lock.
    func packedLedger(of customer: CustomerID) -> PackedLedger? { ledgers[customer] }

    /// How many customers have a ledger.
    public var ledgerCount: Int { ledgers.count }

    /// How many records the ledgers hold together.
    ///
    /// - Complexity: O(number of ledgers).
    public var recordCount: Int {
        var count = 0
        ledgers.forEach { count += $1.count }
        return count
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
        ledgers.page(after: after, limit: limit)
    }

    /// Applies a change, or throws and changes nothing.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` for a record or send that is not next in
    ///   line; ``ConsentErrorCode/invalidRecord`` for a record whose hash does not match.
    public mutating func apply(_ change: Change) throws {
        switch change {
        case .append(let record):
            let ledger = ledgers[record.customer] ?? PackedLedger()
            let head = ledger.head(of: record.customer)
            guard record.sequence == head.count, record.previousHash == head.hash else {
                throw ConsentError(
                    .conflict,
                    "The customer's ledger moved on (it has \(head.count) records; this one is sealed as number \(record.sequence)); read it again and reseal.",
                    context: ErrorContext(field: "sequence", item: record.customer.rawValue))
            }
            guard LedgerChain.computeHash(of: record) == record.hash else {
                throw ConsentError(
                    .invalidRecord, "The record's hash does not match its content; seal records with ConsentRecord(sealing:…).",
                    context: ErrorContext(field: "hash", item: record.customer.rawValue))
            }
            var grown = ledger
            grown.append(record, after: head)
            ledgers[record.customer] = grown
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
            ledgers.removeValue(forKey: customer)
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

    // MARK: Codable: the packed ledgers, send logs and suppressions.

    // `packedLedgers`: one byte string, for each ledger in customer order its customer
    // (varint byte count, UTF-8), record count (varint), byte count (varint) and packed
    // bytes. `ledgers`: the snapshots written before ledgers were packed (records by
    // customer), still read.
    private enum CodingKeys: String, CodingKey {
        case packedLedgers, ledgers, sendLogs, suppressions, prunedSendCounts
    }

    /// Decodes a snapshot.
    ///
    /// - Throws: `DecodingError` when the packed ledgers do not read, name one customer
    ///   twice, or (in an older snapshot) a record's customer or sequence is not its place.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sendLogs = try container.decode([CustomerID: [SendRecord]].self, forKey: .sendLogs)
        suppressions = try container.decode([Digest256: SuppressionEntry].self, forKey: .suppressions)
        // Absent from snapshots written before sends could be pruned.
        prunedSendCounts = try container.decodeIfPresent([CustomerID: Int].self, forKey: .prunedSendCounts) ?? [:]
        ledgers = SortedCustomerMap()
        if container.contains(.packedLedgers) {
            try container.decode([UInt8].self, forKey: .packedLedgers).withUnsafeBytes { try loadPacked($0) }
        } else {
            try loadLedgers(try container.decode([CustomerID: [ConsentRecord]].self, forKey: .ledgers))
        }
    }

    /// A snapshot's packed ledgers (`packedLedgers`), in customer order (checked): laid out
    /// at once.
    private mutating func loadPacked(_ raw: UnsafeRawBufferPointer) throws {
        var reader = PackedReader(raw)
        var customers: [CustomerID] = []
        var packed: [PackedLedger] = []
        do {
            while !reader.isAtEnd {
                guard let customer = CustomerID(rawValue: try reader.text()) else {
                    throw Self.corrupted(.packedLedgers, "A customer ID is not valid.")
                }
                let count = try reader.count(atMost: raw.count)
                let ledger = try reader.raw(count: try reader.count(atMost: raw.count))
                guard let format = ledger.first, PackedLedger.formats.contains(format), count <= ledger.count / 32 else {
                    throw Self.corrupted(.packedLedgers, "A ledger does not start as one.")
                }
                guard count > 0 else { continue }
                guard customers.last.map({ $0 < customer }) ?? true else {
                    throw Self.corrupted(.packedLedgers, "Two ledgers of one customer, or customers out of order, in the snapshot.")
                }
                customers.append(customer)
                packed.append(PackedLedger(bytes: Array(ledger), count: count))
            }
        } catch let error as PackedReader.Malformed {
            throw Self.corrupted(.packedLedgers, "\(error)")
        }
        ledgers = SortedCustomerMap(ascending: customers, values: packed)
    }

    /// A snapshot's ledgers from before they were packed (`ledgers`).
    private mutating func loadLedgers(_ stored: [CustomerID: [ConsentRecord]]) throws {
        for (customer, records) in stored where !records.isEmpty {
            var ledger = PackedLedger()
            for (sequence, record) in records.enumerated() {
                guard record.customer == customer, record.sequence == sequence else {
                    throw Self.corrupted(.ledgers, "A ledger holds a record of another customer or position.")
                }
                ledger.append(record, after: ledger.head(of: customer))
            }
            try insert(ledger, for: customer)
        }
    }

    private mutating func insert(_ ledger: PackedLedger, for customer: CustomerID) throws {
        guard ledger.count > 0 else { return }
        guard ledgers.updateValue(ledger, forKey: customer) == nil else {
            throw Self.corrupted(.packedLedgers, "Two ledgers of one customer in the snapshot.")
        }
    }

    private static func corrupted(_ key: CodingKeys, _ description: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key], debugDescription: description))
    }

    /// Encodes the packed ledgers (in customer order), send logs and suppressions.
    public func encode(to encoder: any Encoder) throws {
        var writer = PackedWriter(capacity: ledgers.count * 400)
        ledgers.forEach { customer, ledger in
            writer.text(customer.rawValue)
            writer.count(ledger.count)
            writer.count(ledger.bytes.count)
            writer.raw(ledger.bytes)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(writer.bytes, forKey: .packedLedgers)
        try container.encode(sendLogs, forKey: .sendLogs)
        try container.encode(suppressions, forKey: .suppressions)
        if !prunedSendCounts.isEmpty { try container.encode(prunedSendCounts, forKey: .prunedSendCounts) }
    }
}

extension ConsentState: RecordDecodable {
    /// Decodes a snapshot as ``init(from:)-(Decoder)`` does, reading the packed ledgers where
    /// the snapshot lies rather than copying them out first (a store's decoder takes this).
    public init(from reader: inout RecordReader) throws {
        sendLogs = try reader.decode([CustomerID: [SendRecord]].self, forKey: CodingKeys.sendLogs.stringValue)
        suppressions = try reader.decode([Digest256: SuppressionEntry].self, forKey: CodingKeys.suppressions.stringValue)
        prunedSendCounts = try reader.decodeIfPresent([CustomerID: Int].self, forKey: CodingKeys.prunedSendCounts.stringValue) ?? [:]
        ledgers = SortedCustomerMap()
        if reader.contains(CodingKeys.packedLedgers.stringValue) {
            try reader.withBytes(forKey: CodingKeys.packedLedgers.stringValue) { try loadPacked($0) }
        } else {
            try loadLedgers(try reader.decode([CustomerID: [ConsentRecord]].self, forKey: CodingKeys.ledgers.stringValue))
        }
    }
}
