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

    /// Creates a customer.
    public init(
        id: CustomerID, kind: CustomerKind, email: EmailAddress, emailVerifiedAt: Date? = nil,
        status: AccountStatus, statusLog: [StatusChange] = [], requirements: [String: String] = [:],
        groups: Set<CustomerGroup> = [], addresses: [Address] = [], defaultAddresses: [AddressUse: AddressID] = [:],
        createdAt: Date
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
    }

    /// True for a guest (no credentials).
    public var isGuest: Bool { kind == .guest }

    /// The default address for `use`, if one is set.
    public func defaultAddress(for use: AddressUse) -> Address? {
        guard let id = defaultAddresses[use] else { return nil }
        return addresses.first { $0.id == id }
    }
}
