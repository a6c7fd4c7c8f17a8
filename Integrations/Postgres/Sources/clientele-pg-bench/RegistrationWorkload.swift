import Clientele
import Foundation

/// The registrations the bench times, the same on both stores.
///
/// Registration `number` of a run tagged `tag` is `RegistrationRequest` with a random
/// request id, the address `<tag><number>@example.nl`, one password for all, and the
/// `newsletter` box ticked: `CustomerHub.register(_:)` writes the account, gives the
/// consent and rebuilds the customer's segment facts, as a shop's registration form does.
enum RegistrationWorkload {
    /// One marketing purpose, `newsletter` (the trigger purpose), one profile field and open
    /// activation: the configuration of `CustomerHubOnPostgresTests`.
    static func configuration() throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "bench", secret: Array(repeating: 9, count: 32))),
                digestSalt: Array("a bench salt that is long enough".utf8),
                controller: ReceiptController(
                    name: "Bench shop", contact: "privacy desk", privacyPolicyURL: "https://bench.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter]),
            triggerPurpose: "newsletter",
            profileCatalog: try FieldCatalog([
                FieldDefinition(key: "first-name", labelKey: "firstName", type: .text, moments: [.accountPage])
            ]),
            accounts: AccountConfiguration(activation: .open))
    }

    /// PBKDF2 at one iteration: the bench measures storage, and 600,000 iterations would
    /// dominate every figure. The stored record has the same shape.
    static func hasher() throws -> PBKDF2PasswordHasher {
        try PBKDF2PasswordHasher(iterations: 1)
    }

    /// Where the consents were collected.
    static let context = CollectionContext(
        source: "registration", formID: "register-v1", ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (bench)")

    /// Registration `number` of the run tagged `tag`.
    static func request(_ number: Int, tag: String) -> RegistrationRequest {
        RegistrationRequest(
            requestID: UUID(), email: "\(tag)\(number)@example.nl", password: "a bench passphrase of some length",
            consents: ["newsletter"], context: context)
    }

    /// Registers `0..<count` (tagged `tag`) from `writers` concurrent tasks, writer `w`
    /// taking `w`, `w + writers`, …
    ///
    /// - Returns: The customers registered and each registration's latency, in no order.
    static func run(_ count: Int, tag: String, writers: Int, on hub: CustomerHub) async throws -> (
        customers: [CustomerID], latencies: [Duration]
    ) {
        try await withThrowingTaskGroup(of: ([CustomerID], [Duration]).self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let clock = ContinuousClock()
                    var customers: [CustomerID] = []
                    var latencies: [Duration] = []
                    for number in stride(from: writer, to: count, by: writers) {
                        let request = request(number, tag: tag)
                        let start = clock.now
                        let outcome = try await hub.register(request)
                        latencies.append(clock.now - start)
                        customers.append(outcome.customer.id)
                    }
                    return (customers, latencies)
                }
            }
            var customers: [CustomerID] = []
            var latencies: [Duration] = []
            for try await (someCustomers, someLatencies) in group {
                customers += someCustomers
                latencies += someLatencies
            }
            return (customers, latencies)
        }
    }
}
