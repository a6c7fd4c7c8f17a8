import Foundation

extension CustomerHub {
    /// Withdraws consent to `purpose` and removes what profiling holds only under it: once no
    /// channel grants the purpose any more, the profile values of the fields serving it are
    /// purged (`ProfilingService.purge(purpose:for:)`), and the customer's segment facts are
    /// rebuilt (its `consent.<purpose>` state changed). Questions of the purpose stop at once
    /// either way, because profiling asks consent live.
    ///
    /// - Returns: The withdrawal record, and whether profile values were purged.
    /// - Throws: The consent module's errors (nothing is purged then); profiling's or
    ///   segmentation's store errors after the withdrawal is recorded (repeat the call: a
    ///   second withdrawal is recorded, and the purge finishes).
    @discardableResult
    public func withdraw(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID, context: CollectionContext
    ) async throws -> (record: ConsentRecord, purged: Bool) {
        let record = try await consent.withdraw(purpose, channel: channel, for: customer, context: context)
        let stillHeld = try await consent.standings(of: customer).contains { $0.purpose == purpose && $0.status.isGranted }
        let purged = stillHeld ? false : try await profiling.purge(purpose: purpose.rawValue, for: customer)
        try await refreshFacts(of: customer)
        return (record, purged)
    }
}
