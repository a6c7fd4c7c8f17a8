/// What a ledger record says happened.
public enum ConsentAction: String, Hashable, Sendable, Codable, CaseIterable {
    /// The customer agreed to a purpose (pending until confirmed when it needs a double opt-in).
    case given
    /// The customer was asked and said no.
    case refused
    /// The customer took consent (or a soft opt-in) back, or unsubscribed.
    case withdrawn
    /// The consent or soft opt-in lapsed.
    case expired
    /// The customer confirmed a pending consent (double opt-in).
    case confirmed
    /// A soft opt-in was recorded: an existing customer, tied to an order and product categories.
    case softOptIn
    /// The customer objected to direct marketing: absolute, ends every marketing basis.
    case objected
}
