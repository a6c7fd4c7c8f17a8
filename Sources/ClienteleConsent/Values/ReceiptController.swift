/// The data controller (the shop) as named in consent receipts.
public struct ReceiptController: Hashable, Sendable, Codable {
    /// The legal name, such as "Voorbeeld Webwinkel B.V.".
    public var name: String
    /// A contact point for privacy questions (a name or department).
    public var contact: String
    /// The privacy contact e-mail address.
    public var email: String?
    /// The postal address.
    public var address: String?
    /// The shop's website.
    public var url: String?
    /// Where the privacy statement is published.
    public var privacyPolicyURL: String
    /// The jurisdiction, such as `NL` or `EU`.
    public var jurisdiction: String

    /// Creates a controller description.
    public init(
        name: String, contact: String, email: String? = nil, address: String? = nil, url: String? = nil,
        privacyPolicyURL: String, jurisdiction: String
    ) {
        self.name = name
        self.contact = contact
        self.email = email
        self.address = address
        self.url = url
        self.privacyPolicyURL = privacyPolicyURL
        self.jurisdiction = jurisdiction
    }
}
