/// A customer record of about 300 bytes once encoded, shaped like the one the peer
/// `durable_writes.py` stores: what a shop keeps per customer in its main table.
public struct CustomerRecord: Sendable, Codable, Hashable {
    /// A postal address.
    public struct Address: Sendable, Codable, Hashable {
        public var street: String
        public var city: String
        public var postal: String
        public var country: String
    }

    public var id: String
    public var email: String
    public var status: String
    public var createdAt: Int
    public var givenName: String
    public var familyName: String
    public var addresses: [Address]
    public var groups: [String]
    public var version: Int

    /// The record of customer number `number` (`C0000042`), with `version` 1, as the peer writes it.
    public init(number: Int, version: Int = 1) {
        let digits = String(number)
        id = "C" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        email = "user\(number)@example.nl"
        status = "active"
        createdAt = 1_700_000_000 + number
        givenName = "Anna"
        familyName = "de Vries"
        addresses = [Address(street: "Kerkstraat \(number % 300)", city: "Utrecht", postal: "3511 AB", country: "NL")]
        groups = number % 20 == 0 ? ["vip"] : []
        self.version = version
    }
}
