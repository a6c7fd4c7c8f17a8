/// The default ``PasswordHasher``: PBKDF2-HMAC-SHA256 (ClienteleCore's implementation),
/// 600,000 iterations, a 16-byte random salt and a 32-byte hash, stored as
/// `$pbkdf2-sha256$i=600000$<salt>$<hash>` (standard base64 without padding).
///
/// Verification accepts stored hashes within documented bounds, so older or foreign hashes
/// keep working (those weaker than the current parameters report ``needsRehash(_:)``):
///
/// | Parameter | Bounds | Field in the error |
/// | --- | --- | --- |
/// | iterations (`i`) | ``iterationBounds``: 1…2,000,000 | `passwordHash.iterations` |
/// | salt length | ``saltLengthBounds``: 4…64 bytes | `passwordHash.saltLength` |
/// | output length | ``outputLengthBounds``: 16…64 bytes | `passwordHash.outputLength` |
/// | the whole string | ``maximumStoredHashLength``: 512 UTF-8 bytes | `passwordHash.length` |
///
/// A hash outside them fails with ``AccountErrorCode/passwordHashOutOfBounds`` before any
/// PBKDF2 work, so the most one verification can cost is 2,000,000 iterations for each of
/// two 32-byte output blocks (about 6.7 times a verification at the default parameters).
public struct PBKDF2PasswordHasher: PasswordHasher {
    /// The PHC algorithm identifier.
    public static let algorithm = "pbkdf2-sha256"
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000
    /// The highest iteration count accepted from a stored hash and for new hashes (stops a
    /// doctored store from making one login take seconds): 2,000,000, above the 1,200,000
    /// the most demanding common framework defaults use.
    public static let maximumIterations = 2_000_000
    /// The iteration counts verified from a stored hash.
    public static let iterationBounds = 1...maximumIterations
    /// The salt lengths verified from a stored hash, in bytes (4 admits the RFC 6070 and
    /// Wycheproof vectors; new hashes use at least 16).
    public static let saltLengthBounds = 4...64
    /// The output (hash) lengths verified from a stored hash, in bytes: one or two
    /// SHA-256 blocks, also the range accepted for new hashes.
    public static let outputLengthBounds = 16...64
    /// The longest stored hash string parsed, in UTF-8 bytes (a hash within the other
    /// bounds needs under 220).
    public static let maximumStoredHashLength = 512

    /// Iterations for new hashes.
    public let iterations: Int
    /// Salt length for new hashes, in bytes.
    public let saltLength: Int
    /// Hash length for new hashes, in bytes.
    public let hashLength: Int

    /// The salt lengths accepted for new hashes, in bytes.
    public static let newSaltLengthBounds = 16...64

    /// Creates the default hasher: ``defaultIterations``, a 16-byte salt, a 32-byte hash.
    public init() {
        iterations = Self.defaultIterations
        saltLength = 16
        hashLength = 32
    }

    /// Creates a hasher with other parameters. Tests may lower `iterations` to keep suites
    /// fast; production code should keep the default.
    ///
    /// - Parameters:
    ///   - iterations: 1…``maximumIterations``.
    ///   - saltLength: 16…64 bytes (``newSaltLengthBounds``).
    ///   - hashLength: 16…64 bytes (``outputLengthBounds``).
    /// - Throws: ``AccountErrorCode/invalidConfiguration`` naming the parameter out of its
    ///   range; nothing is adjusted.
    public init(iterations: Int, saltLength: Int = 16, hashLength: Int = 32) throws(AccountError) {
        guard Self.iterationBounds.contains(iterations) else {
            throw AccountError(
                .invalidConfiguration, "PBKDF2 iterations must be 1…\(Self.maximumIterations).",
                context: ErrorContext(field: "iterations"))
        }
        guard Self.newSaltLengthBounds.contains(saltLength) else {
            throw AccountError(
                .invalidConfiguration, "A new salt must be 16…64 bytes.", context: ErrorContext(field: "saltLength"))
        }
        guard Self.outputLengthBounds.contains(hashLength) else {
            throw AccountError(
                .invalidConfiguration, "A new hash must be 16…64 bytes.", context: ErrorContext(field: "hashLength"))
        }
        self.iterations = iterations
        self.saltLength = saltLength
        self.hashLength = hashLength
    }

