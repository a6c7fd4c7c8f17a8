public import Foundation

/// A message the host sent, with the decision that allowed it: the proof of the consent
/// state at send time, and the input to frequency caps.
public struct SendRecord: Hashable, Sendable, Codable, Identifiable {
    /// The send's identifier.
    public var id: UUID
    /// The customer.
    public var customer: CustomerID
    /// The position in the customer's send log, from 0, without gaps (the log's revision).
    public var sequence: Int
    /// When it was sent (the decision's instant), to the millisecond.
    public var at: Date
    /// What the message was.
    public var kind: MessageKind
    /// The channel.
    public var channel: ContactChannel
    /// The category of its purpose.
    public var category: PurposeCategory
    /// The purpose version decided against.
    public var purposeVersion: Int?
    /// The basis the decision allowed it on.
    public var basis: ContactBasis
    /// The ledger head the decision was derived from.
    public var ledgerHead: LedgerHead
    /// The host's reference for the message (a campaign or mail ID), if it gave one.
    public var reference: String?

    /// Creates a send record.
    public init(
        id: UUID, customer: CustomerID, sequence: Int, at: Date, kind: MessageKind, channel: ContactChannel,
        category: PurposeCategory, purposeVersion: Int?, basis: ContactBasis, ledgerHead: LedgerHead,
        reference: String? = nil
    ) {
        self.id = id
        self.customer = customer
        self.sequence = sequence
        self.at = StoredInstant.normalized(at)
        self.kind = kind
        self.channel = channel
        self.category = category
        self.purposeVersion = purposeVersion
        self.basis = basis
        self.ledgerHead = ledgerHead
        self.reference = reference
    }

    /// The purpose, for purpose messages.
    public var purpose: PurposeID? {
        if case .purpose(let id) = kind { id } else { nil }
    }

    /// True for service messages and purposes on contract or legal obligation, which
    /// frequency caps neither count nor limit.
    public var isExempt: Bool { basis == .contract || basis == .legalObligation }
}
