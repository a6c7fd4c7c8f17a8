/// How a ``PriceBookService`` works for one shop.
///
/// Made once and checked when made: a value out of range throws
/// ``PricingErrorCode/invalidConfiguration`` naming the field, and nothing is adjusted
/// silently. The properties cannot be changed afterwards, so a configuration a service
/// holds is always valid.
///
/// ```swift
/// let pricing = PriceBookService(store: store, configuration: try PricingConfiguration(maximumConflictAttempts: 8))
/// ```
public struct PricingConfiguration: Sendable, Hashable {
    /// The most attempts a service write that re-reads and retries after a `conflict` may
    /// make, at least 1 (``ConflictRetry/defaultMaximumAttempts`` by default).
    ///
    /// ``PriceBookService`` has no such write yet: every update and delete carries the
    /// caller's `expectedRevision`, so a ``PricingErrorCode/conflict`` goes back to the
    /// caller, who re-reads the list and decides again. The bound is here so that every
    /// module's configuration carries it and a future read-modify-write in Pricing uses it.
    public let maximumConflictAttempts: Int

    /// The defaults; they are always valid.
    public init() {
        maximumConflictAttempts = ConflictRetry.defaultMaximumAttempts
    }

    /// Creates a configuration and checks every value.
    ///
    /// - Parameter maximumConflictAttempts: At least 1.
    /// - Throws: ``PricingErrorCode/invalidConfiguration`` with the field's name in
    ///   `context.field` when a value is out of range.
    public init(maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts) throws(PricingError) {
        guard maximumConflictAttempts >= 1 else {
            throw PricingError(
                .invalidConfiguration, "At least one attempt is needed for a write (maximumConflictAttempts ≥ 1).",
                context: ErrorContext(field: "maximumConflictAttempts"))
        }
        self.maximumConflictAttempts = maximumConflictAttempts
    }
}
