public import Foundation

/// Where a customer stands in the lifecycle one-time buyer → repeat → loyal, and whether
/// they are drifting away.
///
/// ``LifecyclePolicy/stage(of:at:)`` computes it from ``CustomerFacts``; the raw value is
/// the text a host stores in ``CustomerFacts/lifecycleStage`` so that segment queries can
/// say `lifecycle_stage = 'at_risk'`.
public enum LifecycleStage: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Known to the shop (an account or a guest record) but has never ordered.
    case prospect
    /// Has ordered, fewer times than a repeat customer, and recently.
    case new
    /// Has ordered at least ``LifecyclePolicy/repeatMinimumOrders`` times, recently.
    case `repeat`
    /// Has ordered at least ``LifecyclePolicy/loyalMinimumOrders`` times or spent at least
    /// ``LifecyclePolicy/loyalMinimumAmountMinorUnits``, recently.
    case loyal
    /// Has ordered, but not for ``LifecyclePolicy/atRiskAfterDays`` days or more.
    case atRisk = "at_risk"
    /// Has ordered, but not for ``LifecyclePolicy/lapsedAfterDays`` days or more.
    case lapsed

    /// The stored name: `prospect`, `new`, `repeat`, `loyal`, `at_risk` or `lapsed`.
    public var description: String { rawValue }
}

/// A change of a customer's ``LifecycleStage``, for a lifecycle event.
public struct LifecycleTransition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The customer.
    public var customer: CustomerID
    /// The stage before; nil when the customer had no stage yet (first seen).
    public var from: LifecycleStage?
    /// The stage after; never equal to ``from``.
    public var to: LifecycleStage
    /// The instant the stages were computed at.
    public var at: Date

    /// Creates a transition.
    public init(customer: CustomerID, from: LifecycleStage?, to: LifecycleStage, at: Date) {
        self.customer = customer
        self.from = from
        self.to = to
        self.at = at
    }

    /// `C1: new -> repeat` (`none` for a first stage); identifiers only.
    public var description: String { "\(customer.rawValue): \(from?.rawValue ?? "none") -> \(to.rawValue)" }
}