    /// Hashes `password` with a fresh salt.
    ///
    /// - Throws: ``AccountErrorCode/passwordTooLong`` for a password whose raw input
    ///   exceeded ``Password/maximumInputByteCount`` (it is not hashed).
    public func hash(_ password: Password) throws(AccountError) -> String {
        guard !password.exceedsInputLimit else {
            throw AccountError(
                .passwordTooLong, "Passwords are limited to \(Password.maximumInputByteCount) bytes of input.",
                context: ErrorContext(field: "password"))
        }
        let salt = SecureRandom.bytes(count: saltLength)
        let derived = try derive(password.utf8Bytes, salt: salt, iterations: iterations, length: hashLength)
        return PHCString(algorithm: Self.algorithm, parameters: [("i", String(iterations))], salt: salt, hash: derived).encoded
    }

    /// Checks `password` against `storedHash` in constant time.
    ///
    /// A password whose raw input exceeded ``Password/maximumInputByteCount`` does not
    /// match and is not hashed (the stored hash is still checked).
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash``, or
    ///   ``AccountErrorCode/passwordHashOutOfBounds`` before any PBKDF2 work.
    public func verify(_ password: Password, against storedHash: String) throws(AccountError) -> Bool {
        let parsed = try Self.parse(storedHash)
        guard !password.exceedsInputLimit else { return false }
        return try verify(passwordBytes: password.utf8Bytes, against: parsed)
    }

    /// Checks raw password bytes against `storedHash` (for test vectors whose passwords
    /// are not text), in constant time. More than ``Password/maximumInputByteCount``
    /// bytes do not match and are not hashed.
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash``, or
    ///   ``AccountErrorCode/passwordHashOutOfBounds`` before any PBKDF2 work.
    public func verify(passwordBytes: [UInt8], against storedHash: String) throws(AccountError) -> Bool {
        let parsed = try Self.parse(storedHash)
        guard passwordBytes.count <= Password.maximumInputByteCount else { return false }
        return try verify(passwordBytes: passwordBytes, against: parsed)
    }

    private func verify(passwordBytes: [UInt8], against parsed: (phc: PHCString, iterations: Int)) throws(AccountError) -> Bool {
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
        ).encoded
    }

    /// Parses and checks a stored PBKDF2 PHC string, refusing parameters outside the bounds.
    static func parse(_ storedHash: String) throws(AccountError) -> (phc: PHCString, iterations: Int) {
        func outOfBounds(_ parameter: String, _ message: String) -> AccountError {
            AccountError(
                .passwordHashOutOfBounds, "The stored password hash's \(message); it is refused unverified.",
                context: ErrorContext(field: "passwordHash.\(parameter)"))
        }
        guard storedHash.utf8.count <= maximumStoredHashLength else {
            throw outOfBounds("length", "length is over \(maximumStoredHashLength) bytes")
        }
        let phc = try PHCString(parsing: storedHash)
        let context = ErrorContext(field: "passwordHash")
        guard phc.algorithm == algorithm else {
            throw AccountError(
                .malformedPasswordHash, "The stored password hash uses an algorithm this hasher does not know.",
                context: context)
        }
        guard phc.parameters.count == 1, let text = phc.parameter("i"), let count = Int(text), String(count) == text, count >= 1
        else {
            throw AccountError(
                .malformedPasswordHash, "The stored password hash needs exactly one parameter i=<positive iterations>.",
                context: context)
        }
        guard iterationBounds.contains(count) else {
            throw outOfBounds("iterations", "iteration count is outside \(iterationBounds.lowerBound)…\(iterationBounds.upperBound)")
        }
        guard saltLengthBounds.contains(phc.salt.count) else {
            throw outOfBounds(
                "saltLength", "salt length is outside \(saltLengthBounds.lowerBound)…\(saltLengthBounds.upperBound) bytes")
        }
        guard outputLengthBounds.contains(phc.hash.count) else {
            throw outOfBounds(
                "outputLength", "output length is outside \(outputLengthBounds.lowerBound)…\(outputLengthBounds.upperBound) bytes")
        }
        return (phc, count)
    }

    private func derive(_ password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws(AccountError) -> [UInt8] {
        WorkMeter.recordPBKDF2(iterations: iterations, length: length)
        do {
            return try PBKDF2.sha256(password: password, salt: salt, iterations: iterations, length: length)
        } catch {
            throw AccountError(
                .malformedPasswordHash, "The password hash parameters were refused by PBKDF2.",
                context: ErrorContext(field: "passwordHash"), underlying: error)
        }
    }
}
