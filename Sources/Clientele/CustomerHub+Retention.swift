import Foundation

extension CustomerHub {
    /// Applies ``CustomerHubConfiguration/retention`` at `instant`: erases guest records
    /// without orders and inactive customers past their period (from every module, without
    /// suppressing their address: they did not object to mail, they are just gone), removes
    /// expired sessions and one-time tokens, and deletes old profile history and send records. Run it from a
    /// daily job.
    ///
    /// A record is past its period at `created + period` exactly (a guest created at
    /// 10:00 with a 30-day rule is erased by a run at 10:00 thirty days later, not by one a
    /// millisecond earlier). Repeatable: an interrupted run is finished by the next.
    ///
    /// - Complexity: One read of every customer record and its orders.
    @discardableResult
    public func purgeExpired(at instant: Date) async throws -> RetentionReport {
        let now = StoredInstant.normalized(instant)
        let policy = configuration.retention
        var report = RetentionReport()
        var expired: [(CustomerID, guest: Bool)] = []
        var after: CustomerID?
        while policy.guestsWithoutOrders != nil || policy.inactiveCustomers != nil {
            let page = try await stores.accounts.customers(after: after, limit: 500)
            for id in page {
                guard let record = try await stores.accounts.record(id) else { continue }
                let customer = record.customer
                let lastOrder = try await stores.accounts.orders(of: id, after: nil, limit: 1).first?.placedAt
                if customer.kind == .guest, lastOrder == nil, let period = policy.guestsWithoutOrders,
                    Self.isPast(customer.createdAt, period, at: now)
                {
                    expired.append((id, true))
                    continue
                }
                if let period = policy.inactiveCustomers {
                    let lastActivity = ([customer.createdAt, lastOrder] + record.sessions.map(\.lastUsedAt)).compactMap { $0 }.max()
                    if let lastActivity, Self.isPast(lastActivity, period, at: now) { expired.append((id, false)) }
                }
            }
            guard page.count == 500, let last = page.last else { break }
            after = last
        }
        for (id, guest) in expired {
            _ = try await eraseRecord(id, suppressing: nil)
            if guest { report.guestsErased.append(id) } else { report.inactiveErased.append(id) }
        }
        report.credentialsPruned = try await accounts.pruneExpiredCredentials(at: now)
        if let period = policy.sendRecords {
            report.sendsDeleted = try await consent.pruneSends(before: Self.start(ofPeriod: period, endingAt: now))
        }
        if let period = policy.profileHistory {
            report.historyEntriesDeleted = try await profiling.purgeHistory(before: Self.start(ofPeriod: period, endingAt: now))
        }
        return report
    }

    /// The instant `period` before `now`, in whole milliseconds: what is older is past it.
    static func start(ofPeriod period: Duration, endingAt now: Date) -> Date {
        StoredInstant.date(milliseconds: StoredInstant.milliseconds(now) &- StoredInstant.milliseconds(period))
    }

    /// Whether `period` has passed since `start` at `now`, in whole milliseconds (the stored
    /// precision), so the boundary is exact.
    static func isPast(_ start: Date, _ period: Duration, at now: Date) -> Bool {
        StoredInstant.milliseconds(start) &+ StoredInstant.milliseconds(period) <= StoredInstant.milliseconds(now)
    }
}
