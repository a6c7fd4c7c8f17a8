import Foundation

// The segment store's stored types on the record encoding's fast path (`RecordCodable`):
// the same fields, names and order as their `Codable` conformances, so the bytes on disk
// are the same either way (the tests compare them with `Codable`'s).

extension SegmentDefinition: RecordCodable {
    /// Reads a definition as its `Decodable` conformance does, checking the name again.
    public init(from reader: inout RecordReader) throws {
        try self.init(
            name: try reader.decode(String.self, forKey: "name"),
            query: try reader.decode(String.self, forKey: "query"),
            revision: try reader.decode(Int.self, forKey: "revision"),
            updatedAt: try reader.decode(Date.self, forKey: "updatedAt"))
    }

    /// Writes the definition as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(name, forKey: "name")
        writer.encode(query, forKey: "query")
        writer.encode(revision, forKey: "revision")
        try writer.encode(updatedAt, forKey: "updatedAt")
    }
}

extension SegmentMembershipDelta: RecordCodable {
    /// Reads a delta as its `Decodable` conformance does.
    public init(from reader: inout RecordReader) throws {
        segment = try reader.decode(String.self, forKey: "segment")
        definitionRevision = try reader.decode(Int.self, forKey: "definitionRevision")
        entered = try reader.decode([CustomerID].self, forKey: "entered")
        exited = try reader.decode([CustomerID].self, forKey: "exited")
    }

    /// Writes the delta as its `Encodable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(segment, forKey: "segment")
        writer.encode(definitionRevision, forKey: "definitionRevision")
        try writer.encode(entered, forKey: "entered")
        try writer.encode(exited, forKey: "exited")
    }
}
