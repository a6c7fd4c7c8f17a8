public import Foundation

/// Why a field is asked now. When several apply, the most specific one is given, in this
/// order: ``askedAgainAfterDecline(declinedAt:)``, ``followsUp(_:)``, ``servesPurpose(_:)``,
/// ``unanswered``.
public enum QuestionReason: Sendable, Hashable {
    /// The value is not known yet and this is a moment the field is asked at.
    case unanswered
    /// The field serves a consent purpose the customer holds (such as personalised offers).
    case servesPurpose(String)
    /// The field follows up on another field's answer (its prerequisite is now met).
    case followsUp(FieldKey)
    /// The customer declined the field before and its cool-down has passed.
    case askedAgainAfterDecline(declinedAt: Date)
}
