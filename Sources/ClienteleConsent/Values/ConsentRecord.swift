public import Foundation

/// One entry of a customer's consent ledger. Records are appended, never changed, and
/// each carries the SHA-256 of its predecessor, so a later edit, deletion or reordering
/// breaks the chain (see ``LedgerChain/verify(_:of:expectedHead:)``).
///
/// Make one with ``init(sealing:customer:sequence:previousHash:)``; the current consent
/// state is always derived from the records (``ConsentRules``), never stored beside them.
public struct ConsentRecord: Hashable, Sendable, Codable, Identifiable {
    /// The record's identifier.
    public var id: UUID
    /// The customer whose ledger this is.
    public var customer: CustomerID
    /// The position in the customer's ledger, from 0, without gaps.
    public var sequence: Int
    /// When it happened, to the millisecond.
    public var at: Date
    /// What happened.
    public var action: ConsentAction
    /// The purpose; `nil` only for an objection, which covers all direct marketing.
    public var purpose: PurposeID?
    /// The purpose version the statement was about.
    public var purposeVersion: Int?
    /// The channel; `nil` means every channel of the purpose.
    public var channel: ContactChannel?
    /// The collection point, such as `checkout` or `unsubscribe-link`.
    public var source: String
    /// Who acted.
    public var actor: ConsentActor
    /// How it came about, as digests.
    public var evidence: ConsentEvidence
    /// For a `given` record that needs a double opt-in: the deadline for the confirmation.
    public var confirmBy: Date?
    /// For a `confirmed` record: the sequence of the `given` record it confirms.
    public var confirms: Int?
    /// For a `softOptIn` record: its terms.
    public var softOptIn: SoftOptIn?
    /// The ``hash`` of the previous record (for sequence 0, ``LedgerChain/genesisHash(of:)``).
    public var previousHash: Digest256
    /// The SHA-256 (hex) over every other field, ``previousHash`` included.
    public var hash: Digest256

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
        self.id = entry.id
        self.customer = customer
        self.sequence = sequence
        self.at = Instant.normalized(entry.at)
        self.action = entry.action
        self.purpose = entry.purpose
        self.purposeVersion = entry.purposeVersion
        self.channel = entry.channel
        self.source = entry.source
        self.actor = entry.actor
        self.evidence = entry.evidence
        self.confirmBy = entry.confirmBy.map(Instant.normalized)
        self.confirms = entry.confirms
        self.softOptIn = entry.softOptIn
        self.previousHash = previousHash
        self.hash = previousHash
        self.hash = LedgerChain.computeHash(of: self)
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
