import ClienteleAccounts
import ClienteleConsent
import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

// Wrappers around the in-memory reference stores that each break one property a lazy
// adapter breaks (issue 14): the conformance suites must report every one of them. The
// wrapper without a mutation is the control: it must conform, so a failure below is the
// mutation's and not the wrapper's.

/// `date` cut to whole seconds, as a `timestamp(0)` or integer-seconds column keeps it.
private func wholeSeconds(_ date: Date) -> Date {
    Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
}

// MARK: Accounts

/// One broken property of an account store.
enum AccountMutant: String, CaseIterable, Sendable {
    case none
    case truncatesInstantsToSeconds
    case dropsAddresses
    case dropsDefaultAddresses
    case dropsRequirements
    case dropsTokenNewEmail
    case lowercasesDisplayEmail
    case readsPasswordlessCredentialsAsNil
    case sortsSessions
    case losesOrderTieBreak
    case truncatesOrderInstants
    case truncatesThrottleInstants

    /// What the adapter does to a record it stores.
    func stored(_ record: AccountRecord) -> AccountRecord {
        var record = record
        switch self {
        case .truncatesInstantsToSeconds:
            record.customer.createdAt = wholeSeconds(record.customer.createdAt)
            record.customer.emailVerifiedAt = record.customer.emailVerifiedAt.map(wholeSeconds)
            record.customer.statusLog = record.customer.statusLog.map { var change = $0; change.at = wholeSeconds(change.at); return change }
            record.sessions = record.sessions.map { var session = $0; session.createdAt = wholeSeconds(session.createdAt); session.lastUsedAt = wholeSeconds(session.lastUsedAt); return session }
            record.tokens = record.tokens.map { var token = $0; token.issuedAt = wholeSeconds(token.issuedAt); token.expiresAt = wholeSeconds(token.expiresAt); return token }
            if let changedAt = record.credentials?.changedAt { record.credentials?.changedAt = wholeSeconds(changedAt) }
        case .dropsAddresses:
            record.customer.addresses = []
        case .dropsDefaultAddresses:
            record.customer.defaultAddresses = [:]
        case .dropsRequirements:
            record.customer.requirements = [:]
        case .dropsTokenNewEmail:
            record.tokens = record.tokens.map { var token = $0; token.newEmail = nil; return token }
        case .lowercasesDisplayEmail:
            if let lowered = try? EmailAddress(parsing: record.customer.email.displayForm.lowercased()) {
                record.customer.email = lowered
            }
        case .readsPasswordlessCredentialsAsNil:
            if record.credentials?.passwordHash == nil { record.credentials = nil }
        case .sortsSessions:
            record.sessions.sort { $0.id.rawValue < $1.id.rawValue }
        case .none, .losesOrderTieBreak, .truncatesOrderInstants, .truncatesThrottleInstants:
            break
        }
        return record
    }
}

/// The reference store with one ``AccountMutant`` applied.
private struct MutantAccountStore: AccountStore {
    let base: any AccountStore = ReferenceAccountStore.inMemory()
    let mutant: AccountMutant

