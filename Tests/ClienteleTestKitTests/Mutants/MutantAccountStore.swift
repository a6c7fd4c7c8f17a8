import ClienteleAccounts
import ClienteleTestKit
import Foundation

/// One property a lazy `AccountStore` adapter gets wrong; ``MutantAccountStore`` breaks
/// exactly that one and forwards everything else to the reference store.
enum AccountMutation: String, CaseIterable, Sendable {
    // Stored fields lost or altered on the way through the database.
    case dropsAddresses
    case dropsDefaultAddresses
    case dropsRequirements
    case dropsGroups
    case dropsStatusLog
    case dropsEmailVerifiedAt
    case dropsSessions
    case dropsTokenNewEmail
    case readsPasswordlessCredentialsAsNil
    case truncatesInstantsToSeconds
    case lowercasesDisplayEmail
    case losesSessionOrder
    // Orders.
    case losesOrderTieBreak
    case ordersOldestFirst
    case ordersPageSkipsAtBoundary
    case ordersCursorInclusive
    case emptyOrderPageForLimitBelowOne
    case acceptsOrderOfUnknownCustomer
    case moveOrdersMovesFirstGuestOnly
    // Records: revisions, uniqueness, lookups.
    case emailUniquenessRace
    case updateIgnoresRevision
    case duplicateIDReplacesRecord
    case guestsHoldTheirAddress
    case guestsNewestFirst
    case closedAccountKeepsAddress
    case sessionIndexNotUpdated
    case tokenLookupFindsNothing
    // Login throttles.
    case throttleRevisionNotChecked
    case throttlePruneKeepsAll
    // Erasure.
    case eraseKeepsOrders
    case eraseKeepsSessionIndex
    case eraseKeepsTokenIndex
    case eraseKeepsThrottles
    case eraseKeepsNewAddressThrottle
    case eraseKeepsGuestListing
    case eraseRemovesEveryGuestOfTheAddress
    case eraseOfUnknownCustomerFails
    // Customer listing.
    case customersSortedCaseInsensitively
    case customersCursorInclusive
    case customersListErased
    case customersPageForLimitBelowOne
}

/// What a mutant keeps beside the reference store to fake its one broken property.
private struct AccountSide: Sendable {
    /// Records a racing insert stored without the uniqueness index (``AccountMutation/emailUniquenessRace``).
    var unindexed: [CustomerID: AccountRecord] = [:]
    /// Addresses whose race has been lost once (``AccountMutation/emailUniquenessRace``).
    var racedKeys: Set<String> = []
    /// Addresses still held by closed accounts (``AccountMutation/closedAccountKeepsAddress``).
    var closedHolders: [String: CustomerID] = [:]
    /// A session index written on insert and never maintained (``AccountMutation/sessionIndexNotUpdated``).
    var sessionIndex: [Digest256: CustomerID] = [:]
    /// Rows an erasure left behind, served as a lazy adapter's stale tables would.
    var leftoverOrders: [CustomerID: [OrderReference]] = [:]
    var leftoverBySession: [Digest256: AccountRecord] = [:]
    var leftoverByToken: [Digest256: AccountRecord] = [:]
    var leftoverGuests: [String: [AccountRecord]] = [:]
    /// Customers erased but still listed (``AccountMutation/customersListErased``).
    var erasedCustomers: [CustomerID] = []
}

/// An `AccountStore` that forwards every requirement to a fresh in-memory
/// `ReferenceAccountStore`, except the one property its ``AccountMutation`` breaks
/// (`nil`: none, which must conform).
final class MutantAccountStore: AccountStore {
    let mutation: AccountMutation?
    private let base = ReferenceAccountStore.inMemory()
    private let side = Locked(AccountSide())

    init(_ mutation: AccountMutation?) {
        self.mutation = mutation
    }

    // MARK: Records

