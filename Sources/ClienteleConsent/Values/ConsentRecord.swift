public import Foundation

/// One entry of a customer's consent ledger. Records are appended, never changed, and
/// each carries the SHA-256 of its predecessor, so a later edit, deletion or reordering
/// breaks the chain (see ``LedgerChain/verify(_:of:expectedHead:)``).
///
/// Make one with ``init(sealing:customer:sequence:previousHash:)``; the current consent
/// state is always derived from the records (``ConsentRules``), never stored beside them.
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

    // MARK: The entry's fields

    /// The record's identifier. (The entry's, ``ConsentEntry/id``.)
    public var id: UUID {
        get { entry.id }
        set { entry.id = newValue }
    }
    /// When it happened, to the millisecond. (The entry's, ``ConsentEntry/at``.)
    public var at: Date {
        get { entry.at }
        set { entry.at = newValue }
    }
    /// What happened. (The entry's, ``ConsentEntry/action``.)
    public var action: ConsentAction {
        get { entry.action }
        set { entry.action = newValue }
    }
    /// The purpose; `nil` only for an objection, which covers all direct marketing. (The entry's, ``ConsentEntry/purpose``.)
    public var purpose: PurposeID? {
        get { entry.purpose }
        set { entry.purpose = newValue }
    }
    /// The purpose version the statement was about. (The entry's, ``ConsentEntry/purposeVersion``.)
    public var purposeVersion: Int? {
        get { entry.purposeVersion }
        set { entry.purposeVersion = newValue }
    }
    /// The channel; `nil` means every channel of the purpose. (The entry's, ``ConsentEntry/channel``.)
    public var channel: ContactChannel? {
        get { entry.channel }
        set { entry.channel = newValue }
    }
    /// The collection point, such as `checkout` or `unsubscribe-link`. (The entry's, ``ConsentEntry/source``.)
    public var source: String {
        get { entry.source }
        set { entry.source = newValue }
    }
    /// Who acted. (The entry's, ``ConsentEntry/actor``.)
    public var actor: ConsentActor {
        get { entry.actor }
        set { entry.actor = newValue }
    }
    /// How it came about, as digests. (The entry's, ``ConsentEntry/evidence``.)
    public var evidence: ConsentEvidence {
        get { entry.evidence }
        set { entry.evidence = newValue }
    }
    /// For a `given` record that needs a double opt-in: the deadline for the confirmation. (The entry's, ``ConsentEntry/confirmBy``.)
    public var confirmBy: Date? {
        get { entry.confirmBy }
        set { entry.confirmBy = newValue }
    }
    /// For a `confirmed` record: the sequence of the `given` record it confirms. (The entry's, ``ConsentEntry/confirms``.)
    public var confirms: Int? {
        get { entry.confirms }
        set { entry.confirms = newValue }
    }
    /// For a `softOptIn` record: its terms. (The entry's, ``ConsentEntry/softOptIn``.)
    public var softOptIn: SoftOptIn? {
        get { entry.softOptIn }
        set { entry.softOptIn = newValue }
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
        normalized.at = Instant.normalized(entry.at)
        normalized.confirmBy = entry.confirmBy.map(Instant.normalized)
        self.entry = normalized
        self.customer = customer
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = previousHash
        self.hash = LedgerChain.computeHash(of: self)
    }

    /// A record as stored, its hash taken as given (``LedgerChain/verify(_:of:expectedHead:)``
    /// checks it).
    init(entry: ConsentEntry, customer: CustomerID, sequence: Int, previousHash: Digest256, hash: Digest256) {
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
        let entry = ConsentEntry(
            id: id, at: try container.decode(Date.self, forKey: .at),
            action: try container.decode(ConsentAction.self, forKey: .action),
            purpose: try container.decodeIfPresent(PurposeID.self, forKey: .purpose),
            purposeVersion: try container.decodeIfPresent(Int.self, forKey: .purposeVersion),
            channel: try container.decodeIfPresent(ContactChannel.self, forKey: .channel),
            source: try container.decode(String.self, forKey: .source),
            actor: try container.decode(ConsentActor.self, forKey: .actor),
            evidence: try container.decode(ConsentEvidence.self, forKey: .evidence),
            confirmBy: try container.decodeIfPresent(Date.self, forKey: .confirmBy),
            confirms: try container.decodeIfPresent(Int.self, forKey: .confirms),
            softOptIn: try container.decodeIfPresent(SoftOptIn.self, forKey: .softOptIn))
        self.init(
            entry: entry, customer: customer, sequence: sequence,
            previousHash: try container.decode(Digest256.self, forKey: .previousHash),
            hash: try container.decode(Digest256.self, forKey: .hash))
    }

    /// Writes a record in its flat stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(customer, forKey: .customer)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(at, forKey: .at)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(purpose, forKey: .purpose)
        try container.encodeIfPresent(purposeVersion, forKey: .purposeVersion)
        try container.encodeIfPresent(channel, forKey: .channel)
        try container.encode(source, forKey: .source)
        try container.encode(actor, forKey: .actor)
        try container.encode(evidence, forKey: .evidence)
        try container.encodeIfPresent(confirmBy, forKey: .confirmBy)
        try container.encodeIfPresent(confirms, forKey: .confirms)
        try container.encodeIfPresent(softOptIn, forKey: .softOptIn)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
    }
}
