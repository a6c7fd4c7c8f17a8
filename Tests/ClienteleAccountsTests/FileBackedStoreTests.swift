import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

/// The same contract and flows against the file-backed reference store.
@Suite struct FileBackedStoreTests {
    /// A fresh folder under the temporary directory, removed by `cleanUp`.
    final class Folders: Sendable {
        let temporary: TemporaryFolder
        let count = Locked(0)
        let opened = Locked<[ReferenceAccountStore]>([])

        init() throws {
            temporary = try TemporaryFolder(prefix: "clientele-accounts")
        }

        func next() -> URL {
            temporary.subfolder("store-\(count.withLock { $0 += 1; return $0 })")
        }

        func open(_ folder: URL) async throws -> ReferenceAccountStore {
            let store = try await ReferenceAccountStore.open(folder: folder)
            opened.withLock { $0.append(store) }
            return store
        }

        func cleanUp() async {
            for store in opened.withLock({ $0 }) { try? await store.close() }
            temporary.remove()
        }
    }

    @Test(arguments: AccountStoreConformance.Check.allCases)
    func theFileBackedReferenceStoreConforms(_ check: AccountStoreConformance.Check) async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-accounts-\(check.rawValue)")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let suite = AccountStoreConformance(
            makeStore: { try await ReferenceAccountStore.open(folder: folder) },
            reopen: { store in
                try await store.close()
                return try await ReferenceAccountStore.open(folder: folder)
            },
            tearDown: { store in try await store.close() })
        try await suite.run(check)
    }

    @Test func accountsSessionsAndTokensSurviveAReopen() async throws {
        let folders = try Folders()
        let folder = folders.next()
        let clock = ManualClock()
        var store = try await folders.open(folder)
        var service = AccountService(store: store, clock: clock, ids: .incrementing(), configuration: AccountConfiguration(activation: .verifyEmail), hasher: CountingHasher())
        let registration = try await service.register(email: "jan@example.nl", password: goodPassword)
        let token = try #require(registration.verificationToken)
        try await store.close()
        store = try await folders.open(folder)
        service = AccountService(store: store, clock: clock, ids: .incrementing(from: 100), configuration: AccountConfiguration(activation: .verifyEmail), hasher: CountingHasher())
        #expect(try await service.verifyEmail(token: token.value).status == .active)
        let login = try await service.login(email: "JAN@example.nl", password: goodPassword)
        try await store.compact()
        try await store.close()
        store = try await folders.open(folder)
        service = AccountService(store: store, clock: clock, ids: .incrementing(from: 200), hasher: CountingHasher())
        #expect(try await service.resumeSession(token: login.token).customer.id == registration.customer.id)
        #expect(await accountErrorCode { _ = try await service.verifyEmail(token: token.value) } == .invalidToken)
        await folders.cleanUp()
    }

    @Test func hundredConcurrentRegistrationsOnDiskMakeExactlyOneAccountAndARefusedOneIsNeverWritten() async throws {
        let folders = try Folders()
        let folder = folders.next()
        var store = try await folders.open(folder)
        let service = AccountService(store: store, clock: ManualClock(), ids: .incrementing(), hasher: CountingHasher())
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                let email = index % 2 == 0 ? "Shared@Example.nl" : "shared@example.NL"
                group.addTask { (try? await service.register(email: email, password: goodPassword)) != nil }
            }
            var count = 0
            for await success in group where success { count += 1 }
            return count
        }
        #expect(successes == 1)
        try await store.close()
        store = try await folders.open(folder)
        #expect(store.state.read { $0.customerCount } == 1)
        await folders.cleanUp()
    }

    /// After `erase` returns, no file of the folder holds the customer's address (either of
    /// them, in any letter case) or name, though the snapshot and the journal did.
    @Test func anErasedCustomersAddressAndNameAreInNoFileOfTheFolder() async throws {
        let folders = try Folders()
        let folder = folders.next()
        let store = try await folders.open(folder)
        let rich = try await store.insert(try AccountFixtures.richRecord(id: AccountFixtures.customerID(1)))
        _ = try await store.insert(try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "kept@example.nl"))
        for order in AccountFixtures.richOrders(of: rich.customer.id) { try await store.recordOrder(order) }
        try await store.compact()
        var changed = rich
        changed.customer.groups = []
        _ = try await store.update(changed, expectedRevision: rich.revision)
        let key = LoginThrottleKey(rich.customer.email)
        _ = try await store.saveLoginThrottle(AccountFixtures.richThrottle(key: key), expectedRevision: 0)
        let secrets = ["Anna.de-Vries", "anna@caf", "Anna de Vries", "xn--bcher-kva.example"]
        #expect(try RedactionCheck.files(in: folder, holding: secrets).count >= 2, "the snapshot and the journal hold them before")

        try await store.erase(customer: rich.customer.id)
        let leaks = try RedactionCheck.files(in: folder, holding: secrets)
        #expect(leaks.isEmpty, "\(leaks)")
        try await store.close()
        let reopened = try await folders.open(folder)
        #expect(try await reopened.record(rich.customer.id) == nil)
        #expect(try await reopened.account(emailKey: "kept@example.nl") != nil)
        await folders.cleanUp()
    }
}
