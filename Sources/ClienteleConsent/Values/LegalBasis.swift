/// The lawful ground a purpose rests on (GDPR article 6(1)).
public enum LegalBasis: String, Hashable, Sendable, Codable, CaseIterable {
    /// The customer agreed (article 6(1)(a)); needs a record in the ledger.
    case consent
    /// Needed to perform the contract with the customer (order confirmation, invoice, shipping).
    case contract
    /// The shop's legitimate interest (article 6(1)(f)); the customer may object or opt out.
    case legitimateInterest
    /// Required by law (a tax invoice, a product recall).
    case legalObligation

    /// True for bases that need no consent and cannot be opted out of: contract and legal obligation.
    public var isExemptFromConsent: Bool { self == .contract || self == .legalObligation }
}
