import Clientele
import ClienteleTestKit
import Foundation

/// Counts the writes made through a set of wrapped stores and fails the N-th, as if the
/// database went away at that moment: for testing that a flow can be interrupted at any
/// write and repeated.
final class WriteFault: Sendable {
    private let state = Locked((writes: 0, failAt: Int?.none))

    /// Arms the fault: the `n`-th write from now fails (1: the next one); nil disarms it.
    func fail(atWrite n: Int?) { state.withLock { $0 = (0, n) } }

    /// The writes counted since the fault was armed.
    var writes: Int { state.withLock { $0.writes } }

    func write() throws {
        let fails = state.withLock { state -> Bool in
            state.writes += 1
            return state.failAt == state.writes
        }
        if fails { throw CoreError(.storeIOFailed, "Injected failure (test).") }
    }

    /// The in-memory reference stores, each write passing through this fault.
    func stores() -> CustomerHubStores {
        CustomerHubStores(
            accounts: FaultyAccountStore(ReferenceAccountStore.inMemory(), self),
            consent: FaultyConsentStore(ReferenceConsentStore.inMemory(), self),
            priceLists: FaultyPriceListStore(ReferencePriceListStore.inMemory(), self),
            profiles: FaultyProfileStore(ReferenceProfileStore.inMemory(), self),
            segments: FaultySegmentStore(ReferenceSegmentStore.inMemory(), self))
    }
}

final class FaultyAccountStore: AccountStore {
    let base: ReferenceAccountStore
    let fault: WriteFault
    init(_ base: ReferenceAccountStore, _ fault: WriteFault) { (self.base, self.fault) = (base, fault) }
    func insert(_ record: AccountRecord) async throws -> AccountRecord { try fault.write(); return try await base.insert(record) }
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        try fault.write()
        return try await base.update(record, expectedRevision: expectedRevision)
    }
    func record(_ id: CustomerID) async throws -> AccountRecord? { try await base.record(id) }
    func account(emailKey: String) async throws -> AccountRecord? { try await base.account(emailKey: emailKey) }
    func guests(emailKey: String) async throws -> [AccountRecord] { try await base.guests(emailKey: emailKey) }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await base.customers(after: after, limit: limit) }
    func record(sessionDigest: Digest256) async throws -> AccountRecord? { try await base.record(sessionDigest: sessionDigest) }
    func record(tokenDigest: Digest256) async throws -> AccountRecord? { try await base.record(tokenDigest: tokenDigest) }
    func recordOrder(_ order: OrderReference) async throws { try fault.write(); try await base.recordOrder(order) }
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        try await base.orders(of: customer, after: cursor, limit: limit)
    }
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try fault.write()
        try await base.moveOrders(from: guests, to: customer)
    }
    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? { try await base.loginThrottle(key: key) }
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        try fault.write()
        return try await base.saveLoginThrottle(record, expectedRevision: expectedRevision)
    }
    func removeLoginThrottle(key: LoginThrottleKey) async throws { try fault.write(); try await base.removeLoginThrottle(key: key) }
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        try fault.write()
        try await base.removeLoginThrottles(lastFailureBefore: instant)
    }
    func erase(customer: CustomerID) async throws { try fault.write(); try await base.erase(customer: customer) }
}

final class FaultyConsentStore: ConsentStore {
    let base: ReferenceConsentStore
    let fault: WriteFault
    init(_ base: ReferenceConsentStore, _ fault: WriteFault) { (self.base, self.fault) = (base, fault) }
    func append(_ record: ConsentRecord) async throws { try fault.write(); try await base.append(record) }
    func records(for customer: CustomerID) async throws -> [ConsentRecord] { try await base.records(for: customer) }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await base.customers(after: after, limit: limit) }
    func appendSend(_ send: SendRecord) async throws { try fault.write(); try await base.appendSend(send) }
    func sendCount(for customer: CustomerID) async throws -> Int { try await base.sendCount(for: customer) }
    func pruneSends(before instant: Date) async throws -> Int { try fault.write(); return try await base.pruneSends(before: instant) }
    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] { try await base.sends(for: customer, since: since) }
    func addSuppression(_ entry: SuppressionEntry) async throws { try fault.write(); try await base.addSuppression(entry) }
    func suppression(for digest: Digest256) async throws -> SuppressionEntry? { try await base.suppression(for: digest) }
    func erase(customer: CustomerID) async throws { try fault.write(); try await base.erase(customer: customer) }
}

final class FaultyPriceListStore: PriceListStore {
    let base: ReferencePriceListStore
    let fault: WriteFault
    init(_ base: ReferencePriceListStore, _ fault: WriteFault) { (self.base, self.fault) = (base, fault) }
    func create(_ list: PriceList) async throws -> StoredPriceList { try fault.write(); return try await base.create(list) }
    func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        try fault.write()
        return try await base.update(list, expectedRevision: expectedRevision)
    }
    func delete(_ id: PriceListID, expectedRevision: Int) async throws { try fault.write(); try await base.delete(id, expectedRevision: expectedRevision) }
    func list(_ id: PriceListID) async throws -> StoredPriceList? { try await base.list(id) }
    func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] { try await base.lists(after: after, limit: limit) }
    func snapshot() async throws -> PriceListSnapshot { try await base.snapshot() }
}

final class FaultyProfileStore: ProfileStore {
    let base: ReferenceProfileStore
    let fault: WriteFault
    init(_ base: ReferenceProfileStore, _ fault: WriteFault) { (self.base, self.fault) = (base, fault) }
    func profile(of customer: CustomerID) async throws -> CustomerProfile? { try await base.profile(of: customer) }
    func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        try fault.write()
        return try await base.save(profile, expectedRevision: expectedRevision)
    }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await base.customers(after: after, limit: limit) }
    func erase(customer: CustomerID) async throws { try fault.write(); try await base.erase(customer: customer) }
}

final class FaultySegmentStore: SegmentStore {
    let base: ReferenceSegmentStore
    let fault: WriteFault
    init(_ base: ReferenceSegmentStore, _ fault: WriteFault) { (self.base, self.fault) = (base, fault) }
    func definitions() async throws -> [SegmentDefinition] { try await base.definitions() }
    func definition(named name: String) async throws -> SegmentDefinition? { try await base.definition(named: name) }
    func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        try fault.write()
        return try await base.save(definition, expectedRevision: expectedRevision)
    }
    func removeDefinition(named name: String, expectedRevision: Int) async throws {
        try fault.write()
        try await base.removeDefinition(named: name, expectedRevision: expectedRevision)
    }
    func record(_ delta: SegmentMembershipDelta) async throws { try fault.write(); try await base.record(delta) }
    func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try await base.members(of: segment, after: after, limit: limit)
    }
    func segments(of customer: CustomerID) async throws -> [String] { try await base.segments(of: customer) }
    func firedKeys(of customer: CustomerID) async throws -> Set<String> { try await base.firedKeys(of: customer) }
    func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws { try fault.write(); try await base.recordFired(keys, of: customer) }
    func erase(customer: CustomerID) async throws { try fault.write(); try await base.erase(customer: customer) }
}
