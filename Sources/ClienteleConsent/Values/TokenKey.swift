/// A secret key for signing tokens, with the identifier written into every token it signs.
///
/// Rotation: add a new key as the signing key and keep the old one as a verification
/// key until every token it signed has expired; then drop it (its tokens then fail with
/// ``ConsentErrorCode/unknownTokenKey``).
public struct TokenKey: Sendable, Hashable, CustomStringConvertible {
    /// The key's identifier: 1–32 characters of `A–Z a–z 0–9 _ -`.
    public let id: String
    /// The secret: at least 32 random bytes.
    public let secret: [UInt8]

    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 32

    /// Creates a key.
    ///
    /// - Throws: ``ConsentErrorCode/invalidConfiguration`` for a bad identifier or a secret
    ///   shorter than ``minimumSecretLength``.
    public init(id: String, secret: [UInt8]) throws(ConsentError) {
        let validID = (1...32).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        guard validID else {
            throw ConsentError(
                .invalidConfiguration, "A token key ID must be 1–32 characters of A–Z, a–z, 0–9, '_' or '-'.",
                context: ErrorContext(field: "tokenKey.id"))
        }
        guard secret.count >= Self.minimumSecretLength else {
            throw ConsentError(
                .invalidConfiguration, "A token key secret needs at least \(Self.minimumSecretLength) random bytes.",
                context: ErrorContext(field: "tokenKey.secret", item: id))
        }
        self.id = id
        self.secret = secret
    }

    /// `TokenKey(id)`; never shows the secret.
    public var description: String { "TokenKey(\(id))" }
}
