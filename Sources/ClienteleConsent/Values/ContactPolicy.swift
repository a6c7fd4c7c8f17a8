/// How much contact the shop allows on top of the law: frequency caps and quiet periods.
/// Service messages are exempt from both. Checked when it is made (or decoded).
public struct ContactPolicy: Hashable, Sendable, Codable {
    /// Every cap; a decision is denied by the first cap (in this order) that is reached.
    public let frequencyCaps: [FrequencyCap]
    /// Every quiet period; a decision is denied by the first one that contains the instant.
    public let quietPeriods: [QuietPeriod]

    /// A policy with no caps and no quiet periods.
    public init() {
        frequencyCaps = []
        quietPeriods = []
    }

    /// Creates a policy, checking that every cap has a limit ≥ 0 and a positive window, and
    /// every quiet period minutes in 0–1439 and weekdays in 1–7.
    ///
    /// - Throws: ``ConsentErrorCode/invalidConfiguration`` naming the cap or period
    ///   (`frequencyCaps[i]`, `quietPeriods[i]`).
    public init(frequencyCaps: [FrequencyCap] = [], quietPeriods: [QuietPeriod] = []) throws(ConsentError) {
        for (index, cap) in frequencyCaps.enumerated()
        where cap.limit < 0 || StoredInstant.milliseconds(cap.window) <= 0 {
            throw ConsentError(
                .invalidConfiguration, "A frequency cap needs a limit of 0 or more and a window of at least one millisecond.",
                context: ErrorContext(field: "frequencyCaps[\(index)]"))
        }
        for (index, period) in quietPeriods.enumerated()
        where !(0..<1440).contains(period.startMinute) || !(0..<1440).contains(period.endMinute)
            || !period.weekdays.allSatisfy({ (1...7).contains($0) })
        {
            throw ConsentError(
                .invalidConfiguration, "A quiet period's minutes must be 0–1439 and its weekdays 1 (Sunday) to 7 (Saturday).",
                context: ErrorContext(field: "quietPeriods[\(index)]"))
        }
        self.frequencyCaps = frequencyCaps
        self.quietPeriods = quietPeriods
    }

    private enum CodingKeys: String, CodingKey {
        case frequencyCaps, quietPeriods
    }

    /// Decodes a policy and checks it as ``init(frequencyCaps:quietPeriods:)`` does.
    ///
    /// - Throws: A decoding error, or ``ConsentErrorCode/invalidConfiguration``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            frequencyCaps: try container.decode([FrequencyCap].self, forKey: .frequencyCaps),
            quietPeriods: try container.decode([QuietPeriod].self, forKey: .quietPeriods))
    }
}
