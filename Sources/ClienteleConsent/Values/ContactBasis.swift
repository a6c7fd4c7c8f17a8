public import Foundation

/// The ground an allowed contact decision rests on.
public enum ContactBasis: Hashable, Sendable, Codable {
    /// A service message (or a purpose on the contract basis).
    case contract
    /// A purpose on a legal obligation.
    case legalObligation
    /// Explicit consent: the ledger record `sequence`, for purpose version `version`, in force since `since`.
    case consent(sequence: Int, version: Int, since: Date)
    /// A soft opt-in: the ledger record `sequence`, created by order `orderReference`.
    case softOptIn(sequence: Int, orderReference: String)
    /// The shop's legitimate interest, not objected to.
    case legitimateInterest

    /// A stable name: `contract`, `legalObligation`, `consent`, `softOptIn`, `legitimateInterest`.
    public var name: String {
        switch self {
        case .contract: "contract"
        case .legalObligation: "legalObligation"
        case .consent: "consent"
        case .softOptIn: "softOptIn"
        case .legitimateInterest: "legitimateInterest"
        }
    }
}
