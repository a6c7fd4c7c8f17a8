/// The state of one consent purpose in a customer's facts, as `consent.<purpose>` sees it.
///
/// Never NULL: a purpose the customer was never asked about is ``none``.
public enum ConsentFact: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The customer gave consent and it is in force.
    case granted
    /// The customer gave consent and later withdrew it.
    case withdrawn
    /// The customer was asked and said no.
    case refused
    /// Consent was requested and awaits confirmation (double opt-in).
    case pending
    /// Consent was given but has lapsed.
    case expired
    /// The customer was never asked.
    case none

    /// The state's name as written in a query: `granted`, `withdrawn`, ...
    public var description: String { rawValue }
}
