/// The checked form of a submission: the accepted values (normalized: an e-mail address in
/// its display form, a phone number in E.164), the accepted declines, and every failing
/// answer.
public struct AnswerReport: Sendable, Hashable {
    /// The valid answers, normalized.
    public let values: [FieldKey: ProfileValue]
    /// The valid declines, sorted by field key.
    public let declines: [FieldKey]
    /// The failing answers, sorted by field key.
    public let errors: [FieldError]

    /// Creates a report.
    public init(values: [FieldKey: ProfileValue], declines: [FieldKey], errors: [FieldError]) {
        self.values = values
        self.declines = declines
        self.errors = errors
    }

    /// True when every answer passed.
    public var isValid: Bool { errors.isEmpty }

    /// The values to store in `mode`: all valid ones when the submission is valid or
    /// partial saves are asked for, none when an atomic submission has a failing answer.
    public func valuesToStore(_ mode: SubmissionMode) -> [FieldKey: ProfileValue] {
        mode == .partial || isValid ? values : [:]
    }

    /// The declines to record in `mode`, by the same rule as ``valuesToStore(_:)``.
    public func declinesToStore(_ mode: SubmissionMode) -> [FieldKey] {
        mode == .partial || isValid ? declines : []
    }

    /// Throws the first failing answer's error (by field key) when there is one.
    ///
    /// - Throws: ``FieldError/error`` of the first error.
    public func requireValid() throws(ProfilingError) {
        if let first = errors.first { throw first.error }
    }
}
