import Foundation

// The price lists' stored types on the record encoding's fast path (`RecordCodable`): the
// same fields, names and order as their synthesized `Codable` conformances (enumerations
// as a one-field record named after the case, unlabelled values as `_0`), so the bytes on
// disk are the same either way (the tests compare them with `Codable`'s).

extension StoredPriceList: RecordCodable {
    /// Reads a stored list as its `Decodable` conformance does, without `Codable`'s containers.
    public init(from reader: inout RecordReader) throws {
        list = try reader.decode(PriceList.self, forKey: "list")
        revision = try reader.decode(Int.self, forKey: "revision")
    }

    /// Writes the stored list as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        try writer.encode(list, forKey: "list")
        writer.encode(revision, forKey: "revision")
    }
}

extension PriceList: RecordCodable {
    /// Reads a list as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(PriceListID.self, forKey: "id")
        name = try reader.decode(String.self, forKey: "name")
        currency = try reader.decodeCurrency(forKey: "currency")
        status = try reader.decodeRaw(PriceListStatus.self, forKey: "status")
        validFrom = try reader.decodeDateIfPresent(forKey: "validFrom")
        validTo = try reader.decodeDateIfPresent(forKey: "validTo")
        audience = try reader.decode(PriceAudience.self, forKey: "audience")
        priority = try reader.decode(Int.self, forKey: "priority")
        mode = try reader.decodeRaw(PriceListMode.self, forKey: "mode")
        entries = try reader.decode([PriceEntry].self, forKey: "entries")
    }

    /// Writes the list as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        writer.encode(name, forKey: "name")
        writer.encode(currency.code, forKey: "currency")
        writer.encode(status.rawValue, forKey: "status")
        writer.encodeIfPresent(date: validFrom, forKey: "validFrom")
        writer.encodeIfPresent(date: validTo, forKey: "validTo")
        try writer.encode(audience, forKey: "audience")
        writer.encode(priority, forKey: "priority")
        writer.encode(mode.rawValue, forKey: "mode")
        try writer.encode(entries, forKey: "entries")
    }
}

extension PriceEntry: RecordCodable {
    /// Reads an entry as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(PriceEntryID.self, forKey: "id")
        target = try reader.decodePriceTarget(forKey: "target")
        minimumQuantity = try reader.decode(Int.self, forKey: "minimumQuantity")
        adjustment = try reader.decodePriceAdjustment(forKey: "adjustment")
    }

    /// Writes the entry as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        switch target {
        case .product(let product): try writer.encodeCase("product", forKey: "target") { $0.encode(product.rawValue, forKey: "_0") }
        case .category(let category): try writer.encodeCase("category", forKey: "target") { $0.encode(category.rawValue, forKey: "_0") }
        case .allProducts: try writer.encodeCase("allProducts", forKey: "target")
        }
        writer.encode(minimumQuantity, forKey: "minimumQuantity")
        switch adjustment {
        case .fixedPrice(let price): try writer.encodeCase("fixedPrice", forKey: "adjustment") { try $0.encode(money: price, forKey: "_0") }
        case .percentOff(let percent): try writer.encodeCase("percentOff", forKey: "adjustment") { $0.encode(percent.rawValue, forKey: "_0") }
        case .amountOff(let amount): try writer.encodeCase("amountOff", forKey: "adjustment") { try $0.encode(money: amount, forKey: "_0") }
        }
    }
}

extension RecordReader {
    /// Reads a ``PriceTarget`` field as its synthesized `Decodable` does.
    mutating func decodePriceTarget(forKey key: String) throws -> PriceTarget {
        var (name, values) = try decodeCase(forKey: key)
        switch name {
        case "product": return .product(try values.decodeRaw(ProductID.self, forKey: "_0"))
        case "category": return .category(try values.decodeRaw(CategoryID.self, forKey: "_0"))
        case "allProducts": return .allProducts
        default: throw Self.unknownCase(name, forKey: key)
        }
    }

    /// Reads a ``PriceAdjustment`` field as its synthesized `Decodable` does.
    mutating func decodePriceAdjustment(forKey key: String) throws -> PriceAdjustment {
        var (name, values) = try decodeCase(forKey: key)
        switch name {
        case "fixedPrice": return .fixedPrice(try values.decodeMoney(forKey: "_0"))
        case "amountOff": return .amountOff(try values.decodeMoney(forKey: "_0"))
        case "percentOff":
            guard let percent = BasisPoints(rawValue: try values.decode(Int.self, forKey: "_0")) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [RecordFieldName(key), RecordFieldName(name)], debugDescription: "Basis points outside 0–10,000."))
            }
            return .percentOff(percent)
        default: throw Self.unknownCase(name, forKey: key)
        }
    }
}
