import ClienteleAccounts
import ClienteleCore
import Foundation

/// `login [--iterations 600000] [--registrations 4000] [--hashed-registrations 32] [--folder DIR]`:
/// Accounts on the file-backed reference store.
///
/// Prints:
/// - `login_seconds=`: one login (one PBKDF2 verification at `--iterations`, plus the durable
///   session write), best of 5;
/// - `register_per_s_1=` and `register_per_s_16=`: registrations per second with 1 and 16
///   concurrent writers, each a durable commit, with a 1-iteration PBKDF2 hasher so that
///   the store, not the hash, is measured;
/// - `register_hashed_per_s_1=` and `register_hashed_per_s_16=`: the same at `--iterations`
///   (`--hashed-registrations` in total), where hashing dominates.
enum LoginCommand {
    static let password = "correct horse battery staple"

    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--iterations", "--registrations", "--hashed-registrations", "--folder"])
        let iterations = try arguments.int(for: "--iterations", default: 600_000)
        let registrations = max(try arguments.int(for: "--registrations", default: 4_000), 16)
        let hashedRegistrations = max(try arguments.int(for: "--hashed-registrations", default: 32), 16)
        let root = URL(fileURLWithPath: arguments.value(for: "--folder") ?? NSTemporaryDirectory())
            .appendingPathComponent("clientele-bench-login-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        print("login_iterations=\(iterations)")
        print("login_seconds=\(Seconds(try await loginTime(in: root.appendingPathComponent("login"), iterations: iterations)))")
        let cheap = try PBKDF2PasswordHasher(iterations: 1)
        let full = try PBKDF2PasswordHasher(iterations: iterations)
        for writers in [1, 16] {
            let rate = try await registrationRate(
                in: root.appendingPathComponent("cheap-\(writers)"), writers: writers, total: registrations, hasher: cheap)
            print("register_per_s_\(writers)=\(Int(rate.rounded()))")
        }
        for writers in [1, 16] {
            let rate = try await registrationRate(
                in: root.appendingPathComponent("full-\(writers)"), writers: writers, total: hashedRegistrations, hasher: full)
            print("register_hashed_per_s_\(writers)=\(String(format: "%.2f", rate))")
        }
    }

    static func loginTime(in folder: URL, iterations: Int) async throws -> Duration {
        let store = try await ReferenceAccountStore.open(folder: folder)
        let service = AccountService(store: store, hasher: try PBKDF2PasswordHasher(iterations: iterations))
        _ = try await service.register(email: "bench@example.nl", password: password)
        let clock = ContinuousClock()
        var best = Duration.seconds(Int64.max)
        for _ in 0..<5 {
            let start = clock.now
            _ = try await service.login(email: "bench@example.nl", password: password)
            best = min(best, clock.now - start)
        }
        try await store.close()
        return best
    }

    /// Registrations per second: `total` distinct addresses spread over `writers` tasks.
    static func registrationRate(in folder: URL, writers: Int, total: Int, hasher: PBKDF2PasswordHasher) async throws -> Double {
        let store = try await ReferenceAccountStore.open(folder: folder)
        let service = AccountService(store: store, hasher: hasher)
        let perWriter = total / writers
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        _ = try await service.register(email: "customer\(writer)-\(index)@example.nl", password: password)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = Seconds(clock.now - start).value
        try await store.close()
        return Double(perWriter * writers) / max(elapsed, 1e-9)
    }
}
