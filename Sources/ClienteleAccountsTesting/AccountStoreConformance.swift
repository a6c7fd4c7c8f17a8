public import ClienteleAccounts
public import ClienteleTestKitCore
import Foundation

/// The contract of `AccountStore`, as checks a host runs against its own adapter.
///
/// ```swift
/// @Test(arguments: AccountStoreConformance.checksWithoutReopen)
/// func conformance(_ check: AccountStoreConformance.Check) async throws {
///     try await AccountStoreConformance { try await MyPostgresAccountStore.fresh() }.run(check)
/// }
/// ```
///
/// Every check gets a fresh, empty store from the factory. ``Check/survivesReopen`` runs
/// only when the suite was given a `reopen` closure, and is reported as skipped otherwise
/// (see ``ConformanceSuite``).
public struct AccountStoreConformance: ConformanceSuite {
    /// The checks, one per clause of the contract.
    public enum Check: String, CaseIterable, Sendable {
        /// An inserted record reads back equal, with revision 1, by id and by e-mail key: a
        /// plain record, a rich one (every stored field set, compared field by field, the
        /// display form of every e-mail address included) and one with password-less
        /// credentials (a value with a nil hash, not nil).
        case insertReadsBack
        /// Unknown ids, keys and digests read as `nil`; updating an unknown id fails with `customerNotFound`.
        case unknownRecordsAreNil
        /// An update stores revision + 1; a second update with the old revision fails with `conflict`.
        case staleUpdateConflicts
        /// Inserting an existing customer id fails with `duplicateCustomer`.
        case duplicateIDIsRefused
        /// A second account with the same address in another letter case fails with `emailTaken`.
        case emailIsUniqueAcrossCase
        /// Of 100 concurrent inserts of one address in different letter cases exactly one succeeds.
        case concurrentRegistrationsOfOneAddress
        /// Of 20 concurrent updates from one revision exactly one succeeds.
        case concurrentUpdatesOneWins
        /// Turning a guest into an account, or changing an e-mail, onto a taken address fails and changes nothing.
        case updateOntoTakenAddressChangesNothing
        /// Guests do not hold their address; several guests share one, listed oldest first
        /// (by creation instant, then by ID), also after one of them is updated.
        case guestsShareAnAddress
        /// A closed account frees its address for a new account.
        case closedAccountFreesAddress
        /// Sessions and tokens are found by digest, and no longer once removed.
        case digestLookups
        /// Orders list newest first, paginate by cursor without gaps or repeats, and replace by id.
        case ordersNewestFirstPaginated
        /// An order of an unknown customer fails with `customerNotFound`.
        case orderOfUnknownCustomerIsRefused
        /// Moving orders moves all of them, atomically, to the target.
        case moveOrdersMovesAll
        /// Throttle records save with revisions (0 = new), conflict when stale, and are removed.
        case throttleRecords
        /// After a reopen every record, order and throttle is still there (reopen-capable stores only).
        case survivesReopen
        /// A page limit below 1 fails with `invalidPageSize`, for a customer with orders and one without.
        case pageLimitOutOfRangeIsRefused
        /// Instants with sub-second parts (whole milliseconds, ``StoredInstant``) in records,
        /// updates, orders and throttle records read back exactly, not rounded to seconds.
        case instantsKeepMillisecondPrecision
        /// Erasing a rich customer leaves nothing any lookup finds: not by id, e-mail key,
        /// session or token digest, in its orders or its addresses' throttle records; another
        /// customer's record, orders and throttle record stay exactly as they were.
        case erasureLeavesNothingBehind
        /// Erasing a guest removes that guest only: the account and the other guests of the
        /// address keep their records and their order in the guest listing.
        case erasingAGuestKeepsTheOthers
        /// Erasing twice, or erasing an unknown customer, succeeds; the erased id and order ids
        /// can be used afresh (a new record at revision 1, the orders stored for another customer).
        case erasureIsRepeatable
        /// An erased customer stays erased after a reopen (reopen-capable stores only).
        case erasureSurvivesReopen
        /// Every customer, guests and accounts, is listed in byte order of the id (upper case
        /// before lower case), page by page, strictly after the cursor (also one that is not
        /// stored), without repeats, and `customerCount()` counts them; an erased customer
        /// is neither listed nor counted.
        case customersArePaginatedInOrder
        /// `insert(contentsOf:)` inserts each record on its own: one result per record, in
        /// order; a duplicate id or a taken address (also one taken earlier in the same batch)
        /// fails alone with its code and is not stored, the others read back at revision 1.
        case batchInsertIsPerRecord
    }

    /// The factory and reopen closure the checks run against.
    public let stores: ConformanceStores<any AccountStore>

    /// The checks that need `reopen`: ``Check/survivesReopen`` and ``Check/erasureSurvivesReopen``.
    public static let reopenChecks: Set<Check> = [.survivesReopen, .erasureSurvivesReopen]

    /// Creates the suite for an adapter type; the closures take and return that type, so
    /// `reopen` and `tearDown` need no downcast.
    ///
    /// - Parameters:
    ///   - makeStore: Makes a fresh, empty store for each check.
    ///   - reopen: For durable stores: closes the given store and opens its data again.
    ///     Without it, ``Check/survivesReopen`` is reported as skipped.
    ///   - tearDown: Called after every check, passed or failed, with the newest instance
    ///     of its store (the reopened one if the check reopened it): close it, drop its
    ///     temporary database or folder.
    public init<Adapter: AccountStore>(
        makeStore: @escaping @Sendable () async throws -> Adapter,
        reopen: (@Sendable (Adapter) async throws -> Adapter)? = nil,
        tearDown: (@Sendable (Adapter) async throws -> Void)? = nil
    ) {
        self.stores = ConformanceStores(make: makeStore, reopen: reopen, tearDown: tearDown, erase: { $0 })
    }

