/// One failing answer of a submission: the field, the rule it broke and a message for the
/// shop developer. The message never contains the value.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field.
    public let field: FieldKey
    /// The rule the answer broke.
    public let rule: AnswerRule
    /// What is wrong, without the value.
    public let message: String

    /// Creates a field error.
    public init(field: FieldKey, rule: AnswerRule, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }

    /// `birth-date: tooRecent: …`.
    public var description: String { "\(field): \(rule.rawValue): \(message)" }

    /// The error as a ``ProfilingError``: ``ProfilingErrorCode/unknownField``,
    /// ``ProfilingErrorCode/fieldNotEditable`` or ``ProfilingErrorCode/invalidAnswer``,
    /// with the field's key as `context.item` and the rule as `context.field`.
    public var error: ProfilingError {
        let code: ProfilingErrorCode =
            switch rule {
            case .unknownField: .unknownField
            case .notEditable: .fieldNotEditable
            default: .invalidAnswer
            }
        return ProfilingError(code, message, context: ErrorContext(field: rule.rawValue, item: field.rawValue))
    }
}
