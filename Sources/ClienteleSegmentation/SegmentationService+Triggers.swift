import Foundation

extension SegmentationService {
    /// The trigger occurrences due now for `customer`, each returned once for ever: the
    /// service claims their keys in the store (``SegmentStore/recordFired(_:of:)``) before
    /// it returns them, so a second call, another process or a restart never gets them
    /// again. Each is announced as `segmentation.triggered`.
    ///
    /// The claim is the point of no return: hand what this returns to something durable
    /// (an outbox, a mail queue) at once. Marketing occurrences still need a contact
    /// decision (consent) before they are sent.
    ///
    /// - Parameters:
    ///   - customer: A customer loaded into the service; an unknown one has nothing due.
    ///   - consentGivenAt: When consent was given, per purpose, for re-permission.
    /// - Throws: The store's errors (nothing is claimed then);
    ///   ``SegmentationErrorCode/conflict`` after ``SegmentationConfiguration/maximumConflictAttempts``
    ///   lost claims.
    public func dueTriggers(for customer: CustomerID, consentGivenAt: [String: Date] = [:]) async throws -> [TriggerOccurrence] {
        guard let facts = facts(of: customer) else { return [] }
        let now = clock.now()
        let scan = TriggerScan(policy: configuration.triggers)
        // Most customers have nothing due: only those with a candidate read the store.
        guard !scan.due(for: facts, at: now, firedKeys: [], consentGivenAt: consentGivenAt).isEmpty else { return [] }
        let claimed = try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
            let fired = try await store.firedKeys(of: customer)
            let due = scan.due(for: facts, at: now, firedKeys: fired, consentGivenAt: consentGivenAt)
            if !due.isEmpty { try await store.recordFired(Set(due.map(\.key)), of: customer) }
            return due
        }
        for occurrence in claimed {
            emit("triggered", customer, at: now, ["kind": occurrence.kind.rawValue, "key": occurrence.key, "category": occurrence.category.rawValue])
        }
        return claimed
    }

    /// The trigger occurrences due now for every loaded customer, each returned once for
    /// ever (see ``dueTriggers(for:consentGivenAt:)``), in customer load order. Run it from
    /// a periodic job.
    ///
    /// - Parameter consentGivenAt: When each customer gave consent, per purpose, for
    ///   re-permission; asked only for customers with a trigger candidate.
    /// - Throws: The store's errors; occurrences claimed before the error are lost to this
    ///   call's caller, so hand them over as they come with the per-customer call when that
    ///   matters.
    /// - Complexity: O(customers) scans, one store read and write per customer with
    ///   something due.
    public func dueTriggers(
        consentGivenAt: (CustomerID) async throws -> [String: Date] = { _ in [:] }
    ) async throws -> [TriggerOccurrence] {
        let customers = live.withLock { live in
            let table = live.memberships.table
            return table.customers.indices.compactMap { row in table.live.contains(row) ? table.customers[row] : nil }
        }
        var due: [TriggerOccurrence] = []
        for customer in customers {
            due += try await dueTriggers(for: customer, consentGivenAt: try await consentGivenAt(customer))
        }
        return due
    }
}
