import Foundation

extension PriceBookService {
    /// Removes a customer from every price list that names them (a `.customers` audience),
    /// for the GDPR erasure of that customer. Returns what changed.
    ///
    /// A list that names other customers too is updated without this one
    /// (`pricing.listUpdated`); a list that named this customer alone is deleted
    /// (`pricing.listDeleted`): its prices applied to nobody else, and an empty customer
    /// audience is not a valid list. Lists for everyone, for identified customers, groups or
    /// segments never name a customer and are left alone. The book is rebuilt afterwards.
    ///
    /// Each list is changed on its own, re-read and retried on a conflict (up to
    /// ``PricingConfiguration/maximumConflictAttempts`` times), so a concurrent edit of the
    /// list is kept. Erasing a customer no list names changes nothing, so an interrupted
    /// erasure can simply be repeated: it finishes the lists it had not reached.
    ///
    /// - Throws: The store's error, or ``PricingErrorCode/conflict`` when a list kept
    ///   changing for every attempt; the lists changed before stay changed, and repeating the
    ///   call finishes the job.
    /// - Complexity: One snapshot read plus a read and a write per list naming the customer.
    @discardableResult
    public func erase(customer: CustomerID) async throws -> PricingErasure {
        var erasure = PricingErasure()
        let naming = try await store.snapshot().lists.filter { Self.names($0.list, customer) }.map(\.id)
        for id in naming {
            let outcome = try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
                () async throws -> PricingErasure.Outcome? in
                guard let stored = try await store.list(id), case .customers(var customers) = stored.list.audience,
                    customers.remove(customer) != nil
                else { return nil }
                if customers.isEmpty {
                    try await store.delete(id, expectedRevision: stored.revision)
                    return .deleted
                }
                var list = stored.list
                list.audience = .customers(customers)
                return .updated(try await store.update(list, expectedRevision: stored.revision).revision)
            }
            switch outcome {
            case .updated(let revision)?:
                erasure.updated.append(id)
                emit("listUpdated", id, revision: revision)
            case .deleted?:
                erasure.deleted.append(id)
                emit("listDeleted", id, revision: nil)
            case nil:
                break
            }
        }
        if !erasure.isEmpty { try await refresh() }
        return erasure
    }

    private static func names(_ list: PriceList, _ customer: CustomerID) -> Bool {
        if case .customers(let customers) = list.audience { return customers.contains(customer) }
        return false
    }

    private static func isConflict(_ error: any Error) -> Bool {
        (error as? PricingError)?.code == .conflict
    }
}
