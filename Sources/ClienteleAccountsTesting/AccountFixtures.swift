public import ClienteleAccounts
public import ClienteleTestKitCore
public import Foundation

/// Builders for account records and orders, for store conformance checks and host tests.
///
/// Fixtures never hash passwords: their credentials hold a fixed, well-formed PHC string
/// that no password matches, so building thousands of them is cheap.
public enum AccountFixtures {
    /// A PHC string that parses but matches no password (all-zero salt and hash).
    public static let unmatchablePasswordHash = "$pbkdf2-sha256$i=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

    /// A customer identifier `c<number>` (`c1`, `c2`, …).
    public static func customerID(_ number: Int) -> CustomerID {
        CustomerID(rawValue: "c\(number)") ?? CustomerID(using: .incrementing(from: UInt64(max(number, 0))))
    }

    /// A parsed e-mail address; `text` must be valid (fixtures are written by hand).
    public static func email(_ text: String) throws -> EmailAddress {
        try EmailAddress(parsing: text)
    }

    /// A record of an account (or a guest) with no sessions or tokens.
    public static func record(
        id: CustomerID, email: String, kind: CustomerKind = .account, status: AccountStatus = .active,
        groups: Set<CustomerGroup> = [], at instant: Date = ManualClock.defaultStart
    ) throws -> AccountRecord {
        AccountRecord(
            customer: Customer(
                id: id, kind: kind, email: try AccountFixtures.email(email), status: status,
                statusLog: [StatusChange(from: nil, to: status, at: instant, actor: "fixture")], groups: groups,
                createdAt: instant),
            credentials: kind == .account ? Credentials(passwordHash: unmatchablePasswordHash, changedAt: instant) : nil)
    }

    /// A business customer: an active account in the `b2b` group with a KvK number.
    public static func b2bRecord(id: CustomerID, email: String, kvk: String = "12345678") throws -> AccountRecord {
        var record = try record(id: id, email: email, groups: [.b2b])
        record.customer.requirements = ["kvk": kvk]
        return record
    }

    /// `count` orders of a customer, one a day going back from `newest`, each `total`
    /// minor units of euro, ids `<prefix>-1` (oldest) … `<prefix>-<count>` (newest).
    public static func orders(
        of customer: CustomerID, count: Int, newest: Date = ManualClock.defaultStart, total: Int64 = 2_500,
        prefix: String = "order"
    ) -> [OrderReference] {
        (0..<max(count, 0)).compactMap { index in
            guard let id = OrderID(rawValue: "\(prefix)-\(count - index)") else { return nil }
            return OrderReference(
                id: id, customer: customer, placedAt: newest.addingTimeInterval(-86_400 * Double(index)),
                total: Money(minorUnits: total, currency: .eur))
        }
    }

    /// A session with a digest derived from `seed` (not a real token), created at `instant`.
    public static func session(_ seed: UInt8, at instant: Date = ManualClock.defaultStart) throws -> Session {
        Session(
            id: SessionID(rawValue: "s\(seed)"), digest: try digest(seed), createdAt: instant, lastUsedAt: instant)
    }

    /// A 32-byte digest filled with `seed`.
    public static func digest(_ seed: UInt8) throws -> Digest256 {
        guard let digest = Digest256(bytes: [UInt8](repeating: seed, count: 32)) else {
            throw AccountError(.invalidToken, "A fixture digest needs 32 bytes.")
        }
        return digest
    }
}