    /// Runs the body of one check against `store`; hosts call ``ConformanceSuite/run(_:)``.
    ///
    /// - Throws: ``ConformanceFailure``, ``ConformanceSkipped`` or an unexpected store error.
    public func run(_ check: Check, on store: any AccountStore) async throws {
        switch check {
        case .insertReadsBack: try await insertReadsBack(store, check)
        case .unknownRecordsAreNil: try await unknownRecordsAreNil(store, check)
        case .staleUpdateConflicts: try await staleUpdateConflicts(store, check)
        case .duplicateIDIsRefused: try await duplicateIDIsRefused(store, check)
        case .emailIsUniqueAcrossCase: try await emailIsUniqueAcrossCase(store, check)
        case .concurrentRegistrationsOfOneAddress: try await concurrentRegistrations(store, check)
        case .concurrentUpdatesOneWins: try await concurrentUpdates(store, check)
        case .updateOntoTakenAddressChangesNothing: try await updateOntoTakenAddress(store, check)
        case .guestsShareAnAddress: try await guestsShareAnAddress(store, check)
        case .closedAccountFreesAddress: try await closedAccountFreesAddress(store, check)
        case .digestLookups: try await digestLookups(store, check)
        case .ordersNewestFirstPaginated: try await ordersNewestFirst(store, check)
        case .orderOfUnknownCustomerIsRefused: try await orderOfUnknownCustomer(store, check)
        case .moveOrdersMovesAll: try await moveOrders(store, check)
        case .throttleRecords: try await throttleRecords(store, check)
        case .survivesReopen: try await survivesReopen(store, check)
        case .pageLimitOutOfRangeIsRefused: try await pageLimitOutOfRangeIsRefused(store, check)
        case .instantsKeepMillisecondPrecision: try await instantsKeepMillisecondPrecision(store, check)
        case .erasureLeavesNothingBehind: try await erasureLeavesNothingBehind(store, check)
        case .erasingAGuestKeepsTheOthers: try await erasingAGuestKeepsTheOthers(store, check)
        case .erasureIsRepeatable: try await erasureIsRepeatable(store, check)
        case .erasureSurvivesReopen: try await erasureSurvivesReopen(store, check)
        case .customersArePaginatedInOrder: try await customersArePaginatedInOrder(store, check)
        case .batchInsertIsPerRecord: try await batchInsertIsPerRecord(store, check)
        }
    }

    // MARK: Checks