    func insert(_ record: AccountRecord) async throws -> AccountRecord {
        mutant.stored(try await base.insert(mutant.stored(record)))
    }
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        mutant.stored(try await base.update(mutant.stored(record), expectedRevision: expectedRevision))
    }
    func record(_ id: CustomerID) async throws -> AccountRecord? { try await base.record(id) }
    func account(emailKey: String) async throws -> AccountRecord? { try await base.account(emailKey: emailKey) }
    func guests(emailKey: String) async throws -> [AccountRecord] { try await base.guests(emailKey: emailKey) }
    func record(sessionDigest: Digest256) async throws -> AccountRecord? { try await base.record(sessionDigest: sessionDigest) }
    func record(tokenDigest: Digest256) async throws -> AccountRecord? { try await base.record(tokenDigest: tokenDigest) }

    func recordOrder(_ order: OrderReference) async throws {
        var order = order
        if mutant == .truncatesOrderInstants { order.placedAt = wholeSeconds(order.placedAt) }
        try await base.recordOrder(order)
    }
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        let page = try await base.orders(of: customer, after: cursor, limit: limit)
        guard mutant == .losesOrderTieBreak else { return page }
        // Newest first, but orders at one instant in the order they came back reversed:
        // what an `ORDER BY placed_at DESC` without the id gives.
        return page.sorted { $0.placedAt != $1.placedAt ? $0.placedAt > $1.placedAt : $0.id.rawValue < $1.id.rawValue }
    }
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try await base.moveOrders(from: guests, to: customer)
    }

    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? { try await base.loginThrottle(key: key) }
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        var record = record
        if mutant == .truncatesThrottleInstants {
            record.firstFailureAt = wholeSeconds(record.firstFailureAt)
            record.lastFailureAt = wholeSeconds(record.lastFailureAt)
        }
        return try await base.saveLoginThrottle(record, expectedRevision: expectedRevision)
    }
    func removeLoginThrottle(key: LoginThrottleKey) async throws { try await base.removeLoginThrottle(key: key) }
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        try await base.removeLoginThrottles(lastFailureBefore: instant)
    }
}

// MARK: Consent

/// One broken property of a consent store.
enum ConsentMutant: String, CaseIterable, Sendable {
    case none
    case dropsSoftOptInCategories
    case dropsSoftOptInExpiry
    case dropsEvidence
    case dropsConfirmBy
    case truncatesRecordInstants
    case truncatesSendInstants
    case dropsSendReference
    case truncatesSuppressionInstants
}

/// The reference store with one ``ConsentMutant`` applied to what it reads back (so the
/// append-time checks of the reference store still see the true record).
private struct MutantConsentStore: ConsentStore {
    let base: any ConsentStore = ReferenceConsentStore.inMemory()
    let mutant: ConsentMutant

    func append(_ record: ConsentRecord) async throws { try await base.append(record) }
    func records(for customer: CustomerID) async throws -> [ConsentRecord] {
        try await base.records(for: customer).map { record in
            var record = record
            switch mutant {
            case .dropsSoftOptInCategories: record.softOptIn?.productCategories = []
            case .dropsSoftOptInExpiry: record.softOptIn?.expiresAt = nil
            case .dropsEvidence: record.evidence = .none
            case .dropsConfirmBy: record.confirmBy = nil
            case .truncatesRecordInstants: record.at = wholeSeconds(record.at)
            default: break
            }
            return record
        }
    }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try await base.customers(after: after, limit: limit)
    }
    func appendSend(_ send: SendRecord) async throws {
        var send = send
        if mutant == .truncatesSendInstants { send.at = wholeSeconds(send.at) }
        if mutant == .dropsSendReference { send.reference = nil }
        try await base.appendSend(send)
    }
    func sendCount(for customer: CustomerID) async throws -> Int { try await base.sendCount(for: customer) }
    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] {
        try await base.sends(for: customer, since: since)
    }
    func addSuppression(_ entry: SuppressionEntry) async throws {
        var entry = entry
        if mutant == .truncatesSuppressionInstants { entry.since = wholeSeconds(entry.since) }
        try await base.addSuppression(entry)
    }
    func suppression(for digest: Digest256) async throws -> SuppressionEntry? { try await base.suppression(for: digest) }
}

// MARK: Pricing

/// One broken property of a price-list store.
enum PricingMutant: String, CaseIterable, Sendable {
    case none
    case truncatesValidityInstants
    case sortsEntriesByID
    case clampsPriorityTo32Bits
    case dropsName
    case clampsMinimumQuantityTo32Bits
}

/// The reference store with one ``PricingMutant`` applied to what it stores.
private struct MutantPriceListStore: PriceListStore {
    let base: any PriceListStore = ReferencePriceListStore.inMemory()
    let mutant: PricingMutant

