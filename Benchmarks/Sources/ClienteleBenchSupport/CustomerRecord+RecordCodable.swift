import ClienteleCore

// The store's fast path: the same fields, names and order as the synthesized `Codable`
// conformance, read and written without its containers.

extension CustomerRecord: RecordCodable {
    /// Reads a record from its stored fields.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decode(String.self, forKey: "id")
        email = try reader.decode(String.self, forKey: "email")
        status = try reader.decode(String.self, forKey: "status")
        createdAt = try reader.decode(Int.self, forKey: "createdAt")
        givenName = try reader.decode(String.self, forKey: "givenName")
        familyName = try reader.decode(String.self, forKey: "familyName")
        addresses = try reader.decode([Address].self, forKey: "addresses")
        groups = try reader.decode([String].self, forKey: "groups")
        version = try reader.decode(Int.self, forKey: "version")
    }

    /// Writes the record's fields.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id, forKey: "id")
        writer.encode(email, forKey: "email")
        writer.encode(status, forKey: "status")
        writer.encode(createdAt, forKey: "createdAt")
        writer.encode(givenName, forKey: "givenName")
        writer.encode(familyName, forKey: "familyName")
        try writer.encode(addresses, forKey: "addresses")
        try writer.encode(groups, forKey: "groups")
        writer.encode(version, forKey: "version")
    }
}

extension CustomerRecord.Address: RecordCodable {
    /// Reads an address from its stored fields.
    public init(from reader: inout RecordReader) throws {
        street = try reader.decode(String.self, forKey: "street")
        city = try reader.decode(String.self, forKey: "city")
        postal = try reader.decode(String.self, forKey: "postal")
        country = try reader.decode(String.self, forKey: "country")
    }

    /// Writes the address's fields.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(street, forKey: "street")
        writer.encode(city, forKey: "city")
        writer.encode(postal, forKey: "postal")
        writer.encode(country, forKey: "country")
    }
}
