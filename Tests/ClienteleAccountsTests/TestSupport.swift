import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

/// A hasher that counts its work: every `verify` and `hash` is one PBKDF2 run (at 1 iteration,
/// to keep the suite fast).
final class CountingHasher: PasswordHasher {
    let inner: PBKDF2PasswordHasher
    private let counts = Locked((hashes: 0, verifications: 0))

    /// A count out of the hasher's range is recorded as a test issue.
    init(iterations: Int = 1) {
        do {
            inner = try PBKDF2PasswordHasher(iterations: iterations)
        } catch {
            Issue.record(error)
            inner = PBKDF2PasswordHasher()
        }
    }

    var hashes: Int { counts.withLock { $0.hashes } }
    var verifications: Int { counts.withLock { $0.verifications } }
    /// Every PBKDF2 computation, whichever the entry point.
    var work: Int { counts.withLock { $0.hashes + $0.verifications } }

    func reset() { counts.withLock { $0 = (0, 0) } }

    func hash(_ password: Password) throws(AccountError) -> String {
        counts.withLock { $0.hashes += 1 }
        return try inner.hash(password)
    }

    func verify(_ password: Password, against storedHash: String) throws(AccountError) -> Bool {
        counts.withLock { $0.verifications += 1 }
        return try inner.verify(password, against: storedHash)
    }

    func needsRehash(_ storedHash: String) -> Bool { inner.needsRehash(storedHash) }

    func decoyHash() -> String { inner.decoyHash() }
}

/// A service over a fresh in-memory store, a manual clock and a counting hasher; a given
/// `configuration` is used instead of `activation` and `requirements`.
struct Harness {
    let store: ReferenceAccountStore
    let clock: ManualClock
    let hasher: CountingHasher
    let service: AccountService

    init(
        activation: ActivationPolicy = .open,
        requirements: [any RequirementValidator] = [],
        configuration: AccountConfiguration? = nil,
        hasher: CountingHasher = CountingHasher(),
        store: ReferenceAccountStore = .inMemory()
    ) {
        let configuration = configuration ?? AccountConfiguration(activation: activation, requirements: requirements)
        self.store = store
        self.clock = ManualClock()
        self.hasher = hasher
        self.service = AccountService(
            store: store, clock: clock, ids: .incrementing(), configuration: configuration, hasher: hasher)
    }

    /// The same store and clock with another configuration or hasher.
    func with(configuration: AccountConfiguration, hasher: any PasswordHasher) -> AccountService {
        AccountService(store: store, clock: clock, ids: .incrementing(from: 1_000), configuration: configuration, hasher: hasher)
    }
}

let goodPassword = "correct horse battery staple"
let otherPassword = "purple monkey dishwasher"

/// The code of the `AccountError` thrown by `body`, or `nil` when it succeeds; another error
/// is recorded as an issue (and gives `nil`).
func accountErrorCode(_ body: () async throws -> Void) async -> AccountErrorCode? {
    let outcome = await ErrorOutcome<AccountErrorCode>.of(body)
    if case .unexpected(let description) = outcome { Issue.record("unexpected error \(description)") }
    return outcome.code
}

/// The `AccountError` thrown by `body`, or `nil`.
func accountError(_ body: () async throws -> Void) async -> AccountError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? AccountError
    }
}
