public import Foundation

/// The state of a customer's consent to one purpose on one channel, derived from the ledger.
public enum ConsentStatus: Hashable, Sendable, Codable {
    /// Nothing recorded.
    case none
    /// Given, waiting for the double opt-in confirmation until `confirmBy`.
    case pending(since: Date, confirmBy: Date, sequence: Int, version: Int)
    /// In force since `since`, given for purpose version `version`; `sequence` is the
    /// record that made it count (the `given`, or the `confirmed` for a double opt-in).
    case granted(since: Date, version: Int, sequence: Int)
    /// Refused at `at`.
    case refused(at: Date)
    /// Withdrawn (or ended by an objection) at `at`.
    case withdrawn(at: Date)
    /// Lapsed at `at` (an expiry record, or a double opt-in never confirmed in time).
    case expired(at: Date)

    /// The name the segment query language uses: `none`, `pending`, `granted`,
    /// `refused`, `withdrawn` or `expired`.
    public var name: String {
        switch self {
        case .none: "none"
        case .pending: "pending"
        case .granted: "granted"
        case .refused: "refused"
        case .withdrawn: "withdrawn"
        case .expired: "expired"
        }
    }

    /// True for ``granted(since:version:sequence:)``.
    public var isGranted: Bool {
        if case .granted = self { true } else { false }
    }
}
