/// A field chosen to be asked now, with why it was chosen (for a "why we ask" line).
public struct Question: Sendable, Hashable {
    /// The field to ask: its key, label key, type and rules (choices) for the form.
    public let definition: FieldDefinition
    /// Why it is asked now.
    public let reason: QuestionReason

    /// Creates a question.
    public init(definition: FieldDefinition, reason: QuestionReason) {
        self.definition = definition
        self.reason = reason
    }

    /// The field's key.
    public var field: FieldKey { definition.key }
}
