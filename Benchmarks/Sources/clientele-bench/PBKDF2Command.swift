import ClienteleCore

/// `pbkdf2 [--iterations 600000]`: PBKDF2-HMAC-SHA256 of one password, as Accounts hashes
/// it at registration and login; the same inputs as the peer `pbkdf2.py`.
///
/// Prints `pbkdf2_iterations=` and `pbkdf2_seconds=` (best of 5).
enum PBKDF2Command {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--iterations"])
        let iterations = try arguments.int(for: "--iterations", default: 600_000)
        let password = Array("correct horse battery staple".utf8)
        let salt = Array("0123456789abcdef".utf8)
        let clock = ContinuousClock()
        var best = Duration.seconds(Int64.max)
        for _ in 0..<5 {
            let start = clock.now
            let key = try PBKDF2.sha256(password: password, salt: salt, iterations: iterations, length: 32)
            best = min(best, clock.now - start)
            guard key.count == 32 else {
                throw BenchError(.usage, "PBKDF2 returned a key of the wrong length", context: .init(field: "length"))
            }
        }
        print("pbkdf2_iterations=\(iterations)")
        print("pbkdf2_seconds=\(Seconds(best))")
    }
}
