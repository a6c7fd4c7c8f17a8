/// How often a customer may be prompted with profile questions: at most
/// ``maximumPrompts`` prompts within any ``period``, not counting the exempt moments.
public struct PromptCap: Sendable, Hashable {
    /// The most prompts within one period; at least 1.
    public var maximumPrompts: Int
    /// The rolling period; positive.
    public var period: Duration
    /// Moments that neither count nor are capped (by default both registration steps and checkout).
    public var exemptMoments: Set<Moment>

    /// Creates a cap; ``ProfilingConfiguration`` checks it.
    public init(maximumPrompts: Int = 1, period: Duration = .seconds(7 * 86_400), exemptMoments: Set<Moment> = Moment.defaultCapExempt) {
        self.maximumPrompts = maximumPrompts
        self.period = period
        self.exemptMoments = exemptMoments
    }

    /// True when prompts at `moment` count towards (and are limited by) the cap.
    public func applies(to moment: Moment) -> Bool { !exemptMoments.contains(moment) }
}
