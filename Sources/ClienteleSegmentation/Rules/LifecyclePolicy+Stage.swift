public import Foundation

extension LifecyclePolicy {
    /// The stage of a customer at an instant.
    ///
    /// The first rule that holds decides, in this order:
    ///
    /// 1. ``LifecycleStage/prospect``: no orders (`numberOfOrders` is 0 and there is no
    ///    `lastOrderDate`).
    /// 2. ``LifecycleStage/lapsed``: the UTC day of `at` is ``lapsedAfterDays`` or more
    ///    days after the UTC day of `lastOrderDate`.
    /// 3. ``LifecycleStage/atRisk``: that distance is ``atRiskAfterDays`` or more.
    /// 4. ``LifecycleStage/loyal``: `numberOfOrders` ≥ ``loyalMinimumOrders``, or
    ///    `amountSpentMinorUnits` ≥ ``loyalMinimumAmountMinorUnits`` when that is set.
    /// 5. ``LifecycleStage/repeat``: `numberOfOrders` ≥ ``repeatMinimumOrders``.
    /// 6. ``LifecycleStage/new``: every other customer who has ordered.
    ///
    /// Recency comes before volume: a loyal customer who stops ordering becomes at risk,
    /// then lapsed, and is loyal again with the next order. Facts with a `lastOrderDate`
    /// but `numberOfOrders` 0 count as one order; orders without a `lastOrderDate` are
    /// never at risk or lapsed; a last order after `at` is zero days ago. The same stages
    /// as segment queries, at the default thresholds: at risk is
    /// `last_order_date <= -90d AND last_order_date > -365d`.
    ///
    /// - Complexity: O(1), no allocation.
    public func stage(of facts: CustomerFacts, at instant: Date) -> LifecycleStage {
        stage(
            numberOfOrders: facts.numberOfOrders, lastOrder: facts.lastOrderDate.map(UTCDay.init(utcDayOf:)),
            amountSpentMinorUnits: facts.amountSpentMinorUnits, today: UTCDay(utcDayOf: instant))
    }

    /// The stage by the rules above, from the facts it reads (as a ``FactTable`` holds them):
    /// the order count, the UTC day of the last order, the amount spent, and the UTC day of
    /// the instant.
    func stage(numberOfOrders: Int64, lastOrder: UTCDay?, amountSpentMinorUnits: Int64, today: UTCDay) -> LifecycleStage {
        let orders = lastOrder == nil ? numberOfOrders : max(numberOfOrders, 1)
        guard orders > 0 else { return .prospect }
        if let lastOrder {
            let days = today.daysSinceEpoch - lastOrder.daysSinceEpoch
            if days >= lapsedAfterDays { return .lapsed }
            if days >= atRiskAfterDays { return .atRisk }
        }
        if orders >= loyalMinimumOrders { return .loyal }
        if let amount = loyalMinimumAmountMinorUnits, amountSpentMinorUnits >= amount { return .loyal }
        if orders >= repeatMinimumOrders { return .repeat }
        return .new
    }

    /// The lifecycle event of a change of facts: the stage of `old` and of `new`, both at
    /// `instant`, or nil when they are the same.
    ///
    /// `old` is nil for a customer seen for the first time; the transition then has
    /// `from == nil` (a first order placed as a guest gives `nil -> new`).
    public func transition(from old: CustomerFacts?, to new: CustomerFacts, at instant: Date) -> LifecycleTransition? {
        transition(fromStage: old.map { stage(of: $0, at: instant) }, to: new, at: instant)
    }

    /// The lifecycle event of time passing or of a change of facts, from a stage the host
    /// stored earlier: nil when `new` is still in `old`.
    ///
    /// Stages also change without any new fact (a customer becomes at risk on the 90th day
    /// without an order): a daily job compares each customer's stored stage with this.
    public func transition(fromStage old: LifecycleStage?, to new: CustomerFacts, at instant: Date) -> LifecycleTransition? {
        let stage = stage(of: new, at: instant)
        guard stage != old else { return nil }
        return LifecycleTransition(customer: new.customer, from: old, to: stage, at: instant)
    }
}
