import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

/// `ConsentService.erase(customer:emailKey:)`: suppression first, then the ledger goes.
@Suite struct ConsentErasureTests {
    @Test func anErasedCustomerIsSuppressedAndHasNoLedger() async throws {
        let h = try Harness()
        try await h.subscribeToNewsletter()
        let key = "alice@example.nl"
        try await h.service.erase(customer: Fixture.alice, emailKey: key)
        #expect(try await h.service.ledger(of: Fixture.alice).isEmpty)
        #expect(try await h.service.suppression(emailKey: key)?.reason == .erasure)
        let decision = try await h.service.decide(.purpose("newsletter"), channel: .email, for: Fixture.alice, emailKey: key)
        #expect(!decision.isAllowed)
        try await h.service.erase(customer: Fixture.alice, emailKey: key)
    }

    /// The store fails the ledger erasure once: the address is already suppressed, and a
    /// second call finishes.
    @Test func anInterruptedErasureNeverLeavesTheAddressMailable() async throws {
        final class FailsEraseOnce: ConsentStore {
            let inner = ReferenceConsentStore.inMemory()
            let failed = Locked(false)
            func append(_ record: ConsentRecord) async throws { try await inner.append(record) }
            func records(for customer: CustomerID) async throws -> [ConsentRecord] { try await inner.records(for: customer) }
            func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] { try await inner.customers(after: after, limit: limit) }
            func appendSend(_ send: SendRecord) async throws { try await inner.appendSend(send) }
            func sendCount(for customer: CustomerID) async throws -> Int { try await inner.sendCount(for: customer) }
            func pruneSends(before instant: Date) async throws -> Int { try await inner.pruneSends(before: instant) }
            func sends(for customer: CustomerID, since: Date) async throws -> [SendRecord] { try await inner.sends(for: customer, since: since) }
            func addSuppression(_ entry: SuppressionEntry) async throws { try await inner.addSuppression(entry) }
            func suppression(for digest: Digest256) async throws -> SuppressionEntry? { try await inner.suppression(for: digest) }
            func erase(customer: CustomerID) async throws {
                let first = failed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { throw CoreError(.storeIOFailed, "The disk went away.") }
                try await inner.erase(customer: customer)
            }
        }
        let store = FailsEraseOnce()
        let h = try Harness(store: store)
        try await h.subscribeToNewsletter()
        await #expect(throws: CoreError.self) { try await h.service.erase(customer: Fixture.alice, emailKey: "alice@example.nl") }
        #expect(try await h.service.suppression(emailKey: "alice@example.nl") != nil)
        #expect(!(try await h.service.ledger(of: Fixture.alice)).isEmpty)
        try await h.service.erase(customer: Fixture.alice, emailKey: "alice@example.nl")
        #expect(try await h.service.ledger(of: Fixture.alice).isEmpty)
    }
}
