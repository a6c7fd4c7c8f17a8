/// What shows how a ledger record came about: the form, and salted digests of the IP
/// address and user agent. The raw IP address and user agent are never stored.
public struct ConsentEvidence: Hashable, Sendable, Codable {
    /// The identifier of the form or page the customer used, such as `checkout-v3`.
    public var formID: String?
    /// HMAC-SHA256 of the IP address under the shop's evidence salt.
    public var ipAddressDigest: Digest256?
    /// HMAC-SHA256 of the user agent under the shop's evidence salt.
    public var userAgentDigest: Digest256?

    /// Creates evidence from digests already computed (see ``EvidenceDigester``).
    public init(formID: String? = nil, ipAddressDigest: Digest256? = nil, userAgentDigest: Digest256? = nil) {
        self.formID = formID
        self.ipAddressDigest = ipAddressDigest
        self.userAgentDigest = userAgentDigest
    }

    /// No evidence.
    public static let none = ConsentEvidence()
}
