/// How profiling works for one shop: the change history's length, the prompt cap and the
/// conflict retry bound. Checked when it is made, so a configuration that exists can work.
public struct ProfilingConfiguration: Sendable, Hashable {
    /// The longest history accepted.
    public static let maximumHistoryLimit = 10_000
    /// The default history length per profile.
    public static let defaultHistoryLimit = 50

    /// How many changes each profile keeps in its history (the oldest go first); 0 keeps none.
    public let historyLimit: Int
    /// How often a customer may be prompted, or `nil` for no cap.
    public let promptCap: PromptCap?
    /// How many times a read-decide-write is attempted when concurrent writers move the
    /// profile on (see `ConflictRetry`); at least 1.
    public let maximumConflictAttempts: Int

    /// Creates a configuration, checking every field.
    ///
    /// - Throws: ``ProfilingErrorCode/invalidConfiguration`` naming the field
    ///   (`historyLimit`, `promptCap.maximumPrompts`, `promptCap.period`, `maximumConflictAttempts`).
    public init(
        historyLimit: Int = Self.defaultHistoryLimit, promptCap: PromptCap? = PromptCap(),
        maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts
    ) throws(ProfilingError) {
        guard (0...Self.maximumHistoryLimit).contains(historyLimit) else {
            throw ProfilingError(
                .invalidConfiguration, "The history limit must be 0–\(Self.maximumHistoryLimit).",
                context: ErrorContext(field: "historyLimit"))
        }
        if let promptCap {
            guard promptCap.maximumPrompts >= 1 else {
                throw ProfilingError(
                    .invalidConfiguration, "A prompt cap allows at least one prompt per period; use no cap for none.",
                    context: ErrorContext(field: "promptCap.maximumPrompts"))
            }
            guard StoredInstant.milliseconds(promptCap.period) > 0 else {
                throw ProfilingError(
                    .invalidConfiguration, "A prompt cap's period must be positive.", context: ErrorContext(field: "promptCap.period"))
            }
        }
        guard maximumConflictAttempts >= 1 else {
            throw ProfilingError(
                .invalidConfiguration, "At least one attempt is needed for a write that may conflict.",
                context: ErrorContext(field: "maximumConflictAttempts"))
        }
        self.historyLimit = historyLimit
        self.promptCap = promptCap
        self.maximumConflictAttempts = maximumConflictAttempts
    }

    /// The defaults: a history of 50 changes, at most one prompt a week outside
    /// registration and checkout, and `ConflictRetry.defaultMaximumAttempts`.
    public init() {
        historyLimit = Self.defaultHistoryLimit
        promptCap = PromptCap()
        maximumConflictAttempts = ConflictRetry.defaultMaximumAttempts
    }
}
