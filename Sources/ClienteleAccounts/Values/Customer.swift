public import Foundation

/// A customer of the shop: a guest (no credentials) or an account.
public struct Customer: Sendable, Codable, Hashable {
    /// The customer's identifier.
    public var id: CustomerID
    /// Guest or account.
    public var kind: CustomerKind
    /// The e-mail address; for an account also its login name.
    public var email: EmailAddress
    /// When the customer proved to receive mail at ``email``; `nil` until then.
    public var emailVerifiedAt: Date?
    /// Where the account stands. Guests are ``AccountStatus/active`` (they can check out).
    public var status: AccountStatus
    /// Every status change, oldest first, with reasons.
    public var statusLog: [StatusChange]
    /// The shop's requirements as validated at registration (`kvk`, `vat`), normalized.
    public var requirements: [String: String]
    /// The groups the shop put the customer in.
    public var groups: Set<CustomerGroup>
    /// Postal addresses.
    public var addresses: [Address]
    /// The default address per use (billing, shipping).
    public var defaultAddresses: [AddressUse: AddressID]
    /// When the customer was created.
    public var createdAt: Date
    /// The order totals, last visit and country an import brought from an earlier shop
    /// system (`CustomerHub.importCustomers`); `nil` for a customer the shop made itself.
    public var importedHistory: ImportedHistory?

    /// Creates a customer.
    public init(
        id: CustomerID, kind: CustomerKind, email: EmailAddress, emailVerifiedAt: Date? = nil,
        status: AccountStatus, statusLog: [StatusChange] = [], requirements: [String: String] = [:],
        groups: Set<CustomerGroup> = [], addresses: [Address] = [], defaultAddresses: [AddressUse: AddressID] = [:],
        createdAt: Date, importedHistory: ImportedHistory? = nil
    ) {
        self.id = id
        self.kind = kind
        self.email = email
        self.emailVerifiedAt = emailVerifiedAt
        self.status = status
        self.statusLog = statusLog
        self.requirements = requirements
        self.groups = groups
        self.addresses = addresses
        self.defaultAddresses = defaultAddresses
        self.createdAt = createdAt
        self.importedHistory = importedHistory
    }

    /// True for a guest (no credentials).
    public var isGuest: Bool { kind == .guest }

    /// The default address for `use`, if one is set.
    public func defaultAddress(for use: AddressUse) -> Address? {
        guard let id = defaultAddresses[use] else { return nil }
        return addresses.first { $0.id == id }
    }
}

// MARK: RecordCodable: the same fields, names and order as the synthesized Codable.

extension Customer: RecordCodable {
    /// Reads the customer straight from the store's record encoding (see ``RecordDecodable``).
    ///
    /// - Throws: `DecodingError` when a field is missing, damaged or not valid (an ID, group,
    ///   status or e-mail address that its `Decodable` conformance refuses).
    public init(from reader: inout RecordReader) throws {
        id = try reader.decodeRaw(CustomerID.self, forKey: "id")
        kind = try reader.decodeRaw(CustomerKind.self, forKey: "kind")
        email = try reader.decodeEmail(forKey: "email")
        emailVerifiedAt = try reader.decodeDateIfPresent(forKey: "emailVerifiedAt")
        status = try reader.decodeRaw(AccountStatus.self, forKey: "status")
        statusLog = try reader.decode([StatusChange].self, forKey: "statusLog")
        requirements = try reader.decodeStringDictionary(forKey: "requirements", key: { $0 }, value: { $0 })
        var groups = Set<CustomerGroup>()
        for name in try reader.decode([String].self, forKey: "groups") {
            guard let group = CustomerGroup(rawValue: name) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [RecordFieldName("groups")], debugDescription: "Cannot initialize CustomerGroup from the stored string."))
            }
            groups.insert(group)
        }
        self.groups = groups
        addresses = try reader.decode([Address].self, forKey: "addresses")
        defaultAddresses = try reader.decodeStringDictionary(
            forKey: "defaultAddresses", key: AddressUse.init(rawValue:), value: AddressID.init(rawValue:))
        createdAt = try reader.decodeDate(forKey: "createdAt")
        importedHistory = try reader.decodeIfPresent(ImportedHistory.self, forKey: "importedHistory")
    }

    /// Writes the customer in the store's record encoding: the bytes `Codable` writes.
    public func encode(to writer: inout RecordWriter) throws {
        writer.encode(id.rawValue, forKey: "id")
        writer.encode(kind.rawValue, forKey: "kind")
        writer.encode(email.displayForm, forKey: "email")
        writer.encodeIfPresent(date: emailVerifiedAt, forKey: "emailVerifiedAt")
        writer.encode(status.rawValue, forKey: "status")
        try writer.encode(statusLog, forKey: "statusLog")
        try writer.encode(requirements, forKey: "requirements")
        // A set encodes its elements in iteration order; the same order, as strings.
        try writer.encode(groups.map(\.rawValue), forKey: "groups")
        try writer.encode(addresses, forKey: "addresses")
        try writer.encode(defaultAddresses, forKey: "defaultAddresses")
        writer.encode(date: createdAt, forKey: "createdAt")
        try writer.encodeIfPresent(importedHistory, forKey: "importedHistory")
    }
}
