import Foundation

// The consent ledger's stored types on the record encoding's fast path (`RecordCodable`):
// the same fields, names and order as their synthesized `Codable` conformances, so the
// bytes on disk are the same either way (the tests compare them with `Codable`'s).

extension ConsentRecord: RecordCodable {
    /// Reads a record as its `Decodable` conformance does, without `Codable`'s containers.
    public init(from reader: inout RecordReader) throws {
        let id = try reader.decodeUUID(forKey: "id")
        let customer = try reader.decodeRaw(CustomerID.self, forKey: "customer")
        let sequence = try reader.decode(Int.self, forKey: "sequence")
        let entry = ConsentEntry(
            id: id, at: try reader.decodeDate(forKey: "at"), action: try reader.decodeRaw(ConsentAction.self, forKey: "action"),
            purpose: try reader.decodeRawIfPresent(PurposeID.self, forKey: "purpose"),
            purposeVersion: try reader.decodeIfPresent(Int.self, forKey: "purposeVersion"),
            channel: try reader.decodeRawIfPresent(ContactChannel.self, forKey: "channel"),
            source: try reader.decode(String.self, forKey: "source"), actor: try reader.decodeRaw(ConsentActor.self, forKey: "actor"),
            evidence: try reader.decode(ConsentEvidence.self, forKey: "evidence"),
            confirmBy: try reader.decodeDateIfPresent(forKey: "confirmBy"),
            confirms: try reader.decodeIfPresent(Int.self, forKey: "confirms"),
            softOptIn: try reader.decodeIfPresent(SoftOptIn.self, forKey: "softOptIn"))
        self.init(
            entry: entry, customer: customer, sequence: sequence, previousHash: try reader.decodeDigest256(forKey: "previousHash"),
            hash: try reader.decodeDigest256(forKey: "hash"))
    }

    /// Writes the record as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(uuid: entry.id, forKey: "id")
        writer.encode(customer.rawValue, forKey: "customer")
        writer.encode(sequence, forKey: "sequence")
        writer.encode(date: entry.at, forKey: "at")
        writer.encode(entry.action.rawValue, forKey: "action")
        writer.encodeIfPresent(entry.purpose?.rawValue, forKey: "purpose")
        writer.encodeIfPresent(entry.purposeVersion, forKey: "purposeVersion")
        writer.encodeIfPresent(entry.channel?.rawValue, forKey: "channel")
        writer.encode(entry.source, forKey: "source")
        writer.encode(entry.actor.rawValue, forKey: "actor")
        try writer.encode(entry.evidence, forKey: "evidence")
        writer.encodeIfPresent(date: entry.confirmBy, forKey: "confirmBy")
        writer.encodeIfPresent(entry.confirms, forKey: "confirms")
        try writer.encodeIfPresent(entry.softOptIn, forKey: "softOptIn")
        writer.encode(previousHash.hex, forKey: "previousHash")
        writer.encode(hash.hex, forKey: "hash")
    }
}

extension ConsentEvidence: RecordCodable {
    /// Reads the evidence as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        formID = try reader.decodeIfPresent(String.self, forKey: "formID")
        ipAddressDigest = try reader.decodeDigest256IfPresent(forKey: "ipAddressDigest")
        userAgentDigest = try reader.decodeDigest256IfPresent(forKey: "userAgentDigest")
    }

    /// Writes the evidence as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encodeIfPresent(formID, forKey: "formID")
        writer.encodeIfPresent(ipAddressDigest?.hex, forKey: "ipAddressDigest")
        writer.encodeIfPresent(userAgentDigest?.hex, forKey: "userAgentDigest")
    }
}

extension SoftOptIn: RecordCodable {
    /// Reads the terms as their `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        orderReference = try reader.decode(String.self, forKey: "orderReference")
        productCategories = try reader.decode([String].self, forKey: "productCategories")
        expiresAt = try reader.decodeDateIfPresent(forKey: "expiresAt")
    }

    /// Writes the terms as their `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(orderReference, forKey: "orderReference")
        try writer.encode(productCategories, forKey: "productCategories")
        writer.encodeIfPresent(date: expiresAt, forKey: "expiresAt")
    }
}

extension SendRecord: RecordCodable {
    /// Reads a send as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeUUID(forKey: "id")
        customer = try reader.decodeRaw(CustomerID.self, forKey: "customer")
        sequence = try reader.decode(Int.self, forKey: "sequence")
        at = try reader.decodeDate(forKey: "at")
        kind = try reader.decode(MessageKind.self, forKey: "kind")
        channel = try reader.decodeRaw(ContactChannel.self, forKey: "channel")
        category = try reader.decodeRaw(PurposeCategory.self, forKey: "category")
        purposeVersion = try reader.decodeIfPresent(Int.self, forKey: "purposeVersion")
        basis = try reader.decode(ContactBasis.self, forKey: "basis")
        ledgerHead = try reader.decode(LedgerHead.self, forKey: "ledgerHead")
        reference = try reader.decodeIfPresent(String.self, forKey: "reference")
    }

    /// Writes the send as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(uuid: id, forKey: "id")
        writer.encode(customer.rawValue, forKey: "customer")
        writer.encode(sequence, forKey: "sequence")
        writer.encode(date: at, forKey: "at")
        try writer.encode(kind, forKey: "kind")
        writer.encode(channel.rawValue, forKey: "channel")
        writer.encode(category.rawValue, forKey: "category")
        writer.encodeIfPresent(purposeVersion, forKey: "purposeVersion")
        try writer.encode(basis, forKey: "basis")
        try writer.encode(ledgerHead, forKey: "ledgerHead")
        writer.encodeIfPresent(reference, forKey: "reference")
    }
}

extension LedgerHead: RecordCodable {
    /// Reads the head as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        count = try reader.decode(Int.self, forKey: "count")
        hash = try reader.decodeDigest256(forKey: "hash")
    }

    /// Writes the head as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(count, forKey: "count")
        writer.encode(hash.hex, forKey: "hash")
    }
}

extension SuppressionEntry: RecordCodable {
    /// Reads the entry as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        digest = try reader.decodeDigest256(forKey: "digest")
        since = try reader.decodeDate(forKey: "since")
        reason = try reader.decodeRaw(Reason.self, forKey: "reason")
    }

    /// Writes the entry as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(digest.hex, forKey: "digest")
        writer.encode(date: since, forKey: "since")
        writer.encode(reason.rawValue, forKey: "reason")
    }
}

extension RecordReader {
    /// Reads a ``Digest256`` field as its `Decodable` does: 64 hex digits.
    mutating func decodeDigest256(forKey key: String) throws -> Digest256 {
        try Self.digest256(try decode(String.self, forKey: key), key)
    }

    /// Reads an optional ``Digest256`` field, or nil when it is missing or holds nil.
    mutating func decodeDigest256IfPresent(forKey key: String) throws -> Digest256? {
        try decodeIfPresent(String.self, forKey: key).map { try Self.digest256($0, key) }
    }

    private static func digest256(_ text: String, _ key: String) throws -> Digest256 {
        guard let digest = Digest256(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [RecordFieldName(key)], debugDescription: "Not 64 hex digits."))
        }
        return digest
    }
}
