/// Salted digests of personal values (e-mail keys, IP addresses, user agents):
/// HMAC-SHA256 under the shop's secret salt, with a label per kind of value.
/// Equal inputs give equal digests (so lookups work); without the salt they cannot be
/// reversed by trying likely values.
public struct EvidenceDigester: Sendable {
    private let salt: [UInt8]

    /// Creates a digester with the shop's secret salt.
    public init(salt: [UInt8]) {
        self.salt = salt
    }

    /// The digest of an e-mail uniqueness key (lowercase local part @ lowercase ASCII domain).
    public func emailKey(_ key: String) -> Digest256 { digest("email", key) }

    /// The digest of an IP address (the text as received, trimmed).
    public func ipAddress(_ address: String) -> Digest256 { digest("ip", address) }

    /// The digest of a user agent string.
    public func userAgent(_ agent: String) -> Digest256 { digest("user-agent", agent) }

    /// Evidence from a collection context: the form ID kept, IP and user agent digested.
    public func evidence(for context: CollectionContext) -> ConsentEvidence {
        ConsentEvidence(
            formID: context.formID,
            ipAddressDigest: context.ipAddress.map { ipAddress($0.trimmingWhitespace) },
            userAgentDigest: context.userAgent.map { userAgent($0) })
    }

    private func digest(_ label: String, _ value: String) -> Digest256 {
        var mac = HMACSHA256(key: salt)
        mac.update(Array("clientele.\(label).v1".utf8))
        mac.update([0])
        mac.update(Array(value.utf8))
        return Digest256(unchecked: mac.finalize())
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
