import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

@Suite struct ConsentConfigurationTests {
    static let keys = Result { try TokenKeyRing(signingKey: Fixture.key("k1", fill: 1)) }

    static func configuration(
        salt: [UInt8] = [UInt8](repeating: 7, count: 16), confirmationValidity: Duration = .seconds(3600),
        unsubscribeValidity: Duration? = nil, maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts
    ) throws -> ConsentConfiguration {
        try ConsentConfiguration(
            tokenKeys: try keys.get(), digestSalt: salt, confirmationValidity: confirmationValidity,
            unsubscribeValidity: unsubscribeValidity, controller: Fixture.controller,
            maximumConflictAttempts: maximumConflictAttempts)
    }

    static func field(of body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ConsentError where error.code == .invalidConfiguration {
            return error.context.field
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func theConflictBoundDefaultsToTheSharedOne() throws {
        #expect(try Self.configuration().maximumConflictAttempts == ConflictRetry.defaultMaximumAttempts)
    }

    @Test func eachValueOutOfRangeIsRefusedNamingItsField() {
        #expect(Self.field { try Self.configuration(salt: [UInt8](repeating: 7, count: 15)) } == "digestSalt")
        #expect(Self.field { try Self.configuration(confirmationValidity: .zero) } == "confirmationValidity")
        #expect(Self.field { try Self.configuration(unsubscribeValidity: .seconds(-1)) } == "unsubscribeValidity")
        #expect(Self.field { try Self.configuration(maximumConflictAttempts: 0) } == "maximumConflictAttempts")
        #expect(Self.field { try Self.configuration(maximumConflictAttempts: 1) } == nil)
    }

    @Test func aPolicyOutOfRangeIsRefusedNamingTheCapOrPeriod() {
        let fine = FrequencyCap(limit: 1, window: .seconds(60))
        #expect(Self.field { try ContactPolicy(frequencyCaps: [fine, FrequencyCap(limit: -1, window: .seconds(60))]) } == "frequencyCaps[1]")
        #expect(Self.field { try ContactPolicy(quietPeriods: [QuietPeriod(name: "night", startMinute: 1440, endMinute: 0, timeZone: TimeZone(secondsFromGMT: 0) ?? .current)]) } == "quietPeriods[0]")
    }

    @Test func aDecodedPolicyIsCheckedToo() throws {
        let badCap = try String(decoding: JSONEncoder().encode(FrequencyCap(limit: 1, window: .zero)), as: UTF8.self)
        let json = Data(#"{"frequencyCaps":[\#(badCap)],"quietPeriods":[]}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(ContactPolicy.self, from: json) }
        let policy = try ContactPolicy(frequencyCaps: [FrequencyCap(limit: 2, window: .seconds(60))])
        let again = try JSONDecoder().decode(ContactPolicy.self, from: JSONEncoder().encode(policy))
        #expect(again == policy)
    }
}

@Suite struct ConflictBoundTests {
    @Test func anAppendThatAlwaysConflictsIsAttemptedExactlyTheBoundThenFailsWithConflict() async throws {
        let store = AlwaysConflictingStore()
        let harness = try Harness(store: store, configuration: ConsentConfigurationTests.configuration(maximumConflictAttempts: 5))
        do {
            try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
            Issue.record("a record was appended to a store that refuses every append")
        } catch let error as ConsentError {
            #expect(error.code == .conflict)
        }
        #expect(store.appends.value == 5)
        // Every attempt ran inside the one ledger lock the store was asked for.
        #expect(store.ledgerLocks.value == 1)
        #expect(store.appendsOutsideTheLock.value == 0)
    }

    @Test func aSendThatAlwaysConflictsIsAttemptedExactlyTheBoundThenFailsWithConflict() async throws {
        let store = AlwaysConflictingStore()
        let harness = try Harness(store: store, configuration: ConsentConfigurationTests.configuration(maximumConflictAttempts: 3))
        do {
            _ = try await harness.service.decideAndRecordSend(.service(.invoice), channel: .email, for: Fixture.alice)
            Issue.record("a send was recorded on a store that refuses every send")
        } catch let error as ConsentError {
            #expect(error.code == .conflict)
        }
        #expect(store.sendAppends.value == 3)
    }

    @Test func theDefaultBoundIsTheSharedOne() async throws {
        let store = AlwaysConflictingStore()
        let harness = try Harness(store: store)
        await #expect(throws: ConsentError.self) {
            _ = try await harness.service.object(for: Fixture.alice, context: Fixture.form)
        }
        #expect(store.appends.value == ConflictRetry.defaultMaximumAttempts)
    }
}

/// A store that answers `conflict` to every append and send, counting them, and the ledger
/// locks asked for and the appends made outside one.
final class AlwaysConflictingStore: ConsentStore {
    private let inner = ReferenceConsentStore.inMemory()
    let appends = LockedCount()
    let sendAppends = LockedCount()
    let ledgerLocks = LockedCount()
    let appendsOutsideTheLock = LockedCount()
    @TaskLocal static var lockedCustomer: CustomerID?

    func withLedgerLock<Result: Sendable>(of customer: CustomerID, _ body: () async throws -> Result) async throws -> Result {
        ledgerLocks.increment()
        return try await Self.$lockedCustomer.withValue(customer) { try await body() }
    }

    private func conflict() -> ConsentError {
        ConsentError(.conflict, "Always conflicting.")
    }

    func append(_ record: ConsentRecord) async throws {
        appends.increment()
        if Self.lockedCustomer != record.customer { appendsOutsideTheLock.increment() }
        throw conflict()
    }
    func records(for customer: CustomerID) async throws -> [ConsentRecord] { try await inner.records(for: customer) }
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await inner.customers(after: after, limit: limit) }
    func appendSend(_ send: SendRecord) async throws {
        sendAppends.increment()
        throw conflict()
    }
    func sendCount(for customer: CustomerID) async throws -> Int { try await inner.sendCount(for: customer) }
    func pruneSends(before instant: Date) async throws -> Int { try await inner.pruneSends(before: instant) }
    func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] { try await inner.sends(for: customer, since: since) }
    func addSuppression(_ entry: SuppressionEntry) async throws { try await inner.addSuppression(entry) }
    func suppression(for digest: Digest256) async throws -> SuppressionEntry? { try await inner.suppression(for: digest) }
    func erase(customer: CustomerID) async throws { try await inner.erase(customer: customer) }
}
