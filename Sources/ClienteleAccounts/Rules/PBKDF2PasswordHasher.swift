/// The default ``PasswordHasher``: PBKDF2-HMAC-SHA256 (ClienteleCore's implementation),
/// 600,000 iterations, a 16-byte random salt and a 32-byte hash, stored as
/// `$pbkdf2-sha256$i=600000$<salt>$<hash>` (standard base64 without padding).
///
/// Verification accepts any iteration count from 1 to ``maximumIterations`` and salt and
/// hash lengths from the PHC string, so older or foreign hashes keep working; those
/// weaker than the current parameters report ``needsRehash(_:)``.
public struct PBKDF2PasswordHasher: PasswordHasher {
    /// The PHC algorithm identifier.
    public static let algorithm = "pbkdf2-sha256"
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000
    /// The highest iteration count accepted from a stored hash (stops a doctored store
    /// from making one login take minutes).
    public static let maximumIterations = 10_000_000

    /// Iterations for new hashes.
    public let iterations: Int
    /// Salt length for new hashes, in bytes.
    public let saltLength: Int
    /// Hash length for new hashes, in bytes.
    public let hashLength: Int

    /// Creates a hasher. Tests may lower `iterations` to keep suites fast; production
    /// code should keep the default.
    ///
    /// - Parameters:
    ///   - iterations: 1…``maximumIterations``; out-of-range values are clamped.
    ///   - saltLength: At least 16 bytes (values below are raised to 16).
    ///   - hashLength: 16…64 bytes (clamped).
    public init(iterations: Int = PBKDF2PasswordHasher.defaultIterations, saltLength: Int = 16, hashLength: Int = 32) {
        self.iterations = min(max(iterations, 1), Self.maximumIterations)
        self.saltLength = min(max(saltLength, 16), 64)
        self.hashLength = min(max(hashLength, 16), 64)
    }

    /// Hashes `password` with a fresh salt.
    public func hash(_ password: Password) throws(AccountError) -> String {
        let salt = SecureRandom.bytes(count: saltLength)
        let derived = try derive(password.utf8Bytes, salt: salt, iterations: iterations, length: hashLength)
        return PHCString(algorithm: Self.algorithm, parameters: [("i", String(iterations))], salt: salt, hash: derived).description
    }

    /// Checks `password` against `storedHash` in constant time.
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash``.
    public func verify(_ password: Password, against storedHash: String) throws(AccountError) -> Bool {
        try verify(passwordBytes: password.utf8Bytes, against: storedHash)
    }

    /// Checks raw password bytes against `storedHash` (for test vectors whose passwords
    /// are not text), in constant time.
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash``.
    public func verify(passwordBytes: [UInt8], against storedHash: String) throws(AccountError) -> Bool {
        let parsed = try Self.parse(storedHash)
        let derived = try derive(passwordBytes, salt: parsed.phc.salt, iterations: parsed.iterations, length: parsed.phc.hash.count)
        return ConstantTime.equals(derived, parsed.phc.hash)
    }

    /// True for another algorithm, a malformed string, fewer iterations, a shorter salt
    /// or another hash length than this hasher's.
    public func needsRehash(_ storedHash: String) -> Bool {
        guard let parsed = try? Self.parse(storedHash) else { return true }
        return parsed.iterations < iterations || parsed.phc.salt.count < saltLength || parsed.phc.hash.count != hashLength
    }

    /// A well-formed hash with this hasher's parameters and random bytes that no password
    /// matches (with overwhelming probability).
    public func decoyHash() -> String {
        PHCString(
            algorithm: Self.algorithm, parameters: [("i", String(iterations))],
            salt: SecureRandom.bytes(count: saltLength), hash: SecureRandom.bytes(count: hashLength)
        ).description
    }

    /// Parses and checks a stored PBKDF2 PHC string.
    static func parse(_ storedHash: String) throws(AccountError) -> (phc: PHCString, iterations: Int) {
        let phc = try PHCString(parsing: storedHash)
        let context = ErrorContext(field: "passwordHash")
        guard phc.algorithm == algorithm else {
            throw AccountError(
                .malformedPasswordHash, "The stored password hash uses an algorithm this hasher does not know.",
                context: context)
        }
        guard phc.parameters.count == 1, let text = phc.parameter("i"), let count = Int(text), String(count) == text,
            (1...maximumIterations).contains(count)
        else {
            throw AccountError(
                .malformedPasswordHash,
                "The stored password hash needs exactly one parameter i=<iterations> between 1 and \(maximumIterations).",
                context: context)
        }
        guard phc.salt.count <= 1_024, phc.hash.count <= 1_024 else {
            throw AccountError(.malformedPasswordHash, "The stored password hash has an oversized salt or hash.", context: context)
        }
        return (phc, count)
    }

    private func derive(_ password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws(AccountError) -> [UInt8] {
        do {
            return try PBKDF2.sha256(password: password, salt: salt, iterations: iterations, length: length)
        } catch {
            throw AccountError(
                .malformedPasswordHash, "The password hash parameters were refused by PBKDF2.",
                context: ErrorContext(field: "passwordHash"), underlying: error)
        }
    }
}
