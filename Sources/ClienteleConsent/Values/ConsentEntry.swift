public import Foundation

/// What to append to a ledger, before it is sealed into a ``ConsentRecord``.
public struct ConsentEntry: Hashable, Sendable, Codable {
    /// The future record's identifier.
    public var id: UUID
    /// When it happened.
    public var at: Date
    /// What happened.
    public var action: ConsentAction
    /// The purpose (`nil` only for an objection).
    public var purpose: PurposeID?
    /// The purpose version.
    public var purposeVersion: Int?
    /// The channel; `nil` for every channel of the purpose.
    public var channel: ContactChannel?
    /// The collection point.
    public var source: String
    /// Who acted.
    public var actor: ConsentActor
    /// Digest evidence.
    public var evidence: ConsentEvidence
    /// The double opt-in deadline of a `given` entry.
    public var confirmBy: Date?
    /// The sequence a `confirmed` entry confirms.
    public var confirms: Int?
    /// The terms of a `softOptIn` entry.
    public var softOptIn: SoftOptIn?

    /// Creates an entry.
    public init(
        id: UUID, at: Date, action: ConsentAction, purpose: PurposeID?, purposeVersion: Int? = nil,
        channel: ContactChannel? = nil, source: String, actor: ConsentActor, evidence: ConsentEvidence = .none,
        confirmBy: Date? = nil, confirms: Int? = nil, softOptIn: SoftOptIn? = nil
    ) {
        self.id = id
        self.at = at
        self.action = action
        self.purpose = purpose
        self.purposeVersion = purposeVersion
        self.channel = channel
        self.source = source
        self.actor = actor
        self.evidence = evidence
        self.confirmBy = confirmBy
        self.confirms = confirms
        self.softOptIn = softOptIn
    }
}

// MARK: The flat form

/// A ``ConsentRecord`` and a ``ConsentReceipt/Event`` write their entry's fields flat,
/// beside their own (`sequence`, `previousHash`, `hash`), under the entry's field names.
/// Both read and write those fields here, in one order: `at` through `softOptIn` (each
/// writes `id` where its own format puts it).
extension ConsentEntry {
    /// Writes `at` through `softOptIn` into `container`, whose keys carry the same names.
    package func encodeFlatFields<Key: CodingKey>(into container: inout KeyedEncodingContainer<Key>) throws {
        try container.encode(at, forKey: Self.flatKey("at"))
        try container.encode(action, forKey: Self.flatKey("action"))
        try container.encodeIfPresent(purpose, forKey: Self.flatKey("purpose"))
        try container.encodeIfPresent(purposeVersion, forKey: Self.flatKey("purposeVersion"))
        try container.encodeIfPresent(channel, forKey: Self.flatKey("channel"))
        try container.encode(source, forKey: Self.flatKey("source"))
        try container.encode(actor, forKey: Self.flatKey("actor"))
        try container.encode(evidence, forKey: Self.flatKey("evidence"))
        try container.encodeIfPresent(confirmBy, forKey: Self.flatKey("confirmBy"))
        try container.encodeIfPresent(confirms, forKey: Self.flatKey("confirms"))
        try container.encodeIfPresent(softOptIn, forKey: Self.flatKey("softOptIn"))
    }

    /// Reads `at` through `softOptIn` from `container`, whose keys carry the same names.
    package init<Key: CodingKey>(id: UUID, flatFieldsOf container: KeyedDecodingContainer<Key>) throws {
        self.init(
            id: id, at: try container.decode(Date.self, forKey: Self.flatKey("at")),
            action: try container.decode(ConsentAction.self, forKey: Self.flatKey("action")),
            purpose: try container.decodeIfPresent(PurposeID.self, forKey: Self.flatKey("purpose")),
            purposeVersion: try container.decodeIfPresent(Int.self, forKey: Self.flatKey("purposeVersion")),
            channel: try container.decodeIfPresent(ContactChannel.self, forKey: Self.flatKey("channel")),
            source: try container.decode(String.self, forKey: Self.flatKey("source")),
            actor: try container.decode(ConsentActor.self, forKey: Self.flatKey("actor")),
            evidence: try container.decode(ConsentEvidence.self, forKey: Self.flatKey("evidence")),
            confirmBy: try container.decodeIfPresent(Date.self, forKey: Self.flatKey("confirmBy")),
            confirms: try container.decodeIfPresent(Int.self, forKey: Self.flatKey("confirms")),
            softOptIn: try container.decodeIfPresent(SoftOptIn.self, forKey: Self.flatKey("softOptIn")))
    }

    /// The key named `name` of a flat form's coding keys.
    private static func flatKey<Key: CodingKey>(_ name: String) throws -> Key {
        guard let key = Key(stringValue: name) else {
            throw EncodingError.invalidValue(
                name, EncodingError.Context(codingPath: [], debugDescription: "\(Key.self) has no key named \(name)."))
        }
        return key
    }
}
