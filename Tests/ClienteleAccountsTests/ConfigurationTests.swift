import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ConfigurationTests {
    /// The field named by the `invalidConfiguration` error `body` throws, or `nil`.
    private func refusedField(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as AccountError {
            return error.code == .invalidConfiguration ? error.context.field : "unexpected \(error.code.rawValue)"
        } catch {
            return "unexpected \(type(of: error))"
        }
    }

    @Test func theDefaultsAreWhatTheDocumentationSays() {
        let configuration = AccountConfiguration()
        #expect(configuration.verificationTokenLifetime == .seconds(24 * 3_600))
        #expect(configuration.resetTokenLifetime == .seconds(30 * 60))
        #expect(configuration.maximumTokensPerPurpose == 5)
        #expect(configuration.maximumConflictAttempts == ConflictRetry.defaultMaximumAttempts)
    }

    @Test func everyAccountSettingOutOfRangeIsRefusedByName() {
        #expect(refusedField { _ = try AccountConfiguration(verificationTokenLifetime: .seconds(59)) } == "verificationTokenLifetime")
        #expect(refusedField { _ = try AccountConfiguration(resetTokenLifetime: .seconds(59)) } == "resetTokenLifetime")
        #expect(refusedField { _ = try AccountConfiguration(resetTokenLifetime: .seconds(3_601)) } == "resetTokenLifetime")
        #expect(refusedField { _ = try AccountConfiguration(claimTokenLifetime: .zero) } == "claimTokenLifetime")
        #expect(refusedField { _ = try AccountConfiguration(emailChangeTokenLifetime: .seconds(-1)) } == "emailChangeTokenLifetime")
        #expect(refusedField { _ = try AccountConfiguration(maximumTokensPerPurpose: 0) } == "maximumTokensPerPurpose")
        #expect(refusedField { _ = try AccountConfiguration(maximumConflictAttempts: 0) } == "maximumConflictAttempts")
    }

    @Test func valuesAtTheEdgesOfTheirRangesAreKeptAsGiven() throws {
        let configuration = try AccountConfiguration(
            verificationTokenLifetime: .seconds(60), resetTokenLifetime: .seconds(3_600), claimTokenLifetime: .seconds(60),
            emailChangeTokenLifetime: .seconds(60), maximumTokensPerPurpose: 1, maximumConflictAttempts: 1)
        #expect(configuration.verificationTokenLifetime == .seconds(60))
        #expect(configuration.resetTokenLifetime == .seconds(3_600))
        #expect(configuration.maximumTokensPerPurpose == 1)
        #expect(configuration.maximumConflictAttempts == 1)
    }

    @Test func everyThrottleSettingOutOfRangeIsRefusedByName() {
        #expect(refusedField { _ = try LoginThrottle(freeFailures: -1) } == "freeFailures")
        #expect(refusedField { _ = try LoginThrottle(initialDelay: .seconds(-1)) } == "initialDelay")
        #expect(refusedField { _ = try LoginThrottle(maximumDelay: .seconds(-1)) } == "maximumDelay")
        #expect(refusedField { _ = try LoginThrottle(maximumDelay: .seconds(3_601)) } == "maximumDelay")
        #expect(refusedField { _ = try LoginThrottle(window: .seconds(-1)) } == "window")
        #expect(refusedField { _ = try LoginThrottle(freeFailures: 0, initialDelay: .zero, maximumDelay: .seconds(3_600), window: .zero) } == nil)
    }

    @Test func everySessionSettingOutOfRangeIsRefusedByName() {
        #expect(refusedField { _ = try SessionPolicy(idleTimeout: .milliseconds(999)) } == "idleTimeout")
        #expect(refusedField { _ = try SessionPolicy(absoluteLifetime: .zero) } == "absoluteLifetime")
        #expect(refusedField { _ = try SessionPolicy(touchInterval: .seconds(-1)) } == "touchInterval")
        #expect(refusedField { _ = try SessionPolicy(maximumSessionsPerCustomer: 0) } == "maximumSessionsPerCustomer")
        #expect(refusedField { _ = try SessionPolicy(idleTimeout: .seconds(1), touchInterval: .zero, maximumSessionsPerCustomer: 1) } == nil)
    }

    @Test func everyPasswordLengthOutOfRangeIsRefusedByName() {
        #expect(refusedField { _ = try PasswordPolicy(minimumLength: 7) } == "minimumLength")
        #expect(refusedField { _ = try PasswordPolicy(minimumLength: 1_025) } == "minimumLength")
        #expect(refusedField { _ = try PasswordPolicy(maximumLength: 63) } == "maximumLength")
        #expect(refusedField { _ = try PasswordPolicy(maximumLength: 1_025) } == "maximumLength")
        #expect(refusedField { _ = try PasswordPolicy(minimumLength: 100, maximumLength: 99) } == "maximumLength")
        #expect(refusedField { _ = try PasswordPolicy(minimumLength: 100, maximumLength: 100) } == nil)
    }

    @Test(arguments: [1, 3])
    func aWriteThatAlwaysConflictsIsTriedExactlyTheConfiguredNumberOfTimes(_ attempts: Int) async throws {
        let reference = ReferenceAccountStore.inMemory()
        let setup = AccountService(store: reference, clock: ManualClock(), ids: .incrementing(), hasher: CountingHasher())
        let id = try await setup.register(email: "jan@example.nl", password: goodPassword).customer.id
        let store = ConflictingStore(reference)
        let service = AccountService(
            store: store, clock: ManualClock(), ids: .incrementing(from: 100),
            configuration: try AccountConfiguration(maximumConflictAttempts: attempts), hasher: CountingHasher())

        #expect(await accountErrorCode { try await service.revokeAllSessions(of: id) } == .conflict)
        #expect(store.writes == attempts)
    }

    @Test func aFailedLoginThatAlwaysConflictsIsTriedExactlyTheConfiguredNumberOfTimes() async throws {
        let store = ConflictingStore(ReferenceAccountStore.inMemory())
        let service = AccountService(
            store: store, clock: ManualClock(), ids: .incrementing(),
            configuration: try AccountConfiguration(maximumConflictAttempts: 4), hasher: CountingHasher())

        #expect(await accountErrorCode { _ = try await service.login(email: "nobody@example.nl", password: goodPassword) } == .conflict)
        #expect(store.writes == 4)
    }
}

