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