    private func insertReadsBack(_ store: any AccountStore, _ check: Check) async throws {
        var record = try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "Anna@Example.NL", groups: [.vip])
        record.sessions = [try AccountFixtures.session(1)]
        let stored = try await store.insert(record)
        try require(stored.revision == 1, check, expected: "revision 1 after insert", actual: "revision \(stored.revision)")
        record.revision = 1
        let byID = try await store.record(record.customer.id)
        try requireSame(record, byID, check, "the record read back by id")
        let byKey = try await store.account(emailKey: "anna@example.nl")
        try require(byKey?.customer.id == record.customer.id, check, expected: "found by its lower-case e-mail key", actual: "\(String(describing: byKey?.customer.id))")
        var rich = try AccountFixtures.richRecord(id: AccountFixtures.customerID(2))
        _ = try await store.insert(rich)
        rich.revision = 1
        try requireSame(rich, try await store.record(rich.customer.id), check, "the rich record read back by id")
        try requireSame(rich, try await store.account(emailKey: rich.customer.email.uniquenessKey), check, "the rich record read back by e-mail key")
        try requireSame(rich, try await store.record(sessionDigest: try AccountFixtures.digest(0xA2)), check, "the rich record read back by session digest")
        try requireSame(rich, try await store.record(tokenDigest: try AccountFixtures.digest(0xB1)), check, "the rich record read back by token digest")
        var passwordless = try AccountFixtures.richRecord(id: AccountFixtures.customerID(3), email: "Piet@Example.NL", passwordHash: nil)
        passwordless.sessions = []
        passwordless.tokens = []
        _ = try await store.insert(passwordless)
        passwordless.revision = 1
        let readPasswordless = try await store.record(passwordless.customer.id)
        try require(
            readPasswordless?.credentials != nil, check, expected: "password-less credentials read back as a value with a nil hash",
            actual: "nil credentials")
        try requireSame(passwordless, readPasswordless, check, "the record with password-less credentials")
    }

    private func unknownRecordsAreNil(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(404)
        try require(try await store.record(id) == nil, check, expected: "nil for an unknown id", actual: "a record")
        try require(try await store.account(emailKey: "nobody@example.nl") == nil, check, expected: "nil for an unknown key", actual: "a record")
        try require(try await store.guests(emailKey: "nobody@example.nl").isEmpty, check, expected: "no guests for an unknown key", actual: "guests")
        try require(try await store.record(sessionDigest: try AccountFixtures.digest(9)) == nil, check, expected: "nil for an unknown session digest", actual: "a record")
        try require(try await store.record(tokenDigest: try AccountFixtures.digest(9)) == nil, check, expected: "nil for an unknown token digest", actual: "a record")
        try require(try await store.loginThrottle(key: try LoginThrottleKey(validating: "nobody@example.nl")) == nil, check, expected: "nil for an unknown throttle key", actual: "a record")
        let code = await errorCode { _ = try await store.update(try AccountFixtures.record(id: id, email: "x@example.nl"), expectedRevision: 1) }
        try require(code == .customerNotFound, check, expected: "customerNotFound when updating an unknown id", actual: describe(code))
    }

    private func staleUpdateConflicts(_ store: any AccountStore, _ check: Check) async throws {
        let original = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "a@example.nl"))
        var first = original
        first.customer.groups = [.vip]
        let updated = try await store.update(first, expectedRevision: original.revision)
        try require(updated.revision == 2, check, expected: "revision 2 after one update", actual: "revision \(updated.revision)")
        var second = original
        second.customer.groups = [.b2b]
        let code = await errorCode { _ = try await store.update(second, expectedRevision: original.revision) }
        try require(code == .conflict, check, expected: "conflict for an update from a stale revision", actual: describe(code))
        let current = try await store.record(original.customer.id)
        try require(current?.customer.groups == [.vip] && current?.revision == 2, check,
                    expected: "the first update kept", actual: "\(String(describing: current?.customer.groups)) at revision \(String(describing: current?.revision))")
    }

    private func duplicateIDIsRefused(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(1)
        _ = try await store.insert(try AccountFixtures.record(id: id, email: "a@example.nl"))
        let code = await errorCode { _ = try await store.insert(try AccountFixtures.record(id: id, email: "b@example.nl", kind: .guest)) }
        try require(code == .duplicateCustomer, check, expected: "duplicateCustomer for a reused id", actual: describe(code))
        try require(try await store.record(id)?.customer.email.uniquenessKey == "a@example.nl", check, expected: "the first record kept", actual: "it was replaced")
    }

    private func emailIsUniqueAcrossCase(_ store: any AccountStore, _ check: Check) async throws {
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "jan@example.nl"))
        let code = await errorCode { _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "JAN@EXAMPLE.NL")) }
        try require(code == .emailTaken, check, expected: "emailTaken for the same address in upper case", actual: describe(code))
        try require(try await store.record(AccountFixtures.customerID(2)) == nil, check, expected: "the refused record not stored", actual: "it was stored")
    }

    private func concurrentRegistrations(_ store: any AccountStore, _ check: Check) async throws {
        let variants = (0..<100).map { index in
            String("shared.address@example.nl".enumerated().map { offset, char in
                (index >> (offset % 7)) & 1 == 1 ? Character(char.uppercased()) : char
            })
        }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for (index, email) in variants.enumerated() {
                group.addTask {
                    do {
                        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(index + 1), email: email))
                        return true
                    } catch {
                        return false
                    }
                }
            }
            var successes = 0
            for await success in group where success { successes += 1 }
            return successes
        }
        try require(outcomes == 1, check, expected: "exactly 1 of 100 concurrent registrations of one address to succeed", actual: "\(outcomes) succeeded")
        var stored = 0
        for index in 1...100 where try await store.record(AccountFixtures.customerID(index)) != nil { stored += 1 }
        try require(stored == 1, check, expected: "exactly 1 record stored", actual: "\(stored) stored")
    }

    private func concurrentUpdates(_ store: any AccountStore, _ check: Check) async throws {
        let original = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "a@example.nl"))
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    var next = original
                    next.customer.requirements = ["n": String(index)]
                    return (try? await store.update(next, expectedRevision: original.revision)) != nil
                }
            }
            var count = 0
            for await success in group where success { count += 1 }
            return count
        }
        try require(successes == 1, check, expected: "exactly 1 of 20 concurrent updates from one revision to succeed", actual: "\(successes) succeeded")
        try require(try await store.record(original.customer.id)?.revision == 2, check, expected: "revision 2", actual: "another revision")
    }

    private func updateOntoTakenAddress(_ store: any AccountStore, _ check: Check) async throws {
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "taken@example.nl"))
        let guest = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "Taken@example.nl", kind: .guest))
        var converted = guest
        converted.customer.kind = .account
        converted.credentials = Credentials(passwordHash: AccountFixtures.unmatchablePasswordHash, changedAt: guest.customer.createdAt)
        var code = await errorCode { _ = try await store.update(converted, expectedRevision: guest.revision) }
        try require(code == .emailTaken, check, expected: "emailTaken when a guest becomes an account for a taken address", actual: describe(code))
        try require(try await store.record(guest.customer.id) == guest, check, expected: "the guest unchanged", actual: "it changed")
        let other = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(3), email: "other@example.nl"))
        var moved = other
        moved.customer.email = try AccountFixtures.email("TAKEN@example.nl")
        code = await errorCode { _ = try await store.update(moved, expectedRevision: other.revision) }
        try require(code == .emailTaken, check, expected: "emailTaken when changing an e-mail to a taken one", actual: describe(code))
        try require(try await store.account(emailKey: "other@example.nl")?.customer.id == other.customer.id, check, expected: "the old address still indexed", actual: "it is not")
    }

    private func guestsShareAnAddress(_ store: any AccountStore, _ check: Check) async throws {
        // Created at 10:00 (c3), 10:01 (c1) and 10:01 (c2), inserted in another order.
        let start = ManualClock.defaultStart
        var oldest: AccountRecord?
        for (index, minutes) in [(2, 1.0), (3, 0.0), (1, 1.0)] {
            let stored = try await store.insert(try AccountFixtures.record(
                id: AccountFixtures.customerID(index), email: "guest@example.nl", kind: .guest, at: start + minutes * 60))
            if index == 3 { oldest = stored }
        }
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(4), email: "GUEST@example.nl"))
        let expected = [3, 1, 2].map(AccountFixtures.customerID)
        var guests = try await store.guests(emailKey: "guest@example.nl").map(\.customer.id)
        try require(guests == expected, check, expected: "guests c3, c1, c2: oldest first, ties by ID", actual: "\(guests)")
        if var oldest {
            oldest.customer.groups = [try CustomerGroup(validating: "updated")]
            _ = try await store.update(oldest, expectedRevision: oldest.revision)
        }
        guests = try await store.guests(emailKey: "guest@example.nl").map(\.customer.id)
        try require(guests == expected, check, expected: "the same order after the oldest guest is updated", actual: "\(guests)")
        try require(try await store.account(emailKey: "guest@example.nl")?.customer.id == AccountFixtures.customerID(4), check, expected: "the account c4 holds the address", actual: "another holder")
    }

    private func closedAccountFreesAddress(_ store: any AccountStore, _ check: Check) async throws {
        let first = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "reuse@example.nl"))
        var closed = first
        closed.customer.status = .closed
        _ = try await store.update(closed, expectedRevision: first.revision)
        try require(try await store.account(emailKey: "reuse@example.nl") == nil, check, expected: "no account holds the address after closure", actual: "one does")
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "reuse@example.nl"))
        try require(try await store.account(emailKey: "reuse@example.nl")?.customer.id == AccountFixtures.customerID(2), check, expected: "the new account holds it", actual: "another")
    }

    private func digestLookups(_ store: any AccountStore, _ check: Check) async throws {
        var record = try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "a@example.nl")
        record.sessions = [try AccountFixtures.session(1), try AccountFixtures.session(2)]
        let instant = record.customer.createdAt
        record.tokens = [StoredToken(digest: try AccountFixtures.digest(3), purpose: .verifyEmail, issuedAt: instant, expiresAt: instant.addingTimeInterval(60))]
        let stored = try await store.insert(record)
        for seed: UInt8 in [1, 2] {
            let found = try await store.record(sessionDigest: try AccountFixtures.digest(seed))?.customer.id
            try require(found == record.customer.id, check, expected: "session \(seed) found by digest", actual: "\(String(describing: found))")
        }
        try require(try await store.record(tokenDigest: try AccountFixtures.digest(3))?.customer.id == record.customer.id, check, expected: "token found by digest", actual: "not found")
        var next = stored
        next.sessions = [try AccountFixtures.session(2)]
        next.tokens = []
        _ = try await store.update(next, expectedRevision: stored.revision)
        try require(try await store.record(sessionDigest: try AccountFixtures.digest(1)) == nil, check, expected: "a removed session no longer found", actual: "found")
        try require(try await store.record(sessionDigest: try AccountFixtures.digest(2)) != nil, check, expected: "a kept session still found", actual: "not found")
        try require(try await store.record(tokenDigest: try AccountFixtures.digest(3)) == nil, check, expected: "a removed token no longer found", actual: "found")
    }

    private func ordersNewestFirst(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(1)
        _ = try await store.insert(try AccountFixtures.record(id: id, email: "a@example.nl"))
        let orders = AccountFixtures.orders(of: id, count: 25)
        for order in orders.shuffled() { try await store.recordOrder(order) }
        var listed: [OrderReference] = []
        var cursor: OrderCursor?
        repeat {
            let page = try await store.orders(of: id, after: cursor, limit: 7)
            listed += page
            cursor = page.count == 7 ? page.last?.cursor : nil
        } while cursor != nil
        try require(listed == orders, check, expected: "25 orders newest first across pages of 7", actual: "\(listed.map(\.id.rawValue))")
        var updated = orders[3]
        updated.status = .shipped
        try await store.recordOrder(updated)
        let again = try await store.orders(of: id, after: nil, limit: 100)
        try require(again.count == 25 && again[3].status == .shipped, check, expected: "an order replaced by id, not duplicated", actual: "\(again.count) orders, status \(again.count > 3 ? again[3].status.rawValue : "-")")
        let other = AccountFixtures.customerID(2)
        _ = try await store.insert(try AccountFixtures.record(id: other, email: "b@example.nl"))
        let rich = AccountFixtures.richOrders(of: other)
        for order in rich.reversed() { try await store.recordOrder(order) }
        let richListed = try await store.orders(of: other, after: nil, limit: 100)
        try require(richListed == rich, check, expected: "orders at one instant ordered by id (descending), totals and statuses kept: \(rich.map(\.id.rawValue))", actual: "\(richListed.map(\.id.rawValue))")
        var paged: [OrderReference] = []
        var richCursor: OrderCursor?
        repeat {
            let page = try await store.orders(of: other, after: richCursor, limit: 1)
            paged += page
            richCursor = page.last?.cursor
        } while richCursor != nil && paged.count <= rich.count
        try require(paged == rich, check, expected: "pages of 1 across the tie give every order once", actual: "\(paged.map(\.id.rawValue))")
    }

    private func orderOfUnknownCustomer(_ store: any AccountStore, _ check: Check) async throws {
        let order = AccountFixtures.orders(of: AccountFixtures.customerID(404), count: 1)
        let code = await errorCode { for item in order { try await store.recordOrder(item) } }
        try require(code == .customerNotFound, check, expected: "customerNotFound for an order of an unknown customer", actual: describe(code))
    }

    private func moveOrders(_ store: any AccountStore, _ check: Check) async throws {
        let guestA = AccountFixtures.customerID(1), guestB = AccountFixtures.customerID(2), account = AccountFixtures.customerID(3)
        _ = try await store.insert(try AccountFixtures.record(id: guestA, email: "g@example.nl", kind: .guest))
        _ = try await store.insert(try AccountFixtures.record(id: guestB, email: "g@example.nl", kind: .guest))
        _ = try await store.insert(try AccountFixtures.record(id: account, email: "g@example.nl"))
        for order in AccountFixtures.orders(of: guestA, count: 2, prefix: "a") + AccountFixtures.orders(of: guestB, count: 3, prefix: "b")
            + AccountFixtures.orders(of: account, count: 1, prefix: "c")
        {
            try await store.recordOrder(order)
        }
        try await store.moveOrders(from: [guestA, guestB], to: account)
        let moved = try await store.orders(of: account, after: nil, limit: 100)
        try require(moved.count == 6 && moved.allSatisfy { $0.customer == account }, check, expected: "6 orders of the account", actual: "\(moved.count) orders")
        let left = try await store.orders(of: guestA, after: nil, limit: 100).count + (try await store.orders(of: guestB, after: nil, limit: 100).count)
        try require(left == 0, check, expected: "no orders left with the guests", actual: "\(left)")
    }

    private func throttleRecords(_ store: any AccountStore, _ check: Check) async throws {
        let instant = ManualClock.defaultStart
        let key = try LoginThrottleKey(validating: "a@example.nl"), old = try LoginThrottleKey(validating: "old@example.nl")
        let first = try await store.saveLoginThrottle(
            LoginThrottleRecord(key: key, failures: 1, firstFailureAt: instant, lastFailureAt: instant), expectedRevision: 0)
        try require(first.revision == 1, check, expected: "revision 1 for a new throttle record", actual: "\(first.revision)")
        var next = first
        next.failures = 2
        _ = try await store.saveLoginThrottle(next, expectedRevision: 1)
        let code = await errorCode { _ = try await store.saveLoginThrottle(next, expectedRevision: 1) }
        try require(code == .conflict, check, expected: "conflict for a stale throttle save", actual: describe(code))
        try require(try await store.loginThrottle(key: key)?.failures == 2, check, expected: "2 failures stored", actual: "another count")
        _ = try await store.saveLoginThrottle(
            LoginThrottleRecord(key: old, failures: 1, firstFailureAt: instant.addingTimeInterval(-7_200), lastFailureAt: instant.addingTimeInterval(-7_200)),
            expectedRevision: 0)
        try await store.removeLoginThrottles(lastFailureBefore: instant.addingTimeInterval(-3_600))
        try require(try await store.loginThrottle(key: old) == nil, check, expected: "a stale record pruned", actual: "kept")
        try require(try await store.loginThrottle(key: key) != nil, check, expected: "a recent record kept", actual: "pruned")
        try await store.removeLoginThrottle(key: key)
        try require(try await store.loginThrottle(key: key) == nil, check, expected: "a removed record gone", actual: "kept")
    }

    private func survivesReopen(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(1)
        var record = try AccountFixtures.record(id: id, email: "keep@example.nl")
        record.sessions = [try AccountFixtures.session(1)]
        let stored = try await store.insert(record)
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "keep@example.nl", kind: .guest))
        let orders = AccountFixtures.orders(of: id, count: 3)
        for order in orders { try await store.recordOrder(order) }
        let instant = ManualClock.defaultStart
        let key = try LoginThrottleKey(validating: "keep@example.nl")
        _ = try await store.saveLoginThrottle(
            LoginThrottleRecord(key: key, failures: 3, firstFailureAt: instant, lastFailureAt: instant), expectedRevision: 0)
        let richID = AccountFixtures.customerID(5)
        let rich = try await store.insert(try AccountFixtures.richRecord(id: richID))
        let passwordless = try await store.insert(
            try AccountFixtures.richRecord(id: AccountFixtures.customerID(6), email: "Piet@Example.NL", passwordHash: nil, digestBase: 0x40))
        let richOrders = AccountFixtures.richOrders(of: richID)
        for order in richOrders.reversed() { try await store.recordOrder(order) }
        let richKey = try LoginThrottleKey(validating: "rich@example.nl")
        var richThrottle = AccountFixtures.richThrottle(key: richKey)
        _ = try await store.saveLoginThrottle(richThrottle, expectedRevision: 0)
        richThrottle.revision = 1
        let reopened = try await reopen(store, for: check)
        try requireSame(stored, try await reopened.record(id), check, "the record after reopen")
        try requireSame(rich, try await reopened.record(richID), check, "the rich record after reopen")
        try requireSame(passwordless, try await reopened.record(passwordless.customer.id), check, "the password-less record after reopen")
        try require(try await reopened.account(emailKey: "keep@example.nl")?.customer.id == id, check, expected: "the e-mail index rebuilt", actual: "not found")
        try require(try await reopened.guests(emailKey: "keep@example.nl").count == 1, check, expected: "the guest index rebuilt", actual: "not found")
        try require(try await reopened.record(sessionDigest: try AccountFixtures.digest(1))?.customer.id == id, check, expected: "the session index rebuilt", actual: "not found")
        try require(try await reopened.record(tokenDigest: try AccountFixtures.digest(0xB1))?.customer.id == richID, check, expected: "the token index rebuilt", actual: "not found")
        try require(try await reopened.orders(of: id, after: nil, limit: 10) == orders, check, expected: "orders kept in order", actual: "they differ")
        let richListed = try await reopened.orders(of: richID, after: nil, limit: 10)
        try require(richListed == richOrders, check, expected: "rich orders kept with their tie-break", actual: "\(richListed.map(\.id.rawValue))")
        try require(try await reopened.loginThrottle(key: key)?.failures == 3, check, expected: "throttle kept", actual: "lost")
        let readThrottle = try await reopened.loginThrottle(key: richKey)
        try require(readThrottle == richThrottle, check, expected: "the rich throttle record kept exactly", actual: "\(String(describing: readThrottle))")
        let code = await errorCode { _ = try await reopened.insert(try AccountFixtures.record(id: AccountFixtures.customerID(3), email: "KEEP@example.nl")) }
        try require(code == .emailTaken, check, expected: "uniqueness still enforced after reopen", actual: describe(code))
    }

    private func instantsKeepMillisecondPrecision(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(1)
        let precise = AccountFixtures.instant(123)
        let inserted = try await store.insert(try AccountFixtures.record(id: id, email: "ms@example.nl", at: precise))
        let read = try await store.record(id)
        try require(read?.customer.createdAt == precise, check, expected: "createdAt \(millis(precise)) ms read back exactly", actual: millis(read?.customer.createdAt))
        var changed = inserted
        changed.customer.emailVerifiedAt = AccountFixtures.instant(1_001)
        changed.sessions = [try AccountFixtures.session(7, at: AccountFixtures.instant(2_999))]
        changed.tokens = [StoredToken(digest: try AccountFixtures.digest(8), purpose: .verifyEmail, issuedAt: AccountFixtures.instant(3_007), expiresAt: AccountFixtures.instant(60_007))]
        changed.credentials?.changedAt = AccountFixtures.instant(4_999)
        let updated = try await store.update(changed, expectedRevision: inserted.revision)
        let again = try await store.record(id)
        try requireSame(updated, again, check, "an updated record with millisecond instants")
        let times = [again?.customer.emailVerifiedAt, again?.sessions.first?.createdAt, again?.tokens.first?.issuedAt, again?.credentials?.changedAt]
        try require(
            times == [AccountFixtures.instant(1_001), AccountFixtures.instant(2_999), AccountFixtures.instant(3_007), AccountFixtures.instant(4_999)],
            check, expected: "instants 1001, 2999, 3007 and 4999 ms after the start", actual: "\(times.map(millis))")
        let orders = AccountFixtures.orders(of: id, count: 1, newest: AccountFixtures.instant(5_123))
        guard let order = orders.first else { return }
        try await store.recordOrder(order)
        let placed = try await store.orders(of: id, after: nil, limit: 10).first?.placedAt
        try require(placed == order.placedAt, check, expected: "an order placed \(millis(order.placedAt)) ms read back exactly", actual: millis(placed))
        let key = try LoginThrottleKey(validating: "ms@example.nl")
        let throttle = AccountFixtures.richThrottle(key: key)
        _ = try await store.saveLoginThrottle(throttle, expectedRevision: 0)
        let readThrottle = try await store.loginThrottle(key: key)
        try require(
            readThrottle?.firstFailureAt == throttle.firstFailureAt && readThrottle?.lastFailureAt == throttle.lastFailureAt, check,
            expected: "throttle instants read back exactly", actual: "\(millis(readThrottle?.firstFailureAt)), \(millis(readThrottle?.lastFailureAt))")
    }

    private func pageLimitOutOfRangeIsRefused(_ store: any AccountStore, _ check: Check) async throws {
        let id = AccountFixtures.customerID(1)
        _ = try await store.insert(try AccountFixtures.record(id: id, email: "a@example.nl"))
        for order in AccountFixtures.orders(of: id, count: 3) { try await store.recordOrder(order) }
        for (customer, limit) in [(id, 0), (id, -1), (AccountFixtures.customerID(2), 0)] {
            let code = await errorCode { _ = try await store.orders(of: customer, after: nil, limit: limit) }
            try require(code == .invalidPageSize, check, expected: "invalidPageSize for a page limit of \(limit)", actual: describe(code))
        }
        try require(try await store.orders(of: id, after: nil, limit: 1).count == 1, check, expected: "a page limit of 1 gives one order", actual: "another count")
        for limit in [0, -1, Int.min] {
            let code = await errorCode { _ = try await store.customers(after: nil, limit: limit) }
            try require(code == .invalidPageSize, check, expected: "invalidPageSize for a customer page limit of \(limit)", actual: describe(code))
        }
        let all = try await store.customers(after: nil, limit: Int.max)
        try require(all == [id], check, expected: "a customer page limit of Int.max lists the one customer", actual: "\(all)")
    }

    private func customersArePaginatedInOrder(_ store: any AccountStore, _ check: Check) async throws {
        var ids: [CustomerID] = []
        for (index, name) in Self.pagingNames.enumerated() {
            guard let id = CustomerID(rawValue: name) else { continue }
            ids.append(id)
            _ = try await store.insert(try AccountFixtures.record(
                id: id, email: "listed\(index)@example.nl", kind: index.isMultiple(of: 3) ? .guest : .account))
        }
        // "Z" is not stored: between "Ca" and "Zed".
        let cursor = CustomerID(rawValue: "Z") ?? AccountFixtures.customerID(0)
        try await requireByteOrderPaging(of: ids, after: cursor, check) { after, limit in
            try await store.customers(after: after, limit: limit)
        }
        let sorted = ids.sorted()
        let counted = try await store.customerCount()
        try require(counted == ids.count, check, expected: "customerCount() \(ids.count)", actual: "\(counted)")
        if let erased = CustomerID(rawValue: "c") {
            try await store.erase(customer: erased)
            let listed = try await store.customers(after: nil, limit: Int.max)
            let expected = sorted.filter { $0 != erased }
            try require(listed == expected, check, expected: "the erased customer c no longer listed", actual: "\(listed.map(\.rawValue))")
            let recounted = try await store.customerCount()
            try require(recounted == expected.count, check, expected: "customerCount() \(expected.count) after an erasure", actual: "\(recounted)")
        }
    }

    // MARK: Erasure

    /// A rich customer (c1: sessions, tokens, one with a new address, orders, throttle
    /// records under both addresses) and a bystander (c2, with the same kind of data), stored.
    private func storeErasureFixture(_ store: any AccountStore) async throws -> (erased: AccountRecord, bystander: AccountRecord, bystanderOrders: [OrderReference]) {
        let erased = try await store.insert(try AccountFixtures.richRecord(id: AccountFixtures.customerID(1)))
        let bystander = try await store.insert(
            try AccountFixtures.richRecord(id: AccountFixtures.customerID(2), email: "Bystander@Example.NL", digestBase: 0x40))
        for order in AccountFixtures.richOrders(of: erased.customer.id) { try await store.recordOrder(order) }
        let bystanderOrders = AccountFixtures.orders(of: bystander.customer.id, count: 3, prefix: "by")
        for order in bystanderOrders { try await store.recordOrder(order) }
        for address in [AccountFixtures.richEmail, AccountFixtures.richNewEmail, "Bystander@Example.NL"] {
            let key = try LoginThrottleKey(validating: address)
            _ = try await store.saveLoginThrottle(AccountFixtures.richThrottle(key: key), expectedRevision: 0)
        }
        return (erased, bystander, bystanderOrders)
    }

    /// Fails `check` when anything of `erased` is still found in `store`.
    private func requireErased(_ erased: AccountRecord, in store: any AccountStore, _ check: Check, _ when: String) async throws {
        let id = erased.customer.id
        try require(try await store.record(id) == nil, check, expected: "no record by id \(when)", actual: "the record")
        let key = erased.customer.email.uniquenessKey
        try require(try await store.account(emailKey: key)?.customer.id != id, check, expected: "no account by e-mail key \(when)", actual: "the erased record")
        try require(!(try await store.guests(emailKey: key)).contains { $0.customer.id == id }, check, expected: "not listed as a guest \(when)", actual: "listed")
        for session in erased.sessions {
            let found = try await store.record(sessionDigest: session.digest)
            try require(found == nil, check, expected: "no record by session digest \(session.id.rawValue) \(when)", actual: "a record")
        }
        for token in erased.tokens {
            let found = try await store.record(tokenDigest: token.digest)
            try require(found == nil, check, expected: "no record by \(token.purpose.rawValue) token digest \(when)", actual: "a record")
        }
        let orders = try await store.orders(of: id, after: nil, limit: 100)
        try require(orders.isEmpty, check, expected: "no orders \(when)", actual: "\(orders.count) orders")
        var addresses = [erased.customer.email]
        addresses += erased.tokens.compactMap(\.newEmail)
        for (index, address) in addresses.enumerated() {
            let throttle = try await store.loginThrottle(key: LoginThrottleKey(address))
            try require(
                throttle == nil, check, expected: "no failed-login record under the customer's address #\(index + 1) \(when)", actual: "a record")
        }
    }

    private func erasureLeavesNothingBehind(_ store: any AccountStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: fixture.erased.customer.id)
        try await requireErased(fixture.erased, in: store, check, "after erasure")
        let bystander = fixture.bystander
        try requireSame(bystander, try await store.record(bystander.customer.id), check, "the other customer's record")
        try requireSame(bystander, try await store.account(emailKey: bystander.customer.email.uniquenessKey), check, "the other customer by e-mail key")
        for session in bystander.sessions {
            let found = try await store.record(sessionDigest: session.digest)?.customer.id
            try require(found == bystander.customer.id, check, expected: "the other customer's session \(session.id.rawValue) still found", actual: "\(String(describing: found))")
        }
        let orders = try await store.orders(of: bystander.customer.id, after: nil, limit: 100)
        try require(orders == fixture.bystanderOrders, check, expected: "the other customer's 3 orders kept", actual: "\(orders.map(\.id.rawValue))")
        let throttle = try await store.loginThrottle(key: try LoginThrottleKey(validating: "bystander@example.nl"))
        try require(throttle?.failures == Int.max, check, expected: "the other customer's failed-login record kept", actual: "\(String(describing: throttle))")
    }

    private func erasingAGuestKeepsTheOthers(_ store: any AccountStore, _ check: Check) async throws {
        let start = ManualClock.defaultStart
        for (index, minutes) in [(1, 0.0), (2, 1.0), (3, 2.0)] {
            _ = try await store.insert(try AccountFixtures.record(
                id: AccountFixtures.customerID(index), email: "shared@example.nl", kind: .guest, at: start + minutes * 60))
            for order in AccountFixtures.orders(of: AccountFixtures.customerID(index), count: 2, prefix: "g\(index)") {
                try await store.recordOrder(order)
            }
        }
        let account = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(4), email: "Shared@example.nl"))
        try await store.erase(customer: AccountFixtures.customerID(2))
        let guests = try await store.guests(emailKey: "shared@example.nl").map(\.customer.id)
        let expected = [1, 3].map(AccountFixtures.customerID)
        try require(guests == expected, check, expected: "guests c1, c3 left, oldest first", actual: "\(guests)")
        try require(try await store.account(emailKey: "shared@example.nl") == account, check, expected: "the account still holds the address", actual: "it does not")
        for index in [1, 3] {
            let count = try await store.orders(of: AccountFixtures.customerID(index), after: nil, limit: 100).count
            try require(count == 2, check, expected: "guest c\(index) keeps its 2 orders", actual: "\(count)")
        }
        let erasedOrders = try await store.orders(of: AccountFixtures.customerID(2), after: nil, limit: 100).count
        try require(erasedOrders == 0, check, expected: "no orders of the erased guest", actual: "\(erasedOrders)")
    }

    private func erasureIsRepeatable(_ store: any AccountStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        let id = fixture.erased.customer.id
        try await store.erase(customer: id)
        let again = await errorCode { try await store.erase(customer: id) }
        try require(again == .succeeded, check, expected: "a second erasure of the same customer to succeed", actual: describe(again))
        let unknown = await errorCode { try await store.erase(customer: AccountFixtures.customerID(404)) }
        try require(unknown == .succeeded, check, expected: "erasing an unknown customer to succeed", actual: describe(unknown))
        try await requireErased(fixture.erased, in: store, check, "after erasing twice")
        let fresh = try await store.insert(try AccountFixtures.record(id: id, email: AccountFixtures.richEmail))
        try require(fresh.revision == 1, check, expected: "the erased id usable afresh, at revision 1", actual: "revision \(fresh.revision)")
        let reused = AccountFixtures.richOrders(of: fixture.bystander.customer.id)
        for order in reused { try await store.recordOrder(order) }
        let listed = try await store.orders(of: fixture.bystander.customer.id, after: nil, limit: 100).map(\.id)
        try require(
            Set(reused.map(\.id)).isSubset(of: listed), check, expected: "the erased customer's order ids stored afresh for another customer",
            actual: "\(listed.map(\.rawValue))")
        let freshOrders = try await store.orders(of: id, after: nil, limit: 100).count
        try require(freshOrders == 0, check, expected: "the new customer with the erased id has no orders", actual: "\(freshOrders)")
    }

    private func erasureSurvivesReopen(_ store: any AccountStore, _ check: Check) async throws {
        let fixture = try await storeErasureFixture(store)
        try await store.erase(customer: fixture.erased.customer.id)
        let reopened = try await reopen(store, for: check)
        try await requireErased(fixture.erased, in: reopened, check, "after erasure and reopen")
        try requireSame(fixture.bystander, try await reopened.record(fixture.bystander.customer.id), check, "the other customer's record after reopen")
    }

    // MARK: Helpers

    /// Fails `check` unless `actual` is `expected` in every stored field (see
    /// ``AccountFixtures/differences(between:and:)``), naming the fields that differ.
    private func requireSame(_ expected: AccountRecord, _ actual: AccountRecord?, _ check: Check, _ what: String, line: UInt = #line) throws {
        guard let actual else {
            throw ConformanceFailure(suite: Self.suiteName, check: check.rawValue, expected: "\(what) to be found", actual: "nil", line: line)
        }
        let fields = AccountFixtures.differences(between: expected, and: actual)
        try require(fields.isEmpty && actual == expected, check, expected: "\(what) equal in every field", actual: "it differs in \(fields.isEmpty ? ["=="] : fields)", line: line)
    }

    /// `date` as seconds since 1970 with its milliseconds, for failure messages.
    private func millis(_ date: Date?) -> String {
        date.map { String(format: "%.3f s", $0.timeIntervalSince1970) } ?? "nil"
    }

    private func batchInsertIsPerRecord(_ store: any AccountStore, _ check: Check) async throws {
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "first@example.nl"))
        let batch = [
            try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "second@example.nl", groups: [.vip]),
            try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "again@example.nl"),
            try AccountFixtures.record(id: AccountFixtures.customerID(3), email: "FIRST@example.nl"),
            try AccountFixtures.record(id: AccountFixtures.customerID(4), email: "first@example.nl", kind: .guest),
            try AccountFixtures.record(id: AccountFixtures.customerID(5), email: "Second@example.nl"),
        ]
        let results = try await store.insert(contentsOf: batch)
        try require(results.count == batch.count, check, expected: "one result per record", actual: "\(results.count) for \(batch.count)")
        var codes: [String] = []
        for result in results {
            switch result {
            case .success(let stored): codes.append(stored.revision == 1 ? "ok" : "revision \(stored.revision)")
            case .failure(let error): codes.append(await errorCode { throw error }.description)
            }
        }
        let expected = ["ok", ErrorOutcome<AccountErrorCode>.thrown(.duplicateCustomer).description,
            ErrorOutcome<AccountErrorCode>.thrown(.emailTaken).description, "ok", ErrorOutcome<AccountErrorCode>.thrown(.emailTaken).description]
        try require(codes == expected, check, expected: "\(expected)", actual: "\(codes)")
        for (index, record) in batch.enumerated() where index == 0 || index == 3 {
            var stored = record
            stored.revision = 1
            try require(try await store.record(record.customer.id) == stored, check, expected: "record \(index + 1) of the batch stored as given", actual: "it differs")
        }
        try require(try await store.account(emailKey: "first@example.nl")?.customer.id == AccountFixtures.customerID(1), check,
            expected: "the refused duplicate left the first record", actual: "another record holds the address")
        for id in [3, 5] {
            try require(try await store.record(AccountFixtures.customerID(id)) == nil, check, expected: "refused record \(id) not stored", actual: "it was stored")
        }
        let empty = try await store.insert(contentsOf: [])
        try require(empty.isEmpty, check, expected: "no result for an empty batch", actual: "\(empty.count)")
    }

    private func errorCode(_ body: () async throws -> Void) async -> ErrorOutcome<AccountErrorCode> {
        await errorOutcome(AccountErrorCode.self, of: body)
    }

    private func describe(_ outcome: ErrorOutcome<AccountErrorCode>) -> String {
        outcome.description
    }
}
