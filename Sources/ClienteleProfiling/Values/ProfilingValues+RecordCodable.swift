import Foundation

// The profile's stored types on the record encoding's fast path (`RecordCodable`): the
// same fields, names and order as their `Codable` conformances, so the bytes on disk are
// the same either way (the tests compare them with `Codable`'s).

extension CustomerProfile: RecordCodable {
    /// Reads a profile as its `Decodable` conformance does (restoring the sort order).
    public init(from reader: inout RecordReader) throws {
        self.init(
            customer: try reader.decodeRaw(CustomerID.self, forKey: "customer"),
            entries: try reader.decode([ProfileEntry].self, forKey: "entries"),
            history: try reader.decode([ProfileChange].self, forKey: "history"),
            declines: try reader.decode([FieldDecline].self, forKey: "declines"),
            prompts: try reader.decode([Date].self, forKey: "prompts"),
            revision: try reader.decode(Int.self, forKey: "revision"))
    }

    /// Writes the profile as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(customer.rawValue, forKey: "customer")
        try writer.encode(entries, forKey: "entries")
        try writer.encode(history, forKey: "history")
        try writer.encode(declines, forKey: "declines")
        try writer.encode(prompts, forKey: "prompts")
        writer.encode(revision, forKey: "revision")
    }
}

extension ProfileEntry: RecordCodable {
    /// Reads an entry as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        field = try reader.decodeRaw(FieldKey.self, forKey: "field")
        value = try reader.decode(ProfileValue.self, forKey: "value")
        provenance = try reader.decode(Provenance.self, forKey: "provenance")
    }

    /// Writes the entry as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(field.rawValue, forKey: "field")
        try writer.encode(value, forKey: "value")
        try writer.encode(provenance, forKey: "provenance")
    }
}

extension ProfileChange: RecordCodable {
    /// Reads a history entry as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        field = try reader.decodeRaw(FieldKey.self, forKey: "field")
        oldValue = try reader.decodeIfPresent(ProfileValue.self, forKey: "oldValue")
        newValue = try reader.decodeIfPresent(ProfileValue.self, forKey: "newValue")
        provenance = try reader.decode(Provenance.self, forKey: "provenance")
    }

    /// Writes the history entry as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(field.rawValue, forKey: "field")
        try writer.encodeIfPresent(oldValue, forKey: "oldValue")
        try writer.encodeIfPresent(newValue, forKey: "newValue")
        try writer.encode(provenance, forKey: "provenance")
    }
}

extension FieldDecline: RecordCodable {
    /// Reads a decline as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        field = try reader.decodeRaw(FieldKey.self, forKey: "field")
        at = try reader.decodeDate(forKey: "at")
    }

    /// Writes the decline as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(field.rawValue, forKey: "field")
        writer.encode(date: at, forKey: "at")
    }
}

extension Provenance: RecordCodable {
    /// Reads a provenance as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        source = try reader.decodeRaw(Source.self, forKey: "source")
        collectionPoint = try reader.decode(String.self, forKey: "collectionPoint")
        at = try reader.decodeDate(forKey: "at")
        verified = try reader.decode(Bool.self, forKey: "verified")
    }

    /// Writes the provenance as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(source.rawValue, forKey: "source")
        writer.encode(collectionPoint, forKey: "collectionPoint")
        writer.encode(date: at, forKey: "at")
        writer.encode(verified, forKey: "verified")
    }
}

extension ProfileValue: RecordCodable {
    /// Reads a value as its synthesized `Decodable` does: one field named after the case,
    /// holding a record with the associated value as `_0`.
    public init(from reader: inout RecordReader) throws {
        let names = try reader.keys()
        guard names.count == 1, let name = names.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Invalid number of keys found, expected one."))
        }
        var values = try reader.nestedReader(forKey: name)
        switch name {
        case "text": self = .text(try values.decode(String.self, forKey: "_0"))
        case "number": self = .number(try values.decode(Double.self, forKey: "_0"))
        case "boolean": self = .boolean(try values.decode(Bool.self, forKey: "_0"))
        case "date": self = .date(try values.decode(CalendarDate.self, forKey: "_0"))
        case "choice": self = .choice(try values.decode(String.self, forKey: "_0"))
        case "choices": self = .choices(try values.decode([String].self, forKey: "_0"))
        case "address": self = .address(try values.decode(PostalAddress.self, forKey: "_0"))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [RecordFieldName(name)], debugDescription: "Unknown case."))
        }
    }

    /// Writes the value as its synthesized `Encodable` does.
    public func encode(to writer: inout RecordWriter) throws {
        try writer.encodeNested(forKey: kind) { values in
            switch self {
            case .text(let text), .choice(let text): values.encode(text, forKey: "_0")
            case .number(let number): values.encode(number, forKey: "_0")
            case .boolean(let flag): values.encode(flag, forKey: "_0")
            case .date(let date): try values.encode(date, forKey: "_0")
            case .choices(let choices): try values.encode(choices, forKey: "_0")
            case .address(let address): try values.encode(address, forKey: "_0")
            }
        }
    }
}

extension CalendarDate: RecordCodable {
    /// Reads a date as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        year = try reader.decode(Int.self, forKey: "year")
        month = try reader.decode(Int.self, forKey: "month")
        day = try reader.decode(Int.self, forKey: "day")
    }

    /// Writes the date as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(year, forKey: "year")
        writer.encode(month, forKey: "month")
        writer.encode(day, forKey: "day")
    }
}

extension PostalAddress: RecordCodable {
    /// Reads an address as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        line1 = try reader.decode(String.self, forKey: "line1")
        line2 = try reader.decodeIfPresent(String.self, forKey: "line2")
        postalCode = try reader.decode(String.self, forKey: "postalCode")
        city = try reader.decode(String.self, forKey: "city")
        region = try reader.decodeIfPresent(String.self, forKey: "region")
        country = try reader.decode(String.self, forKey: "country")
    }

    /// Writes the address as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(line1, forKey: "line1")
        writer.encodeIfPresent(line2, forKey: "line2")
        writer.encode(postalCode, forKey: "postalCode")
        writer.encode(city, forKey: "city")
        writer.encodeIfPresent(region, forKey: "region")
        writer.encode(country, forKey: "country")
    }
}
