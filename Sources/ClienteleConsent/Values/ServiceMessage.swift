/// A message the contract with the customer needs. It rests on the contract, needs no
/// consent, and is exempt from frequency caps, quiet periods and the suppression list.
public enum ServiceMessage: String, Hashable, Sendable, Codable, CaseIterable {
    /// The order was received.
    case orderConfirmation
    /// The invoice.
    case invoice
    /// The order was shipped (track and trace).
    case shipping
    /// The order is late.
    case delayNotice
    /// Account security: password reset, e-mail verification, login alerts.
    case accountSecurity
}
