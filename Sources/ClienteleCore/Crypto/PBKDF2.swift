/// PBKDF2 (RFC 8018 §5.2) key derivation, for hashing passwords.
///
/// ```swift
/// let salt = SecureRandom.bytes(count: 16)
/// let hash = try PBKDF2.sha256(password: Array(password.utf8), salt: salt,
///                              iterations: 600_000, length: 32)
/// ```
public enum PBKDF2 {
    /// The largest derived key PBKDF2-HMAC-SHA256 can produce: (2³² − 1) blocks of 32 bytes.
    static let maximumSHA256Length = UInt64(UInt32.max) * UInt64(SHA256.digestByteCount)

    /// Derives a key from `password` and `salt` with PBKDF2, using HMAC-SHA256 as the
    /// pseudorandom function.
    ///
    /// The HMAC key blocks are compressed once; each iteration is then exactly two SHA-256
    /// compressions on fixed buffers, with no allocation, on the CPU's SHA instructions where it
    /// has them.
    ///
    /// - Parameters:
    ///   - password: The password bytes (normalize text first; Accounts uses NFKC UTF-8).
    ///   - salt: A random salt, at least 16 bytes for password hashing.
    ///   - iterations: The iteration count, at least 1 (OWASP recommends 600,000 for
    ///     PBKDF2-HMAC-SHA256).
    ///   - length: The length of the derived key in bytes, from 1 to (2³² − 1) × 32.
    /// - Returns: The derived key, `length` bytes.
    /// - Throws: ``CoreError`` with code ``CoreErrorCode/invalidKeyDerivationParameters`` when
    ///   `iterations` or `length` is out of range (``ErrorContext/field`` names which).
    /// - Complexity: O(`iterations` × ⌈`length` / 32⌉) compressions.
    public static func sha256(
        password: some Collection<UInt8>,
        salt: some Collection<UInt8>,
        iterations: Int,
        length: Int
    ) throws(CoreError) -> [UInt8] {
        try sha256(password: password, salt: salt, iterations: iterations, length: length, backend: .best)
    }

    /// ``sha256(password:salt:iterations:length:)`` with the SHA-256 compression of `backend`.
    package static func sha256(
        password: some Collection<UInt8>,
        salt: some Collection<UInt8>,
        iterations: Int,
        length: Int,
        backend: SHA256.Backend
    ) throws(CoreError) -> [UInt8] {
        guard iterations >= 1 else {
            throw CoreError(
                .invalidKeyDerivationParameters,
                "PBKDF2 needs at least 1 iteration; use 600,000 for password hashing.",
                context: ErrorContext(field: "iterations"))
        }
        guard length >= 1, UInt64(length) <= maximumSHA256Length else {
            throw CoreError(
                .invalidKeyDerivationParameters,
                "PBKDF2-HMAC-SHA256 derives from 1 to (2^32 - 1) x 32 bytes; ask for a length in that range (32 for password hashing).",
                context: ErrorContext(field: "length"))
        }

        let keyStates = HMACSHA256.keyStates(for: password, backend: backend)
        var saltedHash = SHA256(
            continuingFrom: keyStates.inner, afterByteCount: UInt64(SHA256.blockByteCount), backend: backend)
        saltedHash.update(salt)

        var derived = [UInt8]()
        derived.reserveCapacity(length)
        var blockIndex: UInt32 = 1
        while derived.count < length {
            // U1 = HMAC(password, salt ‖ INT(i)).
            var first = saltedHash
            first.update(withUnsafeBytes(of: blockIndex.bigEndian) { Array($0) })
            var u = keyStates.outer
            SHA256.compressDigestAfterOneBlock(&u, message: first.finalState(), backend: backend)
            var t = u
            // U(j) = HMAC(password, U(j-1)); T = U1 ⊕ U2 ⊕ … ⊕ U(c).
            for _ in 1..<iterations {
                var inner = keyStates.inner
                SHA256.compressDigestAfterOneBlock(&inner, message: u, backend: backend)
                u = keyStates.outer
                SHA256.compressDigestAfterOneBlock(&u, message: inner, backend: backend)
                t.h0 ^= u.h0
                t.h1 ^= u.h1
                t.h2 ^= u.h2
                t.h3 ^= u.h3
                t.h4 ^= u.h4
                t.h5 ^= u.h5
                t.h6 ^= u.h6
                t.h7 ^= u.h7
            }
            derived.append(contentsOf: t.bytes.prefix(length - derived.count))
            blockIndex &+= 1
        }
        return derived
    }
}
