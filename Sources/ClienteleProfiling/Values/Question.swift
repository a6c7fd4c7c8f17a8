/// A field chosen to be asked now, with why it was chosen (for a "why we ask" line).
public struct Question: Sendable, Hashable {
    /// The catalog's definition, shared rather than copied: a question costs one reference.
    private let shared: FieldCatalog.SharedDefinition
    /// Why it is asked now.
    public let reason: QuestionReason

    /// Creates a question.
    public init(definition: FieldDefinition, reason: QuestionReason) {
        self.init(shared: FieldCatalog.SharedDefinition(definition), reason: reason)
    }

    init(shared: FieldCatalog.SharedDefinition, reason: QuestionReason) {
        self.shared = shared
        self.reason = reason
    }

    /// The field to ask: its key, label key, type and rules (choices) for the form.
    public var definition: FieldDefinition { shared.definition }

    /// The field's key.
    public var field: FieldKey { shared.definition.key }

    /// Compares the definitions and reasons.
    public static func == (lhs: Question, rhs: Question) -> Bool {
        lhs.reason == rhs.reason && (lhs.shared === rhs.shared || lhs.shared.definition == rhs.shared.definition)
    }

    /// Hashes the definition and reason.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(shared.definition)
        hasher.combine(reason)
    }
}
