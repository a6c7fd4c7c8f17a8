/// Turns passwords into self-describing hash strings (PHC format) and checks them.
///
/// The default is ``PBKDF2PasswordHasher``. A hasher must verify in constant time with
/// respect to the stored hash, and must say when a stored hash uses outdated parameters
/// so that a login can re-hash it transparently.
public protocol PasswordHasher: Sendable {
    /// Hashes `password` with a fresh random salt and the current parameters.
    ///
    /// - Returns: A PHC string such as `$pbkdf2-sha256$i=600000$<salt>$<hash>`.
    func hash(_ password: Password) throws(AccountError) -> String

    /// Checks `password` against a stored PHC string, in constant time.
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash`` when `storedHash` is not a
    ///   well-formed string this hasher understands.
    func verify(_ password: Password, against storedHash: String) throws(AccountError) -> Bool

    /// True when `storedHash` was made with other (weaker) parameters than the current
    /// ones, or by another algorithm, and should be replaced after a successful login.
    func needsRehash(_ storedHash: String) -> Bool

    /// A well-formed hash with the current parameters that no password matches, so that
    /// a login for an unknown address still costs exactly one verification.
    func decoyHash() -> String
}
