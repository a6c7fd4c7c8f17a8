public import Foundation

/// One entry of an account's status log: who changed what, when and why.
///
/// The log is the shop's record of approvals, rejections (with their reason), suspensions
/// and closures. Reasons are written by the shop; keep personal data out of them.
public struct StatusChange: Sendable, Codable, Hashable {
    /// The status before the change (`nil` when the account was created).
    public var from: AccountStatus?
    /// The status after the change.
    public var to: AccountStatus
    /// When it changed, from the service's clock.
    public var at: Date
    /// Why, in the shop's words (required for a rejection).
    public var reason: String?
    /// Who decided it: a staff member's identifier, or `"system"` for automatic changes.
    public var actor: String

    /// Creates a log entry.
    public init(from: AccountStatus?, to: AccountStatus, at: Date, reason: String? = nil, actor: String) {
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
        self.actor = actor
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension StatusChange: RecordCodable {
    /// Reads the change straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not a known status.
    public init(from reader: inout RecordReader) throws {
        from = try reader.decodeRawIfPresent(AccountStatus.self, forKey: "from")
        to = try reader.decodeRaw(AccountStatus.self, forKey: "to")
        at = try reader.decodeDate(forKey: "at")
        reason = try reader.decodeIfPresent(String.self, forKey: "reason")
        actor = try reader.decode(String.self, forKey: "actor")
    }

    /// Writes the change in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encodeIfPresent(from?.rawValue, forKey: "from")
        writer.encode(to.rawValue, forKey: "to")
        writer.encode(date: at, forKey: "at")
        writer.encodeIfPresent(reason, forKey: "reason")
        writer.encode(actor, forKey: "actor")
    }
}
