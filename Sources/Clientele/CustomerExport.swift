public import Foundation

/// Everything Clientele holds about one customer, across every module: the answer to a
/// data-subject access request (GDPR article 15) and the portable copy of article 20.
///
/// Serialize it with ``jsonData()``: one JSON document whose schema is this type's fields
/// (version ``currentSchemaVersion``, documented in Docs/Privacy.md). It holds personal
/// data: hand it to the customer, never to a log. Secrets are left out: no password hash,
/// and sessions and tokens without their digests.
public struct CustomerExport: Sendable, Hashable, Codable {
    /// The schema version of documents made by this library version.
    public static let currentSchemaVersion = 1

    /// A live login session, without its digest.
    public struct SessionSummary: Sendable, Hashable, Codable {
        /// The session's identifier.
        public var id: SessionID
        /// When it was opened.
        public var createdAt: Date
        /// When it was last used.
        public var lastUsedAt: Date
    }

    /// An outstanding one-time token (verification, reset, e-mail change), without its digest.
    public struct TokenSummary: Sendable, Hashable, Codable {
        /// What it is for.
        public var purpose: TokenPurpose
        /// When it was issued.
        public var issuedAt: Date
        /// When it stops working.
        public var expiresAt: Date
        /// The address an e-mail change would move to.
        public var newEmail: EmailAddress?
    }

    /// The schema version (``currentSchemaVersion`` when made).
    public var schemaVersion: Int
    /// When the export was made.
    public var exportedAt: Date
    /// The customer.
    public var customer: CustomerID
    /// The account or guest record: e-mail address, status and its log, groups, addresses,
    /// default addresses, registration requirements, creation instant. `nil` when none is held.
    public var account: Customer?
    /// Live sessions.
    public var sessions: [SessionSummary]
    /// Outstanding one-time tokens.
    public var tokens: [TokenSummary]
    /// Orders, newest first.
    public var orders: [OrderReference]
    /// The profile: values with provenance, change history, declines, prompts.
    public var profile: CustomerProfile?
    /// The consent ledger, every record with its evidence and hash.
    public var consentLedger: [ConsentRecord]
    /// The consent receipt (standings, controller, chain verification); `nil` without a ledger.
    public var consentReceipt: ConsentReceipt?
    /// Marketing sends recorded, with their proof of consent.
    public var sends: [SendRecord]
    /// The segments the customer is stored as a member of.
    public var segments: [String]
    /// The trigger moments that fired (`welcome`, `milestone:10`, ...).
    public var firedTriggers: [String]
    /// The price lists whose audience names the customer.
    public var priceLists: [PriceListID]

    /// The document as UTF-8 JSON: keys sorted, instants in ISO 8601 with milliseconds (UTC).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            formatter.timeZone = TimeZone(identifier: "UTC")
            var container = encoder.singleValueContainer()
            try container.encode(formatter.string(from: date))
        }
        return try encoder.encode(self)
    }
}

extension CustomerExport: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CustomerExport(customer: C1, schema 1, <redacted>)`: the document is personal data,
    /// so printing or dumping it shows none of it.
    public var description: String {
        "CustomerExport(customer: \(customer.rawValue), schema \(schemaVersion), \(Redacted.text))"
    }
    /// As redacted as ``description``.
    public var debugDescription: String { description }
    /// The customer id and schema version; everything else shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["customer": customer.rawValue, "schemaVersion": schemaVersion, "content": Redacted.text])
    }
}

extension CustomerExport.SessionSummary: CustomStringConvertible {
    /// The session id only.
    public var description: String { "Session(\(id))" }
}
