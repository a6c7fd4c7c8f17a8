/// Makes and reads the secrets behind session and one-time tokens: 256 random bits,
/// handed out as base64url without padding, stored only as their SHA-256.
enum TokenSecret {
    /// Bytes of entropy in every token.
    static let byteCount = 32

    /// A fresh secret: its text for the customer and its digest for the store.
    static func make() -> (text: String, digest: Digest256) {
        let bytes = SecureRandom.bytes(count: byteCount)
        return (Base64URL.encode(bytes), Digest256.sha256(bytes))
    }

    /// The digest of a token's text, or `nil` when the text cannot be a token.
    static func digest(of text: String) -> Digest256? {
        guard text.utf8.count == 43, let bytes = try? Base64URL.decode(text), bytes.count == byteCount else { return nil }
        return Digest256.sha256(bytes)
    }
}
