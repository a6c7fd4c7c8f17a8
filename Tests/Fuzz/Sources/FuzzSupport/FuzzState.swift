import ClienteleCore
import Foundation

/// A small ``JournaledState`` for the storage fuzzers, shaped to reach every part of the
/// record decoder: keyed and unkeyed containers, an enum with associated values, a
/// dictionary with non-string keys, optionals, integers of several widths, `Double`,
/// `Float`, `Bool`, strings, bytes, library values that validate themselves on decoding
/// (`CustomerID`, `EmailAddress`, `Money`), and a ``RecordCodable`` type (the fast path).
public struct FuzzState: JournaledState, Equatable {
    /// Customers by id (a dictionary with non-string keys: encoded as a flat array).
    public var customers: [CustomerID: FuzzCustomer] = [:]
    /// Notes in the order added.
    public var notes: [FuzzNote] = []
    /// Named counters (a dictionary with string keys: encoded as a keyed container).
    public var counters: [String: Int64] = [:]

    /// The empty state.
    public init() {}

    /// One change of the state.
    public enum Change: Codable, Sendable, Equatable {
        /// Adds or replaces a customer.
        case upsert(FuzzCustomer)
        /// Removes a customer; refused for an unknown id.
        case remove(CustomerID)
        /// Appends a note; refused past 1,000 notes.
        case note(FuzzNote)
        /// Adds `by` to counter `key`; refused on overflow.
        case count(key: String, by: Int64)
        /// Never applies.
        case refuse
    }

    /// Why a change does not apply.
    public struct Refused: Error {}

    /// Applies `change` or throws ``Refused`` and changes nothing.
    public mutating func apply(_ change: Change) throws {
        switch change {
        case .upsert(let customer):
            customers[customer.id] = customer
        case .remove(let id):
            guard customers.removeValue(forKey: id) != nil else { throw Refused() }
        case .note(let note):
            guard notes.count < 1_000 else { throw Refused() }
            notes.append(note)
        case .count(let key, let amount):
            let (sum, overflow) = counters[key, default: 0].addingReportingOverflow(amount)
            guard !overflow else { throw Refused() }
            counters[key] = sum
        case .refuse:
            throw Refused()
        }
    }
}

/// A customer record that reads and writes itself through ``RecordReader`` and
/// ``RecordWriter`` (the fast path), with the same fields as its `Codable` conformance.
public struct FuzzCustomer: Codable, Sendable, Equatable, RecordCodable {
    /// Validated again on decoding.
    public var id: CustomerID
    /// Parsed again on decoding; optional.
    public var email: EmailAddress?
    /// An amount with its currency (a nested keyed value).
    public var balance: Money
    /// Any `Double`, NaN included.
    public var score: Double
    /// A flag.
    public var active: Bool
    /// Unsigned integers (varints).
    public var visits: [UInt32]
    /// Strings (any Unicode).
    public var tags: [String]
    /// Bytes; optional.
    public var avatar: Data?

    /// Creates a customer.
    public init(
        id: CustomerID, email: EmailAddress?, balance: Money, score: Double, active: Bool, visits: [UInt32],
        tags: [String], avatar: Data?
    ) {
        self.id = id
        self.email = email
        self.balance = balance
        self.score = score
        self.active = active
        self.visits = visits
        self.tags = tags
        self.avatar = avatar
    }

    /// Reads the fields by name.
    public init(from reader: inout RecordReader) throws {
        id = try reader.decode(CustomerID.self, forKey: "id")
        email = try reader.decodeIfPresent(EmailAddress.self, forKey: "email")
        balance = try reader.decode(Money.self, forKey: "balance")
        score = try reader.decode(Double.self, forKey: "score")
        active = try reader.decode(Bool.self, forKey: "active")
        visits = try reader.decode([UInt32].self, forKey: "visits")
        tags = try reader.decode([String].self, forKey: "tags")
        avatar = try reader.decodeIfPresent(Data.self, forKey: "avatar")
    }

    /// Writes the fields as the `Codable` conformance does.
    public func encode(to writer: inout RecordWriter) throws {
        try writer.encode(id, forKey: "id")
        try writer.encodeIfPresent(email, forKey: "email")
        try writer.encode(balance, forKey: "balance")
        writer.encode(score, forKey: "score")
        writer.encode(active, forKey: "active")
        try writer.encode(visits, forKey: "visits")
        try writer.encode(tags, forKey: "tags")
        try writer.encodeIfPresent(avatar, forKey: "avatar")
    }

    /// Equal field by field; `score` by its bits, so a decoded NaN equals itself.
    public static func == (lhs: FuzzCustomer, rhs: FuzzCustomer) -> Bool {
        lhs.id == rhs.id && lhs.email?.displayForm == rhs.email?.displayForm && lhs.balance == rhs.balance
            && lhs.score.bitPattern == rhs.score.bitPattern && lhs.active == rhs.active && lhs.visits == rhs.visits
            && lhs.tags == rhs.tags && lhs.avatar == rhs.avatar
    }
}

/// A note, through the plain `Codable` path.
public struct FuzzNote: Codable, Sendable, Equatable {
    /// What kind of contact the note is about (a string-backed enum).
    public enum Kind: String, Codable, Sendable {
        /// One of three kinds.
        case call, mail, visit
    }

    /// A string-backed enum value.
    public var kind: Kind
    /// Any text.
    public var text: String
    /// A signed integer (zig-zag varint).
    public var at: Int64
    /// A dictionary with string keys.
    public var ratings: [String: Int8]
    /// Any `Float`, NaN included; optional.
    public var weight: Float?
    /// Booleans.
    public var flags: [Bool]
    /// A narrow unsigned integer (decoding checks its range).
    public var small: UInt16

    /// Creates a note.
    public init(kind: Kind, text: String, at: Int64, ratings: [String: Int8], weight: Float?, flags: [Bool], small: UInt16) {
        self.kind = kind
        self.text = text
        self.at = at
        self.ratings = ratings
        self.weight = weight
        self.flags = flags
        self.small = small
    }

    /// Equal field by field; `weight` by its bits, so a decoded NaN equals itself.
    public static func == (lhs: FuzzNote, rhs: FuzzNote) -> Bool {
        lhs.kind == rhs.kind && lhs.text == rhs.text && lhs.at == rhs.at && lhs.ratings == rhs.ratings
            && lhs.weight?.bitPattern == rhs.weight?.bitPattern && lhs.flags == rhs.flags && lhs.small == rhs.small
    }
}