    func insert(_ record: AccountRecord) async throws -> AccountRecord {
        let record = degraded(record)
        switch mutation {
        case .emailUniquenessRace:
            // Check, then insert, without a unique index: a writer that checked before another's
            // insert went in passes the check. The lost race is played deterministically: the
            // first duplicate of each address gets through, as if it had checked a moment earlier.
            if let key = record.accountEmailKey, try await base.account(emailKey: key) != nil {
                let losesTheRace = side.withLock { $0.racedKeys.insert(key).inserted }
                guard losesTheRace else { throw AccountError(.emailTaken, "The address is taken.") }
                var stored = record
                stored.revision = 1
                side.withLock { $0.unindexed[stored.customer.id] = stored }
                return stored
            }
            do {
                return try await base.insert(record)
            } catch let error as AccountError where error.code == .emailTaken {
                var stored = record
                stored.revision = 1
                side.withLock { $0.unindexed[stored.customer.id] = stored }
                return stored
            }
        case .duplicateIDReplacesRecord:
            if let existing = try await base.record(record.customer.id) {
                return try await base.update(record, expectedRevision: existing.revision)
            }
        case .guestsHoldTheirAddress:
            if record.customer.kind == .guest, !(try await base.guests(emailKey: record.customer.email.uniquenessKey)).isEmpty {
                throw AccountError(.emailTaken, "The address is taken.")
            }
        case .closedAccountKeepsAddress:
            if let key = record.accountEmailKey, side.withLock({ $0.closedHolders[key] }) != nil {
                throw AccountError(.emailTaken, "The address is taken.")
            }
        case .sessionIndexNotUpdated:
            side.withLock { side in
                for session in record.sessions { side.sessionIndex[session.digest] = record.customer.id }
            }
        default:
            break
        }
        return try await base.insert(record)
    }

    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord {
        let record = degraded(record)
        switch mutation {
        case .updateIgnoresRevision:
            if let current = try await base.record(record.customer.id) {
                return try await base.update(record, expectedRevision: current.revision)
            }
        case .closedAccountKeepsAddress:
            let stored = try await base.update(record, expectedRevision: expectedRevision)
            if record.customer.kind == .account, record.customer.status == .closed {
                side.withLock { $0.closedHolders[record.customer.email.uniquenessKey] = record.customer.id }
            }
            return stored
        default:
            break
        }
        return try await base.update(record, expectedRevision: expectedRevision)
    }

    func record(_ id: CustomerID) async throws -> AccountRecord? {
        if let record = try await base.record(id) { return record }
        return side.withLock { $0.unindexed[id] }
    }

