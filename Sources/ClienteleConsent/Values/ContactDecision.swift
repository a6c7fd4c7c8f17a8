public import Foundation

/// Whether a message may be sent to a customer, why, and on which basis; recorded with
/// a send (``ConsentService/recordSend(_:)``) it proves the consent state at send time.
public struct ContactDecision: Hashable, Sendable, Codable {
    /// Allowed with a basis, or denied with a reason.
    public enum Outcome: Hashable, Sendable, Codable {
        /// The message may be sent on `basis`.
        case allowed(ContactBasis)
        /// The message may not be sent, because of `reason`.
        case denied(DenialReason)
    }

    /// The customer.
    public var customer: CustomerID
    /// What the message is.
    public var kind: MessageKind
    /// The channel.
    public var channel: ContactChannel
    /// The instant decided for, to the millisecond.
    public var at: Date
    /// The purpose's category (``PurposeCategory/service`` for service messages).
    public var category: PurposeCategory
    /// The current purpose version decided against, for purposes.
    public var purposeVersion: Int?
    /// The result.
    public var outcome: Outcome
    /// True when the message must carry an easy way to opt out (an unsubscribe link):
    /// every allowed message that is not a service message, and always on a soft opt-in.
    public var mustOfferOptOut: Bool
    /// The customer's ledger head the decision was derived from.
    public var ledgerHead: LedgerHead
    /// The number of sends in the customer's send log when deciding (the log's revision).
    public var sendCount: Int

    /// Creates a decision.
    public init(
        customer: CustomerID, kind: MessageKind, channel: ContactChannel, at: Date, category: PurposeCategory,
        purposeVersion: Int?, outcome: Outcome, mustOfferOptOut: Bool, ledgerHead: LedgerHead, sendCount: Int
    ) {
        self.customer = customer
        self.kind = kind
        self.channel = channel
        self.at = at
        self.category = category
        self.purposeVersion = purposeVersion
        self.outcome = outcome
        self.mustOfferOptOut = mustOfferOptOut
        self.ledgerHead = ledgerHead
        self.sendCount = sendCount
    }

    /// True when the message may be sent.
    public var isAllowed: Bool {
        if case .allowed = outcome { true } else { false }
    }

    /// The basis, when allowed.
    public var basis: ContactBasis? {
        if case .allowed(let basis) = outcome { basis } else { nil }
    }

    /// The reason, when denied.
    public var reason: DenialReason? {
        if case .denied(let reason) = outcome { reason } else { nil }
    }

    /// True when the message is exempt from caps and quiet periods (contract or legal obligation).
    public var isExempt: Bool {
        basis == .contract || basis == .legalObligation
    }
}
