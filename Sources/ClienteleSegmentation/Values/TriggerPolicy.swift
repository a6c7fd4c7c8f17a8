/// Which triggers fire, and when.
///
/// Made once and checked when made: a value out of range throws
/// ``SegmentationErrorCode/invalidConfiguration`` naming the field; ``init()`` gives the
/// defaults, which are always valid. A trigger set to nil (or an empty milestone list, or
/// `welcome: false`) never fires. ``TriggerScan`` applies it.
///
/// ```swift
/// let policy = try TriggerPolicy(orderMilestones: [1, 10, 25], birthdayDaysBefore: 3, inactivityWeeks: 6)
/// let due = TriggerScan(policy: policy).due(for: facts, at: now, firedKeys: fired)
/// ```
public struct TriggerPolicy: Sendable, Hashable, Codable {
    /// A welcome when a registered account (one with an `accountStatus`) is created
    /// (default true).
    public let welcome: Bool
    /// The order counts to celebrate, ascending and distinct, each at least 1 (default
    /// 1, 10 and 25).
    public let orderMilestones: [Int64]
    /// An anniversary on each full year since the customer record was created (default
    /// true).
    public let anniversary: Bool
    /// How many days before the birthday the birthday trigger fires, 0–300 (default 7);
    /// nil for none.
    public let birthdayDaysBefore: Int64?
    /// Weeks without a visit or an order after which the inactivity trigger fires, at
    /// least 1 (default 8); nil for none.
    public let inactivityWeeks: Int64?
    /// Months after consent to a purpose was given after which the customer is asked to
    /// confirm it, at least 1 (default 24); nil for none.
    public let rePermissionMonths: Int?
    /// Days a welcome, milestone, anniversary or birthday stays due after its day, at
    /// least 0 (default 7): a scan later than that skips the moment instead of
    /// celebrating it late (a customer imported with 30 orders gets no "10th order" mail).
    public let lateDays: Int64

    /// The defaults: welcome, milestones 1, 10 and 25, anniversaries, birthday 7 days
    /// before, inactivity after 8 weeks, re-permission after 24 months, 7 late days.
    public init() {
        welcome = true
        orderMilestones = [1, 10, 25]
        anniversary = true
        birthdayDaysBefore = 7
        inactivityWeeks = 8
        rePermissionMonths = 24
        lateDays = 7
    }

    /// Creates a policy and checks every value.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidConfiguration`` with the field's name in
    ///   `context.field` when a value is out of range or the milestones are not ascending.
    public init(
        welcome: Bool = true,
        orderMilestones: [Int64] = [1, 10, 25],
        anniversary: Bool = true,
        birthdayDaysBefore: Int64? = 7,
        inactivityWeeks: Int64? = 8,
        rePermissionMonths: Int? = 24,
        lateDays: Int64 = 7
    ) throws(SegmentationError) {
        func invalid(_ field: String, _ message: String) -> SegmentationError {
            SegmentationError(.invalidConfiguration, message, context: ErrorContext(field: field))
        }
        for (index, milestone) in orderMilestones.enumerated() {
            guard milestone >= 1 else {
                throw invalid("orderMilestones[\(index)]", "An order milestone counts at least one order.")
            }
            guard index == 0 || orderMilestones[index - 1] < milestone else {
                throw invalid("orderMilestones[\(index)]", "Order milestones must be ascending and distinct.")
            }
        }
        if let days = birthdayDaysBefore, !(0...300).contains(days) {
            throw invalid("birthdayDaysBefore", "The birthday trigger fires 0 to 300 days before the birthday.")
        }
        if let weeks = inactivityWeeks, !(1...5_200).contains(weeks) {
            throw invalid("inactivityWeeks", "Inactivity needs 1 to 5200 weeks without a visit or an order.")
        }
        if let months = rePermissionMonths, !(1...1_200).contains(months) {
            throw invalid("rePermissionMonths", "Re-permission needs consent 1 to 1200 months old.")
        }
        guard (0...3_660).contains(lateDays) else {
            throw invalid("lateDays", "A moment stays due 0 to 3660 days after its day.")
        }
        self.welcome = welcome
        self.orderMilestones = orderMilestones
        self.anniversary = anniversary
        self.birthdayDaysBefore = birthdayDaysBefore
        self.inactivityWeeks = inactivityWeeks
        self.rePermissionMonths = rePermissionMonths
        self.lateDays = lateDays
    }

    /// Decodes a policy and checks it as the throwing initializer does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            welcome: container.decode(Bool.self, forKey: .welcome),
            orderMilestones: container.decode([Int64].self, forKey: .orderMilestones),
            anniversary: container.decode(Bool.self, forKey: .anniversary),
            birthdayDaysBefore: container.decodeIfPresent(Int64.self, forKey: .birthdayDaysBefore),
            inactivityWeeks: container.decodeIfPresent(Int64.self, forKey: .inactivityWeeks),
            rePermissionMonths: container.decodeIfPresent(Int.self, forKey: .rePermissionMonths),
            lateDays: container.decode(Int64.self, forKey: .lateDays))
    }
}