    func account(emailKey: String) async throws -> AccountRecord? {
        if let found = try await base.account(emailKey: emailKey) { return found }
        if mutation == .closedAccountKeepsAddress, let holder = side.withLock({ $0.closedHolders[emailKey] }) {
            return try await base.record(holder)
        }
        return nil
    }

    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        switch mutation {
        case .customersPageForLimitBelowOne where limit < 1:
            return []
        case .customersSortedCaseInsensitively:
            let all = try await base.customers(after: nil, limit: Int.max).sorted {
                ($0.rawValue.lowercased(), $0.rawValue) < ($1.rawValue.lowercased(), $1.rawValue)
            }
            let start = after.flatMap { cursor in all.firstIndex { ($0.rawValue.lowercased(), $0.rawValue) > (cursor.rawValue.lowercased(), cursor.rawValue) } }
            return Array(all[(after == nil ? 0 : start ?? all.count)...].prefix(limit))
        case .customersCursorInclusive:
            var page = try await base.customers(after: after, limit: limit)
            if let after, try await base.record(after) != nil { page = Array(([after] + page).prefix(limit)) }
            return page
        case .customersListErased:
            let erased = side.withLock { $0.erasedCustomers }
            let all = (try await base.customers(after: nil, limit: Int.max) + erased).sorted()
            return Array(all.filter { customer in after.map { customer > $0 } ?? true }.prefix(limit))
        default:
            return try await base.customers(after: after, limit: limit)
        }
    }

    func guests(emailKey: String) async throws -> [AccountRecord] {
        var guests = try await base.guests(emailKey: emailKey)
        guests += side.withLock { $0.leftoverGuests[emailKey] ?? [] }
        return mutation == .guestsNewestFirst ? guests.reversed() : guests
    }

    func record(sessionDigest: Digest256) async throws -> AccountRecord? {
        if let leftover = side.withLock({ $0.leftoverBySession[sessionDigest] }) { return leftover }
        guard mutation == .sessionIndexNotUpdated else { return try await base.record(sessionDigest: sessionDigest) }
        guard let id = side.withLock({ $0.sessionIndex[sessionDigest] }) else { return nil }
        return try await base.record(id)
    }

    func record(tokenDigest: Digest256) async throws -> AccountRecord? {
        if let leftover = side.withLock({ $0.leftoverByToken[tokenDigest] }) { return leftover }
        return mutation == .tokenLookupFindsNothing ? nil : try await base.record(tokenDigest: tokenDigest)
    }

    // MARK: Orders

    func recordOrder(_ order: OrderReference) async throws {
        var order = order
        if mutation == .truncatesInstantsToSeconds { order.placedAt = Self.wholeSeconds(order.placedAt) }
        do {
            try await base.recordOrder(order)
        } catch let error as AccountError where error.code == .customerNotFound && mutation == .acceptsOrderOfUnknownCustomer {
            return
        }
    }

    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        let paging: Set<AccountMutation> = [
            .losesOrderTieBreak, .ordersOldestFirst, .ordersPageSkipsAtBoundary, .ordersCursorInclusive, .emptyOrderPageForLimitBelowOne,
        ]
        if limit >= 1, let leftovers = side.withLock({ $0.leftoverOrders[customer] }) {
            return Array((try await base.orders(of: customer, after: cursor, limit: limit) + leftovers).prefix(limit))
        }
        guard let mutation, paging.contains(mutation) else {
            return try await base.orders(of: customer, after: cursor, limit: limit)
        }
        guard limit >= 1 else {
            if mutation == .emptyOrderPageForLimitBelowOne { return [] }
            return try await base.orders(of: customer, after: cursor, limit: limit)
        }
        var all = try await base.orders(of: customer, after: nil, limit: Int.max)
        switch mutation {
        case .ordersOldestFirst: all.reverse()
        case .losesOrderTieBreak: all.sort { $0.placedAt != $1.placedAt ? $0.placedAt > $1.placedAt : $0.id < $1.id }
        default: break
        }
        var start = 0
        if let cursor {
            if let index = all.firstIndex(where: { $0.cursor == cursor }) {
                switch mutation {
                case .ordersCursorInclusive: start = index
                case .ordersPageSkipsAtBoundary: start = index + 2
                default: start = index + 1
                }
            } else {
                start = all.firstIndex(where: { cursor.isBefore($0) }) ?? all.count
            }
        }
        return Array(all[min(start, all.count)...].prefix(limit))
    }

    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try await base.moveOrders(from: mutation == .moveOrdersMovesFirstGuestOnly ? Array(guests.prefix(1)) : guests, to: customer)
    }

    // MARK: Login throttles

    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? {
        try await base.loginThrottle(key: key)
    }

    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        var record = record
        if mutation == .truncatesInstantsToSeconds {
            record.firstFailureAt = Self.wholeSeconds(record.firstFailureAt)
            record.lastFailureAt = Self.wholeSeconds(record.lastFailureAt)
        }
        if mutation == .throttleRevisionNotChecked {
            let current = try await base.loginThrottle(key: record.key)?.revision ?? 0
            return try await base.saveLoginThrottle(record, expectedRevision: current)
        }
        return try await base.saveLoginThrottle(record, expectedRevision: expectedRevision)
    }

    func removeLoginThrottle(key: LoginThrottleKey) async throws {
        try await base.removeLoginThrottle(key: key)
    }

    func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        guard mutation != .throttlePruneKeepsAll else { return }
        try await base.removeLoginThrottles(lastFailureBefore: instant)
    }

    // MARK: Erasure

    func erase(customer: CustomerID) async throws {
        if mutation == .customersListErased, try await base.record(customer) != nil {
            side.withLock { $0.erasedCustomers.append(customer) }
        }
        guard let record = try await base.record(customer) else {
            if mutation == .eraseOfUnknownCustomerFails { throw AccountError(.customerNotFound, "No such customer.") }
            try await base.erase(customer: customer)
            return
        }
        let orders = try await base.orders(of: customer, after: nil, limit: Int.max)
        let key = LoginThrottleKey(record.customer.email)
        let newKeys = record.tokens.compactMap { $0.newEmail.map(LoginThrottleKey.init) }
        var kept: [LoginThrottleRecord] = []
        for throttleKey in mutation == .eraseKeepsThrottles ? [key] + newKeys : mutation == .eraseKeepsNewAddressThrottle ? newKeys : [] {
            if let throttle = try await base.loginThrottle(key: throttleKey) { kept.append(throttle) }
        }
        if mutation == .eraseRemovesEveryGuestOfTheAddress, record.customer.kind == .guest {
            for guest in try await base.guests(emailKey: key.rawValue) { try await base.erase(customer: guest.customer.id) }
        }
        try await base.erase(customer: customer)
        for throttle in kept { _ = try await base.saveLoginThrottle(throttle, expectedRevision: 0) }
        side.withLock { side in
            switch mutation {
            case .eraseKeepsOrders: side.leftoverOrders[customer] = orders
            case .eraseKeepsSessionIndex: for session in record.sessions { side.leftoverBySession[session.digest] = record }
            case .eraseKeepsTokenIndex: for token in record.tokens { side.leftoverByToken[token.digest] = record }
            case .eraseKeepsGuestListing where record.customer.kind == .guest: side.leftoverGuests[key.rawValue, default: []].append(record)
            default: break
            }
        }
    }

    // MARK: Lossy columns

    /// `record` as a lazy adapter would store it: with the mutation's field lost.
    private func degraded(_ record: AccountRecord) -> AccountRecord {
        var record = record
        switch mutation {
        case .dropsAddresses: record.customer.addresses = []
        case .dropsDefaultAddresses: record.customer.defaultAddresses = [:]
        case .dropsRequirements: record.customer.requirements = [:]
        case .dropsGroups: record.customer.groups = []
        case .dropsStatusLog: record.customer.statusLog = []
        case .dropsEmailVerifiedAt: record.customer.emailVerifiedAt = nil
        case .dropsSessions: record.sessions = []
        case .dropsTokenNewEmail:
            record.tokens = record.tokens.map { token in
                var token = token
                token.newEmail = nil
                return token
            }
        case .readsPasswordlessCredentialsAsNil:
            if record.credentials?.passwordHash == nil { record.credentials = nil }
        case .lowercasesDisplayEmail:
            record.customer.email = (try? EmailAddress(parsing: record.customer.email.displayForm.lowercased())) ?? record.customer.email
        case .losesSessionOrder: record.sessions.reverse()
        case .truncatesInstantsToSeconds: record = Self.truncated(record)
        default: break
        }
        return record
    }

    /// Every instant of `record` cut to whole seconds.
    private static func truncated(_ record: AccountRecord) -> AccountRecord {
        var record = record
        record.customer.createdAt = wholeSeconds(record.customer.createdAt)
        record.customer.emailVerifiedAt = record.customer.emailVerifiedAt.map(wholeSeconds)
        record.customer.statusLog = record.customer.statusLog.map { change in
            var change = change
            change.at = wholeSeconds(change.at)
            return change
        }
        if var credentials = record.credentials {
            credentials.changedAt = wholeSeconds(credentials.changedAt)
            record.credentials = credentials
        }
        record.sessions = record.sessions.map { session in
            var session = session
            session.createdAt = wholeSeconds(session.createdAt)
            session.lastUsedAt = wholeSeconds(session.lastUsedAt)
            return session
        }
        record.tokens = record.tokens.map { token in
            var token = token
            token.issuedAt = wholeSeconds(token.issuedAt)
            token.expiresAt = wholeSeconds(token.expiresAt)
            return token
        }
        return record
    }

    static func wholeSeconds(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
    }
}
