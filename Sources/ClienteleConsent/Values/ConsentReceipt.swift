public import Foundation

/// A customer's consent history as a machine-readable receipt, after ISO/IEC TS 27560
/// (consent record information structure) and the Kantara Consent Receipt v1.1: a
/// header, the parties, the processing (one entry per purpose and channel with its
/// current state) and the events (every ledger record, with its hash chain).
///
/// Encode it with ``jsonData()`` for the customer or an auditor.
public struct ConsentReceipt: Hashable, Sendable, Codable {
    /// What the receipt is and when it was made.
    public struct Header: Hashable, Sendable, Codable {
        /// A fresh identifier of this receipt.
        public var receiptID: UUID
        /// The receipt format, `clientele-consent-receipt/1`.
        public var schema: String
        /// The standards it follows.
        public var basedOn: [String]
        /// When it was issued.
        public var issuedAt: Date
        /// The jurisdiction of the controller.
        public var jurisdiction: String
        /// The ledger head the receipt was made from.
        public var ledgerHead: LedgerHead
        /// Whether the ledger's hash chain verified when the receipt was made.
        public var chainIntact: Bool
    }

    /// The controller and the data subject.
    public struct Parties: Hashable, Sendable, Codable {
        /// The shop.
        public var controller: ReceiptController
        /// The customer, by identifier only.
        public var subject: CustomerID
    }

    /// One purpose on one channel: what it is and where it stands.
    public struct Processing: Hashable, Sendable, Codable {
        /// The purpose ID.
        public var purpose: PurposeID
        /// The current version.
        public var version: Int
        /// Its title.
        public var title: String
        /// The digest of the text shown.
        public var textDigest: String
        /// The category.
        public var category: PurposeCategory
        /// The legal basis.
        public var legalBasis: LegalBasis
        /// The channel.
        public var channel: ContactChannel
        /// The state: `none`, `pending`, `granted`, `refused`, `withdrawn` or `expired`.
        public var state: String
        /// The version the current consent was given for, when granted.
        public var grantedVersion: Int?
        /// The soft opt-in in force, if any.
        public var softOptIn: SoftOptIn?
        /// When the customer objected to direct marketing, if that stands.
        public var objectedAt: Date?
    }

    /// One ledger record: its position, its entry and its hash chain links. In JSON the
    /// entry's fields sit beside `sequence`, `previousHash` and `hash` (no nesting).
    @dynamicMemberLookup
    public struct Event: Hashable, Sendable {
        /// The position in the ledger.
        public var sequence: Int
        /// What happened (the record's ``ConsentRecord/entry``).
        public var entry: ConsentEntry
        /// The previous record's hash.
        public var previousHash: Digest256
        /// This record's hash.
        public var hash: Digest256

        /// The entry's fields, read and written in place: `event.action`, `event.purpose`,
        /// `event.id`, ... are `event.entry.action`, ... (see ``ConsentEntry``).
        public subscript<Value>(dynamicMember field: WritableKeyPath<ConsentEntry, Value>) -> Value {
            get { entry[keyPath: field] }
            set { entry[keyPath: field] = newValue }
        }

        /// The event for a ledger record.
        init(_ record: ConsentRecord) {
            sequence = record.sequence
            entry = record.entry
            previousHash = record.previousHash
            hash = record.hash
        }
    }

    /// The header.
    public var header: Header
    /// The parties.
    public var parties: Parties
    /// The processing, per purpose and channel.
    public var processing: [Processing]
    /// The events, in ledger order.
    public var events: [Event]

    /// The receipt as pretty-printed JSON with sorted keys and ISO 8601 dates.
    ///
    /// - Throws: An `EncodingError` only if a value cannot be encoded (never for valid receipts).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            try container.encode(formatter.string(from: date))
        }
        return try encoder.encode(self)
    }

    /// Builds a receipt from a customer's ledger. Pure: the instant and the receipt ID
    /// are parameters.
    public static func make(
        for customer: CustomerID, records: [ConsentRecord], catalog: PurposeCatalog, controller: ReceiptController,
        verification: ChainVerification, receiptID: UUID, at instant: Date
    ) -> ConsentReceipt {
        let standings = ConsentRules.standings(in: records, catalog: catalog, at: instant)
        let processing = standings.compactMap { standing -> Processing? in
            guard let purpose = catalog.current(standing.purpose) else { return nil }
            var grantedVersion: Int?
            if case .granted(_, let version, _) = standing.status { grantedVersion = version }
            return Processing(
                purpose: purpose.id, version: purpose.version, title: purpose.title, textDigest: purpose.textDigest,
                category: purpose.category, legalBasis: purpose.legalBasis, channel: standing.channel,
                state: standing.status.name, grantedVersion: grantedVersion,
                softOptIn: standing.softOptIn.flatMap { $0.terms.isInForce(at: instant) ? $0.terms : nil },
                objectedAt: standing.objectedAt)
        }
        let events = records.map(Event.init)
        return ConsentReceipt(
            header: Header(
                receiptID: receiptID, schema: "clientele-consent-receipt/1",
                basedOn: ["ISO/IEC TS 27560:2023", "Kantara Consent Receipt Specification v1.1"],
                issuedAt: StoredInstant.normalized(instant), jurisdiction: controller.jurisdiction,
                ledgerHead: verification.head, chainIntact: verification.isIntact),
            parties: Parties(controller: controller, subject: customer),
            processing: processing, events: events)
    }
}

extension ConsentReceipt.Event: Codable {
    private enum CodingKeys: String, CodingKey {
        case sequence, id, at, action, purpose, purposeVersion, channel, source, actor, evidence, confirmBy, confirms,
            softOptIn, previousHash, hash
    }

    /// Reads an event in its flat form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        entry = try ConsentEntry(id: try container.decode(UUID.self, forKey: .id), flatFieldsOf: container)
        previousHash = try container.decode(Digest256.self, forKey: .previousHash)
        hash = try container.decode(Digest256.self, forKey: .hash)
    }

    /// Writes an event in its flat form (absent optionals are left out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(entry.id, forKey: .id)
        try entry.encodeFlatFields(into: &container)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
    }
}
