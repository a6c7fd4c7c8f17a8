import Foundation

extension ProfilingService {
    /// Deletes every trace of the fields serving `purpose` from the customer's profile (their
    /// values, history and declines): what the end of that consent requires. Selection
    /// already stops asking those fields the moment the consent ends; this removes what was
    /// kept.
    ///
    /// - Returns: True when anything was deleted; purging again changes nothing.
    @discardableResult
    public func purge(purpose: String, for customer: CustomerID) async throws -> Bool {
        let fields = catalog.fields(servingPurpose: purpose)
        guard !fields.isEmpty else { return false }
        let (_, purged) = try await modify(customer) { $0.purge(fields: fields) }
        if purged { emit("purged", customer, at: clock.storedNow(), ["purpose": purpose]) }
        return purged
    }

    /// Deletes history entries recorded before `instant` from every stored profile (a
    /// retention rule); values stay. Pages through the store's customers.
    ///
    /// - Returns: How many entries were deleted.
    @discardableResult
    public func purgeHistory(before instant: Date) async throws -> Int {
        var deleted = 0
        var after: CustomerID?
        while true {
            let page = try await store.customers(after: after, limit: 500)
            for customer in page {
                deleted += try await modify(customer) { $0.purgeHistory(before: instant) }.result
            }
            guard page.count == 500, let last = page.last else { return deleted }
            after = last
        }
    }

    /// Erases the customer's profile (GDPR erasure): values, history, declines and prompts,
    /// through ``ProfileStore/erase(customer:)``. Repeatable.
    public func erase(customer: CustomerID) async throws {
        try await store.erase(customer: customer)
        emit("erased", customer, at: clock.storedNow())
    }
}
