/// Whether a customer has credentials.
public enum CustomerKind: String, Sendable, Codable, Hashable {
    /// A customer without credentials: a checkout with only an e-mail address.
    case guest
    /// A customer with credentials (an account), who can log in once active.
    case account
}
