import ClienteleAccounts
import ClienteleCore
import Foundation

/// The accounts store (``ReferenceAccountStore``) under attack, written through ``AccountService``:
/// registrations and guest records alternate, keyed by their unique e-mail address.
package enum AccountsUnderAttack: StoreUnderAttack {
    package static let kind = "accounts"

    /// The writer's password: accepted by the default policy. Hashed with one PBKDF2 iteration.
    static let password = "Tulpenveld-Fietsbel-2026"

    package static func write(
        folder: URL, options: JournalOptions, prefix: String, count: Int?,
        acknowledge: @escaping @Sendable (String) -> Void
    ) async throws {
        let store = try await ReferenceAccountStore.open(folder: folder, options: options)
        let service = AccountService(store: store, hasher: try PBKDF2PasswordHasher(iterations: 1))
        try await concurrently(tasks: 4, count: count) { _, index in
            if index % 2 == 0 {
                let email = "a-\(prefix)-\(index)@example.nl"
                _ = try await service.register(email: email, password: password)
                acknowledge(email)
            } else {
                let email = "g-\(prefix)-\(index)@example.nl"
                _ = try await service.recordGuest(email: email)
                acknowledge(email)
            }
        }
        try await store.close()
    }

    package static func inspect(folder: URL, options: JournalOptions) async throws -> StoreInspection {
        let store = try await ReferenceAccountStore.open(folder: folder, options: options)
        let report = store.recoveryReport
        let encoded = Result { () throws -> (Data, [AccountRecord]) in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try store.state.read { state in
                (try encoder.encode(state), try state.customers(after: nil, limit: .max).compactMap { try state.record($0) })
            }
        }
        try await store.close()
        let (fingerprint, records) = try encoded.get()
        var seen: Set<String> = []
        var duplicates: [String] = []
        for record in records {
            let key = record.customer.email.displayForm
            if !seen.insert(key).inserted { duplicates.append(key) }
        }
        return StoreInspection(report: report, keys: seen, duplicates: duplicates, brokenChains: [], fingerprint: fingerprint)
    }
}
