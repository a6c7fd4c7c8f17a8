import Foundation

/// The wire format of Clientele's HMAC-signed tokens (unsubscribe links, double opt-in
/// confirmations): `base64url(payload) "." base64url(HMAC-SHA256(key, payload))`, where the
/// payload is `kind|keyID|field|field|…` in UTF-8. Field values never contain `|`.
enum SignedToken {
    /// The longest token text accepted.
    static let maximumLength = 1024

    static func sign(kind: String, fields: [String], keys: TokenKeyRing) -> String {
        let payload = Array(([kind, keys.signingKey.id] + fields).joined(separator: "|").utf8)
        let mac = HMACSHA256.authenticationCode(for: payload, key: keys.signingKey.secret)
        return Base64URL.encode(payload) + "." + Base64URL.encode(mac)
    }

    /// Verifies the signature (in constant time) and returns the key ID and the fields.
    ///
    /// - Throws: `malformedToken`, `unknownTokenKey` or `tamperedToken`.
    static func verify(_ token: String, kind: String, fieldCount: Int, keys: TokenKeyRing) throws(ConsentError) -> (keyID: String, fields: [String]) {
        let context = ErrorContext(field: "token")
        func malformed() -> ConsentError {
            ConsentError(.malformedToken, "The token is not a Clientele \(kind) token; the link may be cut off.", context: context)
        }
        guard token.utf8.count <= maximumLength else { throw malformed() }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw malformed() }
        let payload: [UInt8]
        let mac: [UInt8]
        do {
            payload = try Base64URL.decode(String(parts[0]))
            mac = try Base64URL.decode(String(parts[1]))
        } catch {
            throw malformed()
        }
        guard let text = String(validating: payload, as: UTF8.self) else { throw malformed() }
        let items = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard items.count == 2 + fieldCount, items[0] == kind else { throw malformed() }
        let keyID = items[1]
        guard let key = keys.keys[keyID] else {
            throw ConsentError(
                .unknownTokenKey, "The token was signed with a key this service no longer has; it cannot be honoured.",
                context: ErrorContext(field: "token", item: keyID.count <= 32 ? keyID : nil))
        }
        let expected = HMACSHA256.authenticationCode(for: payload, key: key.secret)
        guard ConstantTime.equals(expected, mac) else {
            throw ConsentError(.tamperedToken, "The token's signature does not match: it was altered or forged.", context: context)
        }
        return (keyID, Array(items[2...]))
    }
}