    private func stored(_ list: PriceList) -> PriceList {
        var list = list
        switch mutant {
        case .truncatesValidityInstants:
            list.validFrom = list.validFrom.map(wholeSeconds)
            list.validTo = list.validTo.map(wholeSeconds)
        case .sortsEntriesByID:
            list.entries.sort { $0.id.rawValue < $1.id.rawValue }
        case .clampsPriorityTo32Bits:
            list.priority = Int(Int32(clamping: list.priority))
        case .dropsName:
            list.name = ""
        case .clampsMinimumQuantityTo32Bits:
            list.entries = list.entries.map { var entry = $0; entry.minimumQuantity = Int(Int32(clamping: entry.minimumQuantity)); return entry }
        case .none:
            break
        }
        return list
    }

    func create(_ list: PriceList) async throws -> StoredPriceList { try await base.create(stored(list)) }
    func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        try await base.update(stored(list), expectedRevision: expectedRevision)
    }
    func delete(_ id: PriceListID, expectedRevision: Int) async throws { try await base.delete(id, expectedRevision: expectedRevision) }
    func list(_ id: PriceListID) async throws -> StoredPriceList? { try await base.list(id) }
    func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] { try await base.lists(after: after, limit: limit) }
    func snapshot() async throws -> PriceListSnapshot { try await base.snapshot() }
}

// MARK: Tests

@Suite struct RichFixtureMutantTests {
    @Test(arguments: AccountMutant.allCases)
    func anAccountStoreThatLosesAStoredPropertyFailsTheSuite(_ mutant: AccountMutant) async {
        let report = await AccountStoreConformance { MutantAccountStore(mutant: mutant) }.runAll()
        if mutant == .none {
            #expect(report.conforms, "\(report)")
        } else {
            #expect(!report.conforms, "\(mutant.rawValue) passed every check")
        }
    }

    @Test(arguments: ConsentMutant.allCases)
    func aConsentStoreThatLosesAStoredPropertyFailsTheSuite(_ mutant: ConsentMutant) async {
        let report = await ConsentStoreConformance { MutantConsentStore(mutant: mutant) }.runAll()
        if mutant == .none {
            #expect(report.conforms, "\(report)")
        } else {
            #expect(!report.conforms, "\(mutant.rawValue) passed every check")
        }
    }

    @Test(arguments: PricingMutant.allCases)
    func aPriceListStoreThatLosesAStoredPropertyFailsTheSuite(_ mutant: PricingMutant) async {
        let report = await PriceListStoreConformance { MutantPriceListStore(mutant: mutant) }.runAll()
        if mutant == .none {
            #expect(report.conforms, "\(report)")
        } else {
            #expect(!report.conforms, "\(mutant.rawValue) passed every check")
        }
    }

    @Test func theFailuresNameTheCheckAndTheLostField() async throws {
        let lowercased = await AccountStoreConformance { MutantAccountStore(mutant: .lowercasesDisplayEmail) }.runAll()
        let failure = try #require(lowercased.failed.first { $0.check == .insertReadsBack }?.error as? ConformanceFailure)
        #expect(failure.actual.contains("customer.email.displayForm"))
        let truncated = await AccountStoreConformance { MutantAccountStore(mutant: .truncatesInstantsToSeconds) }.runAll()
        #expect(truncated.failed.map(\.check).contains(.instantsKeepMillisecondPrecision))
        let ties = await AccountStoreConformance { MutantAccountStore(mutant: .losesOrderTieBreak) }.runAll()
        #expect(ties.failed.map(\.check) == [.ordersNewestFirstPaginated])
        let categories = await ConsentStoreConformance { MutantConsentStore(mutant: .dropsSoftOptInCategories) }.runAll()
        let consentFailure = try #require(categories.failed.first { $0.check == .recordsRoundTripInOrder }?.error as? ConformanceFailure)
        #expect(consentFailure.actual.contains("softOptIn.productCategories"))
        let sends = await ConsentStoreConformance { MutantConsentStore(mutant: .truncatesSendInstants) }.runAll()
        #expect(sends.failed.map(\.check).contains(.instantsKeepMillisecondPrecision))
        let validity = await PriceListStoreConformance { MutantPriceListStore(mutant: .truncatesValidityInstants) }.runAll()
        #expect(validity.failed.map(\.check).contains(.instantsKeepMillisecondPrecision))
    }
}
