import Benchmark
import ClienteleCore

/// The primitives under login, sessions and the journal.
func cryptoBenchmarks() {
    let bytes64 = [UInt8](repeating: 0x61, count: 64)
    let bytes1K = [UInt8](repeating: 0x61, count: 1024)
    let key = [UInt8](repeating: 0x0B, count: 32)

    // A session token's digest.
    Benchmark("SHA256.hash.64B.x1000") { benchmark in
        for _ in 0..<1000 {
            blackHole(SHA256.hash(bytes64))
        }
    }
    Benchmark("SHA256.hash.1KiB.x100") { benchmark in
        for _ in 0..<100 {
            blackHole(SHA256.hash(bytes1K))
        }
    }
    // Signing a token or an activation link.
    Benchmark("HMACSHA256.64B.x1000") { benchmark in
        for _ in 0..<1000 {
            blackHole(HMACSHA256.authenticationCode(for: bytes64, key: key))
        }
    }
    // The password hash at a small iteration count (cost is linear in iterations).
    Benchmark("PBKDF2.sha256.1000iterations") { benchmark in
        blackHole(try PBKDF2.sha256(password: bytes64.prefix(28), salt: bytes64.prefix(16), iterations: 1000, length: 32))
    }
}
