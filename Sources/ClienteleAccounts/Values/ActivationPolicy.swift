/// How a shop lets new accounts become active.
public enum ActivationPolicy: String, Sendable, Codable, Hashable, CaseIterable {
    /// Self-registered accounts are active at once.
    case open
    /// Self-registered accounts are pending until the customer uses the e-mail verification token.
    case verifyEmail
    /// Self-registered accounts are pending until the shop approves (or rejects, with a reason).
    case approval
    /// Customers cannot register themselves; only the shop creates accounts (for example B2B).
    case shopCreatedOnly
}
