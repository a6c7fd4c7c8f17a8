/// Who caused a ledger record.
public enum ConsentActor: String, Hashable, Sendable, Codable, CaseIterable {
    /// The customer, through a form, a link or the account page.
    case customer
    /// Shop staff, for example recording consent given by phone.
    case shop
    /// Clientele or the host acting automatically (expiry, soft opt-in at checkout).
    case system
    /// An import from an earlier system.
    case `import`
}
