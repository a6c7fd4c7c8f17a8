/// The result of a question selection with every decision explained: the questions to ask
/// and why each other field of the catalog is not asked.
public struct QuestionPlan: Sendable, Hashable {
    /// The questions to ask, in asking order.
    public let questions: [Question]
    /// Every other field of the catalog, in asking order, with the reason it is skipped.
    public let skipped: [SkippedField]

    /// Creates a plan.
    public init(questions: [Question], skipped: [SkippedField]) {
        self.questions = questions
        self.skipped = skipped
    }

    /// The reason `field` is skipped, or `nil` when it is asked (or not in the catalog).
    public func skipReason(for field: FieldKey) -> SkipReason? {
        skipped.first { $0.field == field }?.reason
    }
}
