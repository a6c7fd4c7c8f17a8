public import Foundation

/// A customer declined to answer a field at an instant; the field is not asked again
/// before its cool-down (``FieldDefinition/declineCoolDown``) has passed.
public struct FieldDecline: Sendable, Hashable, Codable {
    /// The field declined.
    public var field: FieldKey
    /// When it was last declined.
    public var at: Date

    /// Creates a decline.
    public init(field: FieldKey, at: Date) {
        self.field = field
        self.at = at
    }
}
