import ClienteleAccounts
import ClienteleConsent
import ClienteleCore
import Foundation

/// `reopen [--customers 200000] [--dir DIR] [--writers 16] [--reopen-only]`: how long the
/// file-backed reference stores of Accounts and Consent take to open with N customers.
///
/// Builds, through the modules' own services and reference stores:
/// - `DIR/accounts`: a ``ReferenceAccountStore`` with `--customers` registered accounts
///   (``AccountService/register(email:password:requirements:)``, with a 1-iteration PBKDF2
///   hasher so that building does not take hours; the stored record has the same shape
///   as with 600,000 iterations);
/// - `DIR/consent`: a ``ReferenceConsentStore`` with `--customers` ledgers of two records
///   each (``ConsentService/give(_:channel:for:context:)`` then
///   ``ConsentService/withdraw(_:channel:for:context:)``, with IP and user-agent evidence);
///
/// from `--writers` concurrent tasks (each write its own durable commit), then compacts
/// (writes a snapshot, as a store of that size has after its journal passed the threshold)
/// and closes each. Then it opens each again and waits until its state is ready.
///
/// Prints `customers=`, `accounts_build_seconds=`, `consent_build_seconds=`,
/// `accounts_reopen_seconds=`, `accounts_records=`, `accounts_store_bytes=`,
/// `consent_reopen_seconds=`, `consent_customers=`, `consent_records=` and
/// `consent_store_bytes=`.
///
/// Without `--dir` the stores are built in a temporary folder, removed at the end.
/// `--reopen-only` skips building and reopens what an earlier run left in `--dir`
/// (required then); it checks that `--customers` customers load.
enum ReopenCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--customers", "--dir", "--writers"], flags: ["--reopen-only"])
        let customers = try arguments.int(for: "--customers", default: 200_000)
        let writers = max(1, try arguments.int(for: "--writers", default: 16))
        let reopenOnly = arguments.flag("--reopen-only")
        let root: URL
        let temporary: Bool
        if let dir = arguments.value(for: "--dir") {
            root = URL(filePath: dir, directoryHint: .isDirectory)
            temporary = false
        } else if reopenOnly {
            throw BenchError(.usage, "--reopen-only needs the --dir of an earlier run", context: .init(field: "--dir"))
        } else {
            root = URL(filePath: NSTemporaryDirectory(), directoryHint: .isDirectory)
                .appending(path: "clientele-bench-reopen-\(UUID().uuidString)", directoryHint: .isDirectory)
            temporary = true
        }
        defer { if temporary { try? FileManager.default.removeItem(at: root) } }
        let accounts = root.appending(path: "accounts", directoryHint: .isDirectory)
        let consent = root.appending(path: "consent", directoryHint: .isDirectory)

        print("customers=\(customers)")
        if !reopenOnly {
            try Folder.fresh(accounts)
            try Folder.fresh(consent)
            print("accounts_build_seconds=\(Seconds(try await buildAccounts(in: accounts, customers: customers, writers: writers)))")
            print("consent_build_seconds=\(Seconds(try await buildConsent(in: consent, customers: customers, writers: writers)))")
        }

        let (accountsTime, accountsCount) = try await reopenAccounts(accounts)
        try expect(accountsCount, customers, in: accounts)
        print("accounts_reopen_seconds=\(Seconds(accountsTime))")
        print("accounts_records=\(accountsCount)")
        print("accounts_store_bytes=\(try Folder.size(of: accounts))")

        let (consentTime, ledgers, records) = try await reopenConsent(consent)
        try expect(ledgers, customers, in: consent)
        print("consent_reopen_seconds=\(Seconds(consentTime))")
        print("consent_customers=\(ledgers)")
        print("consent_records=\(records)")
        print("consent_store_bytes=\(try Folder.size(of: consent))")
    }

    // MARK: Accounts

    /// Registers `customers` accounts from `writers` tasks, compacts and closes the store.
    static func buildAccounts(in folder: URL, customers: Int, writers: Int) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await ReferenceAccountStore.open(folder: folder)
        let service = AccountService(store: store, hasher: try PBKDF2PasswordHasher(iterations: 1))
        try await forEach(customers, writers: writers) { index in
            _ = try await service.register(email: "customer\(index)@example.nl", password: LoginCommand.password)
        }
        try await store.compact()
        try await store.close()
        return clock.now - start
    }

    /// Opens the accounts store and waits until it is ready; returns the time and the customer count.
    static func reopenAccounts(_ folder: URL) async throws -> (Duration, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await ReferenceAccountStore.open(folder: folder)
        let count = store.state.read { $0.customerCount }
        let elapsed = clock.now - start
        try await store.close()
        return (elapsed, count)
    }

    // MARK: Consent

    /// Gives and then withdraws consent for `customers` customers from `writers` tasks,
    /// compacts and closes the store.
    static func buildConsent(in folder: URL, customers: Int, writers: Int) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await ReferenceConsentStore.open(folder: folder)
        let service = try consentService(store)
        let context = CollectionContext(
            source: "checkout", formID: "checkout-v3", ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (bench)")
        try await forEach(customers, writers: writers) { index in
            let customer = try CustomerID(validating: "customer-\(index)")
            try await service.give("offers", channel: .email, for: customer, context: context)
            try await service.withdraw("offers", channel: .email, for: customer, context: context)
        }
        try await store.compact()
        try await store.close()
        return clock.now - start
    }

    /// Opens the consent store and waits until it is ready; returns the time, the number
    /// of ledgers and the number of records.
    static func reopenConsent(_ folder: URL) async throws -> (Duration, Int, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await ReferenceConsentStore.open(folder: folder)
        let ledgers = store.state.read { $0.ledgerCount }
        let elapsed = clock.now - start
        let records = store.state.read { $0.recordCount }
        try await store.close()
        return (elapsed, ledgers, records)
    }

    /// A consent service with one plain-consent purpose, `offers`.
    static func consentService(_ store: ReferenceConsentStore) throws -> ConsentService {
        let offers = Purpose(
            id: "offers", title: "Personal offers", textDigest: Purpose.digest(ofText: "Offers for you."),
            legalBasis: .consent, category: .marketing, channels: [.email, .sms, .post])
        let configuration = try ConsentConfiguration(
            tokenKeys: try TokenKeyRing(signingKey: try TokenKey(id: "k1", secret: [UInt8](repeating: 1, count: 32))),
            digestSalt: [UInt8](repeating: 7, count: 16),
            controller: ReceiptController(
                name: "Bench shop", contact: "Privacy desk", email: "privacy@bench.example",
                privacyPolicyURL: "https://bench.example/privacy", jurisdiction: "NL"))
        return ConsentService(store: store, configuration: configuration, catalog: try PurposeCatalog([offers]))
    }

    // MARK: Helpers

    /// Runs `body` for 0..<count, spread over `writers` concurrent tasks.
    static func forEach(_ count: Int, writers: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in stride(from: writer, to: count, by: writers) {
                        try await body(index)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func expect(_ count: Int, _ expected: Int, in folder: URL) throws(BenchError) {
        guard count == expected else {
            throw BenchError(
                .output, "the reopened store holds a different number of customers than --customers",
                context: .init(file: folder.path, item: "\(count)"))
        }
    }
}
