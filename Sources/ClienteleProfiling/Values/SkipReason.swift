public import Foundation

/// Why a field of the catalog is not asked now. Each field gets the first reason that
/// applies, checked in the order of the cases.
public enum SkipReason: Sendable, Hashable {
    /// The value is already known.
    case known
    /// The customer may not edit the field (the shop sets it).
    case notEditableByCustomer
    /// The field is not asked at this moment.
    case notAskedAtThisMoment
    /// The field serves a purpose the customer holds no consent for.
    case consentNotHeld(purpose: String)
    /// A prerequisite on another field does not hold (yet).
    case prerequisiteNotMet(FieldKey)
    /// The customer declined the field; it is not asked again before `until`.
    case declined(until: Date)
    /// The customer was prompted as often as the cap allows; prompting is allowed again at `until`.
    case promptCapReached(until: Date)
    /// The field could be asked, but the limit of questions was reached with fields asked first.
    case limitReached
}

/// A field of the catalog that is not asked now, and why.
public struct SkippedField: Sendable, Hashable {
    /// The field's key.
    public let field: FieldKey
    /// Why it is not asked.
    public let reason: SkipReason

    /// Creates a skipped field.
    public init(field: FieldKey, reason: SkipReason) {
        self.field = field
        self.reason = reason
    }
}
