/// A postal address of a customer, for prefilled checkout.
///
/// Made with ``init(id:recipient:company:lines:postalCode:city:region:countryCode:phone:)``,
/// which checks that the required parts are there and nothing is absurdly long.
public struct Address: Sendable, Codable, Hashable {
    /// Identifies the address among the customer's addresses.
    public var id: AddressID
    /// Who receives mail here.
    public var recipient: String
    /// The company name, for business addresses.
    public var company: String?
    /// Street, house number and further lines (1–3).
    public var lines: [String]
    /// The postal code as written in the country (`1234 AB`).
    public var postalCode: String
    /// The city or town.
    public var city: String
    /// The state or province, where the country uses one.
    public var region: String?
    /// ISO 3166-1 alpha-2 country code in upper case (`NL`).
    public var countryCode: String
    /// A phone number for the carrier.
    public var phone: String?

    /// The longest accepted field, in characters.
    public static let maximumFieldLength = 200

    /// Creates an address, checking that it is complete.
    ///
    /// - Throws: ``AccountErrorCode/invalidAddress`` naming the field.
    public init(
        id: AddressID, recipient: String, company: String? = nil, lines: [String], postalCode: String,
        city: String, region: String? = nil, countryCode: String, phone: String? = nil
    ) throws(AccountError) {
        self.init(
            stored: id, recipient: recipient, company: company, lines: lines, postalCode: postalCode, city: city,
            region: region, countryCode: countryCode, phone: phone)
        try validate()
    }

    /// An address as stored, not checked again (stored addresses were checked when saved):
    /// what the stores' decoders make.
    init(
        stored id: AddressID, recipient: String, company: String?, lines: [String], postalCode: String,
        city: String, region: String?, countryCode: String, phone: String?
    ) {
        self.id = id
        self.recipient = recipient
        self.company = company
        self.lines = lines
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.countryCode = countryCode
        self.phone = phone
    }

    /// Checks completeness; used on creation and on every update.
    ///
    /// - Throws: ``AccountErrorCode/invalidAddress`` naming the field.
    public func validate() throws(AccountError) {
        func fail(_ field: String, _ message: String) -> AccountError {
            AccountError(.invalidAddress, message, context: ErrorContext(field: field, item: id.rawValue))
        }
        let required: [(String, String)] = [("recipient", recipient), ("postalCode", postalCode), ("city", city)]
        for (field, value) in required where value.trimmingWhitespace.isEmpty {
            throw fail(field, "The address needs a \(field).")
        }
        guard (1...3).contains(lines.count), !lines[0].trimmingWhitespace.isEmpty else {
            throw fail("lines", "The address needs 1–3 street lines, the first one not empty.")
        }
        let all = required.map(\.1) + lines + [company, region, phone].compactMap { $0 }
        if all.contains(where: { $0.count > Self.maximumFieldLength }) {
            throw fail("address", "Address fields are limited to \(Self.maximumFieldLength) characters.")
        }
        let code = countryCode.utf8
        guard code.count == 2, code.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw fail("countryCode", "The country must be an ISO 3166-1 alpha-2 code in upper case, such as NL.")
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let trimmed = drop(while: \.isWhitespace)
        return trimmed[..<(trimmed.lastIndex(where: { !$0.isWhitespace }).map { trimmed.index(after: $0) } ?? trimmed.startIndex)]
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable
// (which, like this, does not run `validate()`: stored addresses were checked when saved).

extension Address: RecordCodable {
    /// Reads the address straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing or damaged.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(AddressID.self, forKey: "id")
        recipient = try reader.decode(String.self, forKey: "recipient")
        company = try reader.decodeIfPresent(String.self, forKey: "company")
        lines = try reader.decode([String].self, forKey: "lines")
        postalCode = try reader.decode(String.self, forKey: "postalCode")
        city = try reader.decode(String.self, forKey: "city")
        region = try reader.decodeIfPresent(String.self, forKey: "region")
        countryCode = try reader.decode(String.self, forKey: "countryCode")
        phone = try reader.decodeIfPresent(String.self, forKey: "phone")
    }

    /// Writes the address in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        writer.encode(recipient, forKey: "recipient")
        writer.encodeIfPresent(company, forKey: "company")
        try writer.encode(lines, forKey: "lines")
        writer.encode(postalCode, forKey: "postalCode")
        writer.encode(city, forKey: "city")
        writer.encodeIfPresent(region, forKey: "region")
        writer.encode(countryCode, forKey: "countryCode")
        writer.encodeIfPresent(phone, forKey: "phone")
    }
}
