import ClienteleCore
import Foundation
import PostgresNIO

/// How values cross into columns: JSON documents for the nested values the database never
/// filters on, exact millisecond instants, digests as bytes.
enum StoredColumns {
    /// The JSON text of a value, bound as text and cast to `jsonb` in SQL.
    static func json(_ value: some Encodable, item: String) throws -> String {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw CoreError(
                .storeEncodingFailed, "A value could not be encoded as JSON for PostgreSQL.",
                context: ErrorContext(item: item), underlying: error)
        }
    }

    /// The value a `jsonb` column's text holds.
    static func decode<Value: Decodable>(_ type: Value.Type, json: String, item: String?) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch {
            throw corrupted("A stored JSON document could not be read back.", item: item, underlying: error)
        }
    }

    /// The bytes of a digest, for a `bytea` column.
    static func bytes(_ digest: Digest256) -> ByteBuffer { ByteBuffer(bytes: digest.bytes) }

    /// The digest in a `bytea` column.
    static func digest(_ bytes: ByteBuffer, item: String?) throws -> Digest256 {
        guard let digest = Digest256(bytes: bytes.readableBytesView) else {
            throw corrupted("A stored digest is not 32 bytes long.", item: item)
        }
        return digest
    }

    /// The milliseconds since the epoch a `Date` is stored as (see `StoredInstant`).
    static func milliseconds(_ date: Date) -> Int64 { StoredInstant.milliseconds(date) }

    /// The smallest whole millisecond at or after `date`: a query bound for `at < date` or
    /// `at >= date` that keeps its meaning for a date between two milliseconds.
    static func millisecondsRoundedUp(_ date: Date) -> Int64 {
        let milliseconds = StoredInstant.milliseconds(date)
        return StoredInstant.date(milliseconds: milliseconds) < date && milliseconds < StoredInstant.limit
            ? milliseconds + 1 : milliseconds
    }

    /// A `Date` from stored milliseconds, bit for bit the one written.
    static func date(_ milliseconds: Int64) -> Date { StoredInstant.date(milliseconds: milliseconds) }

    /// A customer ID read from a column.
    static func customerID(_ text: String) throws -> CustomerID {
        guard let id = CustomerID(rawValue: text) else {
            throw corrupted("A stored customer ID is not a valid customer ID.", item: nil)
        }
        return id
    }

    /// `core.storeCorrupted` for a row that cannot be turned back into a value.
    static func corrupted(_ message: String, item: String?, underlying: (any Error & Sendable)? = nil) -> CoreError {
        CoreError(.storeCorrupted, message, context: ErrorContext(item: item), underlying: underlying)
    }
}
