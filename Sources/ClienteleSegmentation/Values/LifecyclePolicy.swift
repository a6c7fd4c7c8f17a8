/// The thresholds that put a customer in a ``LifecycleStage``.
///
/// Made once and checked when made: a value out of range throws
/// ``SegmentationErrorCode/invalidConfiguration`` naming the field; ``init()`` gives the
/// defaults, which are always valid. Days are whole UTC days, counted the way segment
/// queries count them: a customer whose last order fell on 1 March is 90 days without an
/// order on 30 May, whatever the hour.
///
/// ```swift
/// let policy = try LifecyclePolicy(loyalMinimumOrders: 10, atRiskAfterDays: 60, lapsedAfterDays: 180)
/// let stage = policy.stage(of: facts, at: now)        // .loyal, .atRisk, ...
/// ```
///
/// See ``stage(of:at:)`` for the exact precedence of the rules.
public struct LifecyclePolicy: Sendable, Hashable, Codable {
    /// Orders that make a customer ``LifecycleStage/repeat``: at least 2 (default 2).
    public let repeatMinimumOrders: Int64
    /// Orders that make a customer ``LifecycleStage/loyal``: more than
    /// ``repeatMinimumOrders`` (default 5).
    public let loyalMinimumOrders: Int64
    /// Money spent, in minor units of the shop currency, that also makes a customer
    /// ``LifecycleStage/loyal`` whatever the number of orders; nil (the default) when
    /// only the number of orders counts. At least 1 when set.
    public let loyalMinimumAmountMinorUnits: Int64?
    /// Whole days without an order after which a customer is ``LifecycleStage/atRisk``:
    /// at least 1 (default 90).
    public let atRiskAfterDays: Int64
    /// Whole days without an order after which a customer is ``LifecycleStage/lapsed``:
    /// more than ``atRiskAfterDays`` (default 365).
    public let lapsedAfterDays: Int64

    /// The defaults: repeat from 2 orders, loyal from 5, at risk after 90 days without an
    /// order, lapsed after 365.
    public init() {
        repeatMinimumOrders = 2
        loyalMinimumOrders = 5
        loyalMinimumAmountMinorUnits = nil
        atRiskAfterDays = 90
        lapsedAfterDays = 365
    }

    /// Creates a policy and checks every value.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidConfiguration`` with the field's name in
    ///   `context.field` when a value is out of range or the thresholds are out of order.
    public init(
        repeatMinimumOrders: Int64 = 2,
        loyalMinimumOrders: Int64 = 5,
        loyalMinimumAmountMinorUnits: Int64? = nil,
        atRiskAfterDays: Int64 = 90,
        lapsedAfterDays: Int64 = 365
    ) throws(SegmentationError) {
        func invalid(_ field: String, _ message: String) -> SegmentationError {
            SegmentationError(.invalidConfiguration, message, context: ErrorContext(field: field))
        }
        guard repeatMinimumOrders >= 2 else {
            throw invalid("repeatMinimumOrders", "A repeat customer has at least two orders (repeatMinimumOrders ≥ 2).")
        }
        guard loyalMinimumOrders > repeatMinimumOrders else {
            throw invalid(
                "loyalMinimumOrders", "A loyal customer needs more orders than a repeat one (loyalMinimumOrders > repeatMinimumOrders).")
        }
        if let amount = loyalMinimumAmountMinorUnits, amount < 1 {
            throw invalid(
                "loyalMinimumAmountMinorUnits", "The loyal amount must be positive, or nil to count orders only.")
        }
        guard atRiskAfterDays >= 1 else {
            throw invalid("atRiskAfterDays", "At risk needs at least one day without an order (atRiskAfterDays ≥ 1).")
        }
        guard lapsedAfterDays > atRiskAfterDays else {
            throw invalid(
                "lapsedAfterDays", "Lapsed must come after at risk (lapsedAfterDays > atRiskAfterDays).")
        }
        self.repeatMinimumOrders = repeatMinimumOrders
        self.loyalMinimumOrders = loyalMinimumOrders
        self.loyalMinimumAmountMinorUnits = loyalMinimumAmountMinorUnits
        self.atRiskAfterDays = atRiskAfterDays
        self.lapsedAfterDays = lapsedAfterDays
    }

    /// Decodes a policy and checks it as ``init(repeatMinimumOrders:loyalMinimumOrders:loyalMinimumAmountMinorUnits:atRiskAfterDays:lapsedAfterDays:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            repeatMinimumOrders: container.decode(Int64.self, forKey: .repeatMinimumOrders),
            loyalMinimumOrders: container.decode(Int64.self, forKey: .loyalMinimumOrders),
            loyalMinimumAmountMinorUnits: container.decodeIfPresent(Int64.self, forKey: .loyalMinimumAmountMinorUnits),
            atRiskAfterDays: container.decode(Int64.self, forKey: .atRiskAfterDays),
            lapsedAfterDays: container.decode(Int64.self, forKey: .lapsedAfterDays))
    }
}