/// Answers every write (record update or throttle save) with `conflict`, counting them;
/// everything else goes to the wrapped store.
private final class ConflictingStore: AccountStore {
    let inner: any AccountStore
    private let count = Locked(0)
    var writes: Int { count.withLock { $0 } }

    init(_ inner: any AccountStore) { self.inner = inner }

    private func conflict() -> AccountError {
        count.withLock { $0 += 1 }
        return AccountError(.conflict, "Always stale.")
    }

    func insert(_ record: AccountRecord) async throws -> AccountRecord { try await inner.insert(record) }
    func update(_ record: AccountRecord, expectedRevision: Int) async throws -> AccountRecord { throw conflict() }
    func record(_ id: CustomerID) async throws -> AccountRecord? { try await inner.record(id) }
    func account(emailKey: String) async throws -> AccountRecord? { try await inner.account(emailKey: emailKey) }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await inner.customers(after: after, limit: limit) }
    func guests(emailKey: String) async throws -> [AccountRecord] { try await inner.guests(emailKey: emailKey) }
    func record(sessionDigest: Digest256) async throws -> AccountRecord? { try await inner.record(sessionDigest: sessionDigest) }
    func record(tokenDigest: Digest256) async throws -> AccountRecord? { try await inner.record(tokenDigest: tokenDigest) }
    func recordOrder(_ order: OrderReference) async throws { try await inner.recordOrder(order) }
    func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) async throws -> [OrderReference] {
        try await inner.orders(of: customer, after: cursor, limit: limit)
    }
    func moveOrders(from guests: [CustomerID], to customer: CustomerID) async throws {
        try await inner.moveOrders(from: guests, to: customer)
    }
    func loginThrottle(key: LoginThrottleKey) async throws -> LoginThrottleRecord? { try await inner.loginThrottle(key: key) }
    func saveLoginThrottle(_ record: LoginThrottleRecord, expectedRevision: Int) async throws -> LoginThrottleRecord {
        throw conflict()
    }
    func removeLoginThrottle(key: LoginThrottleKey) async throws { try await inner.removeLoginThrottle(key: key) }
    func removeLoginThrottles(lastFailureBefore instant: Date) async throws {
        try await inner.removeLoginThrottles(lastFailureBefore: instant)
    }
    func erase(customer: CustomerID) async throws { try await inner.erase(customer: customer) }
}
