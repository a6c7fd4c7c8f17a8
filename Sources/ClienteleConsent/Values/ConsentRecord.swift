public import Foundation

/// One entry of a customer's consent ledger. Records are appended, never changed, and
/// each carries the SHA-256 of its predecessor, so a later edit, deletion or reordering
/// breaks the chain (see ``LedgerChain/verify(_:of:expectedHead:)``).
///
/// Make one with ``init(sealing:customer:sequence:previousHash:)``; the current consent
/// state is always derived from the records (``ConsentRules``), never stored beside them.
@dynamicMemberLookup
public struct ConsentRecord: Hashable, Sendable, Identifiable {
    /// What happened: the entry that was sealed (its instants normalized to the millisecond).
    public var entry: ConsentEntry
    /// The customer whose ledger this is.
    public var customer: CustomerID
    /// The position in the customer's ledger, from 0, without gaps.
    public var sequence: Int
    /// The ``hash`` of the previous record (for sequence 0, ``LedgerChain/genesisHash(of:)``).
    public var previousHash: Digest256
    /// The SHA-256 (hex) over every other field, ``previousHash`` included.
    public var hash: Digest256

    /// The record's identifier (the entry's, ``ConsentEntry/id``).
    public var id: UUID { entry.id }

    /// The entry's fields, read and written in place: `record.action`, `record.purpose`,
    /// `record.at`, ... are `record.entry.action`, ... (see ``ConsentEntry``).
    public subscript<Value>(dynamicMember field: WritableKeyPath<ConsentEntry, Value>) -> Value {
        get { entry[keyPath: field] }
        set { entry[keyPath: field] = newValue }
    }

    // MARK: Sealing

    /// Seals an entry as record `sequence` of `customer`'s ledger, linking it to the
    /// previous record's hash.
    ///
    /// - Parameters:
    ///   - entry: What happened.
    ///   - customer: Whose ledger.
    ///   - sequence: The customer's current record count.
    ///   - previousHash: The hash of record `sequence - 1`, or the genesis hash for 0.
    /// - Complexity: O(size of the entry).
    public init(sealing entry: ConsentEntry, customer: CustomerID, sequence: Int, previousHash: Digest256) {
        var normalized = entry
        normalized.at = StoredInstant.normalized(entry.at)
        normalized.confirmBy = entry.confirmBy.map(StoredInstant.normalized)
        self.entry = normalized
        self.customer = customer
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = previousHash
        self.hash = LedgerChain.computeHash(of: self)
    }

    /// A record as a store adapter reads it back: every field, the hash included, exactly
    /// as stored. The hash is taken as given, never recomputed, so a row altered in the
    /// database fails ``LedgerChain/verify(_:of:expectedHead:)`` instead of sealing itself
    /// again. To make a new record, seal an entry with ``init(sealing:customer:after:)``.
    ///
    /// - Parameters:
    ///   - entry: The stored entry's fields.
    ///   - customer: Whose ledger.
    ///   - sequence: The stored position in the ledger.
    ///   - previousHash: The stored hash of the record before.
    ///   - hash: The stored hash of this record.
    public init(entry: ConsentEntry, customer: CustomerID, sequence: Int, previousHash: Digest256, hash: Digest256) {
        self.entry = entry
        self.customer = customer
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Seals an entry as the record after `previous` (or as the first record).
    public init(sealing entry: ConsentEntry, customer: CustomerID, after previous: ConsentRecord?) {
        self.init(
            sealing: entry, customer: customer, sequence: previous.map { $0.sequence + 1 } ?? 0,
            previousHash: previous?.hash ?? LedgerChain.genesisHash(of: customer))
    }

    /// The ledger head this record makes: its position + 1 and its hash.
    public var head: LedgerHead { LedgerHead(count: sequence + 1, hash: hash) }
}

extension ConsentRecord: Codable {
    /// The stored field names, flat and in this order (the record's format; the entry's
    /// fields sit between `sequence` and `previousHash`).
    private enum CodingKeys: String, CodingKey {
        case id, customer, sequence, at, action, purpose, purposeVersion, channel, source, actor, evidence, confirmBy,
            confirms, softOptIn, previousHash, hash
    }

    /// Reads a record in its flat stored form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(UUID.self, forKey: .id)
        let customer = try container.decode(CustomerID.self, forKey: .customer)
        let sequence = try container.decode(Int.self, forKey: .sequence)
        let entry = try ConsentEntry(id: id, flatFieldsOf: container)
        self.init(
            entry: entry, customer: customer, sequence: sequence,
            previousHash: try container.decode(Digest256.self, forKey: .previousHash),
            hash: try container.decode(Digest256.self, forKey: .hash))
    }

    /// Writes a record in its flat stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(customer, forKey: .customer)
        try container.encode(sequence, forKey: .sequence)
        try entry.encodeFlatFields(into: &container)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
    }
}
