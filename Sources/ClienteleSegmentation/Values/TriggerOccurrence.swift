public import Foundation

/// What a trigger fires for: the right message at the right moment.
public enum TriggerKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A registered account was created. Key `welcome`.
    case welcome
    /// The customer reached an order milestone such as the 10th order. Key `milestone:<n>`.
    case milestone
    /// A full year as a customer. Key `anniversary:<year of the anniversary day>`.
    case anniversary
    /// The birthday is near. Key `birthday:<year of the birthday>`.
    case birthday
    /// No visit and no order for a while. Key `inactivity:<YYYY-MM-DD of the last activity>`.
    case inactivity
    /// Consent to a purpose is old and should be confirmed again.
    /// Key `repermission:<YYYY-MM-DD the consent was given>:<purpose>`.
    case rePermission = "repermission"

    /// The kind's name, the first part of its keys.
    public var description: String { rawValue }
}

/// Whether a triggered message needs marketing consent.
public enum TriggerMessageCategory: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Part of the service the customer asked for: sent without marketing consent, exempt
    /// from frequency caps. Only ``TriggerKind/welcome`` is one.
    case service
    /// Promotion or relationship mail: the host sends it only when a contact decision
    /// allows it.
    case marketing

    /// `service` or `marketing`.
    public var description: String { rawValue }
}

/// One moment a trigger fires for one customer, reported once.
///
/// The pair (``customer``, ``key``) identifies the occurrence for ever: scanning again,
/// on another day or after a restart, yields the same key for the same moment, and
/// ``TriggerScan/due(for:at:firedKeys:consentGivenAt:)`` skips keys already fired. The
/// host records each key when it acts on it (the fired-keys store).
public struct TriggerOccurrence: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The customer.
    public var customer: CustomerID
    /// The trigger.
    public var kind: TriggerKind
    /// The stable key of the moment, unique per customer: `welcome`, `milestone:10`,
    /// `anniversary:2027`, `birthday:2026`, `inactivity:2026-10-05`,
    /// `repermission:2024-12-03:newsletter`.
    public var key: String
    /// When the occurrence became due; the scan reports it at or after this instant.
    public var due: Date
    /// Whether the message needs marketing consent.
    public var category: TriggerMessageCategory

    /// Creates an occurrence.
    public init(customer: CustomerID, kind: TriggerKind, key: String, due: Date, category: TriggerMessageCategory) {
        self.customer = customer
        self.kind = kind
        self.key = key
        self.due = due
        self.category = category
    }

    /// `C1 milestone:10 (marketing)`: identifiers only (a birthday key names a year, not
    /// the date).
    public var description: String { "\(customer.rawValue) \(key) (\(category.rawValue))" }
}
