/// The keys a service signs and verifies tokens with: one signing key, plus older keys
/// still accepted for verification.
public struct TokenKeyRing: Sendable, Hashable, CustomStringConvertible {
    /// The key new tokens are signed with.
    public let signingKey: TokenKey
    /// Every key tokens are verified with, by ID (the signing key included).
    public let keys: [String: TokenKey]

    /// Creates a key ring.
    ///
    /// - Parameters:
    ///   - signingKey: The key new tokens are signed with.
    ///   - verificationKeys: Older keys whose tokens are still accepted.
    /// - Throws: ``ConsentErrorCode/invalidConfiguration`` when two different keys share an ID.
    public init(signingKey: TokenKey, verificationKeys: [TokenKey] = []) throws(ConsentError) {
        var keys = [signingKey.id: signingKey]
        for key in verificationKeys {
            if let existing = keys[key.id], existing != key {
                throw ConsentError(
                    .invalidConfiguration, "Two different token keys share one ID; give each key its own ID.",
                    context: ErrorContext(field: "verificationKeys", item: key.id))
            }
            keys[key.id] = key
        }
        self.signingKey = signingKey
        self.keys = keys
    }

    /// Lists the key IDs; never shows secrets.
    public var description: String { "TokenKeyRing(signing: \(signingKey.id), keys: \(keys.keys.sorted()))" }
}
