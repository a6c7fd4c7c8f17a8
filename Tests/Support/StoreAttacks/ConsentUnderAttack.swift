import ClienteleConsent
import ClienteleCore
import Foundation

/// The consent store (``ReferenceConsentStore``) under attack, written through ``ConsentService``:
/// gives and withdrawals for eight customers, so their hash-chained ledgers grow; keyed
/// `customer#sequence`. Inspection verifies every chain with ``ConsentService/verifyChain(of:)``.
package enum ConsentUnderAttack: StoreUnderAttack {
    package static let kind = "consent"

    static let customers = (0..<8).compactMap { CustomerID(rawValue: "attack-\($0)") }
    static let offers = Purpose(
        id: "offers", title: "Personal offers", textDigest: Purpose.digest(ofText: "Offers for you."),
        legalBasis: .consent, category: .marketing, channels: [.email, .sms])
    static let form = CollectionContext(source: "crash-loop", ipAddress: "203.0.113.7", userAgent: "clientele-crash-writer")

    static func service(_ store: ReferenceConsentStore) throws -> ConsentService {
        let configuration = try ConsentConfiguration(
            tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "k1", secret: [UInt8](repeating: 1, count: 32))),
            digestSalt: [UInt8](repeating: 7, count: 16),
            controller: ReceiptController(
                name: "Voorbeeld Webwinkel B.V.", contact: "Privacy desk", email: "privacy@voorbeeld.example",
                privacyPolicyURL: "https://voorbeeld.example/privacy", jurisdiction: "NL"))
        return ConsentService(store: store, configuration: configuration, catalog: try PurposeCatalog([offers]))
    }

    package static func write(
        folder: URL, options: JournalOptions, prefix: String, count: Int?,
        acknowledge: @escaping @Sendable (String) -> Void
    ) async throws {
        let store = try await ReferenceConsentStore.open(folder: folder, options: options)
        let service = try service(store)
        // Four writers, each with two customers of its own, so each chain has one writer.
        try await concurrently(tasks: 4, count: count) { task, index in
            let customer = customers[task + 4 * ((index / 4) % 2)]
            let record = if index % 3 == 2 {
                try await service.withdraw("offers", channel: .email, for: customer, context: form)
            } else {
                try await service.give("offers", channel: .email, for: customer, context: form).record
            }
            acknowledge("\(customer.rawValue)#\(record.sequence)")
        }
        try await store.close()
    }

    package static func inspect(folder: URL, options: JournalOptions) async throws -> StoreInspection {
        let store = try await ReferenceConsentStore.open(folder: folder, options: options)
        let report = store.recoveryReport
        let outcome = await Result(catching: { () async throws -> StoreInspection in
            let service = try service(store)
            var keys: Set<String> = []
            var duplicates: [String] = []
            var broken: [String] = []
            var ledgers: [[ConsentRecord]] = []
            var seenIDs: Set<UUID> = []
            for customer in try await store.customers(after: nil, limit: Int.max) {
                let ledger = try await store.records(for: customer)
                ledgers.append(ledger)
                for record in ledger {
                    let key = "\(customer.rawValue)#\(record.sequence)"
                    if !keys.insert(key).inserted || !seenIDs.insert(record.id).inserted { duplicates.append(key) }
                }
                let verification = try await service.verifyChain(of: customer)
                if let problem = verification.problem { broken.append("\(customer.rawValue): \(problem)") }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return StoreInspection(
                report: report, keys: keys, duplicates: duplicates, brokenChains: broken, fingerprint: try encoder.encode(ledgers))
        })
        try await store.close()
        return try outcome.get()
    }
}

extension Result where Failure == any Error {
    /// Catches the error of an async body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
