import Foundation
import ClienteleAccounts
import ClienteleTestKit
import Testing

@Suite struct AccountStoreConformanceTests {
    @Test(arguments: AccountStoreConformance.checksWithoutReopen)
    func theInMemoryReferenceStoreConforms(_ check: AccountStoreConformance.Check) async throws {
        try await AccountStoreConformance { ReferenceAccountStore.inMemory() }.run(check)
    }

    @Test func aStoreThatIgnoresUniquenessFailsTheConcurrentRegistrationCheck() async throws {
        let report = await AccountStoreConformance { CarelessStore() }.runAll()
        let failed = report.failed.map(\.check)
        #expect(failed.contains(.concurrentRegistrationsOfOneAddress))
        #expect(failed.contains(.emailIsUniqueAcrossCase))
    }

    @Test func aStoreThatAnswersAnEmptyPageForALimitBelowOneFailsThePagingCheck() async throws {
        let report = await AccountStoreConformance { CarelessStore() }.runAll()
        let failed = report.failed.map(\.check)
        #expect(failed.contains(.pageLimitOutOfRangeIsRefused))
        #expect(!failed.contains(.ordersNewestFirstPaginated))
    }
}

/// A naive adapter that forgets the uniqueness clause and answers a page limit below 1
/// with an empty page: otherwise correct.
private final class CarelessStore: AccountStore {
    private let records = Locked<[CustomerID: AccountRecord]>([:])
    private let orderList = Locked<[OrderReference]>([])
    private let throttles = Locked<[LoginThrottleKey: LoginThrottleRecord]>([:])

    func insert(_ record: AccountRecord) async throws -> AccountRecord {
        try records.withLock { records throws(AccountError) -> AccountRecord in
            guard records[record.customer.id] == nil else { throw AccountError(.duplicateCustomer, "duplicate") }
            var stored = record
            stored.revision = 1
            records[record.customer.id] = stored
            return stored
        }
    }
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        try records.withLock { records throws(AccountError) -> AccountRecord in
            guard let current = records[record.customer.id] else { throw AccountError(.customerNotFound, "missing") }
            guard current.revision == expectedRevision else { throw AccountError(.conflict, "stale") }
            var stored = record
            stored.revision = expectedRevision + 1
            records[record.customer.id] = stored
            return stored
        }
    }
    func record(_ id: CustomerID) async throws -> AccountRecord? { records.withLock { $0[id] } }
    func account(emailKey: String) async throws -> AccountRecord? {
        records.withLock { $0.values.first { $0.accountEmailKey == emailKey } }
    }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        Array(records.withLock { $0.keys.sorted() }.filter { customer in after.map { customer > $0 } ?? true }.prefix(max(limit, 0)))
    }
    func guests(emailKey: String) async throws -> [AccountRecord] {
        records.withLock { $0.values.filter { $0.customer.isGuest && $0.customer.email.uniquenessKey == emailKey } }
            .sorted { $0.customer.id < $1.customer.id }
    }
    func record(sessionDigest: Digest256) async throws -> AccountRecord? {
        records.withLock { $0.values.first { $0.sessions.contains { $0.digest == sessionDigest } } }
    }
    func record(tokenDigest: Digest256) async throws -> AccountRecord? {
        records.withLock { $0.values.first { $0.tokens.contains { $0.digest == tokenDigest } } }
    }
    func recordOrder(_ order: OrderReference) async throws {
        guard records.withLock({ $0[order.customer] }) != nil else { throw AccountError(.customerNotFound, "missing") }
        orderList.withLock { list in
            list.removeAll { $0.id == order.id }
            list.append(order)
        }
    }
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        guard limit > 0 else { return [] }
        let mine = orderList.withLock { $0.filter { $0.customer == customer } }.sorted { $0.precedes($1) }
        return Array(mine.filter { cursor?.isBefore($0) ?? true }.prefix(limit))
    }
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        orderList.withLock { list in
            for index in list.indices where guests.contains(list[index].customer) { list[index].customer = customer }
        }
    }
    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? { throttles.withLock { $0[key] } }
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        try throttles.withLock { throttles throws(AccountError) -> LoginThrottleRecord in
            guard (throttles[record.key]?.revision ?? 0) == expectedRevision else { throw AccountError(.conflict, "stale") }
            var stored = record
            stored.revision = expectedRevision + 1
            throttles[record.key] = stored
            return stored
        }
    }
    func removeLoginThrottle(key: LoginThrottleKey) async throws { throttles.withLock { $0[key] = nil } }
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        throttles.withLock { $0 = $0.filter { $0.value.lastFailureAt >= instant } }
    }
    func erase(customer: CustomerID) async throws {
        guard let record = records.withLock({ $0.removeValue(forKey: customer) }) else {
            orderList.withLock { $0.removeAll { $0.customer == customer } }
            return
        }
        orderList.withLock { $0.removeAll { $0.customer == customer } }
        let keys = [LoginThrottleKey(record.customer.email)] + record.tokens.compactMap { $0.newEmail.map(LoginThrottleKey.init) }
        throttles.withLock { throttles in for key in keys { throttles[key] = nil } }
    }
}
