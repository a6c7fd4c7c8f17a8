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
    // MARK: Rich fixtures

    /// An instant `milliseconds` after ``ManualClock/defaultStart``, at the stored precision
    /// (``StoredInstant``): rich fixtures use instants with sub-second parts, such as
    /// `instant(123)` = 0.123 s after a whole second, so that an adapter that keeps whole
    /// seconds fails.
    public static func instant(_ milliseconds: Int64) -> Date {
        StoredInstant.date(milliseconds: StoredInstant.milliseconds(ManualClock.defaultStart) + milliseconds)
    }

    /// The display form of ``richRecord(id:email:passwordHash:)``'s address: capitals in the
    /// local part and a Unicode domain, so an adapter that lowercases or Punycode-encodes the
    /// display form fails (``EmailAddress`` `==` compares only the uniqueness key).
    public static let richEmail = "Anna.de-Vries@Bücher.Example"

    /// The display form of the new address in the rich record's `changeEmail` token.
    public static let richNewEmail = "ANNA@Café.Example"

    /// An account record with every stored field set: e-mail verified, two status changes
    /// with reasons, requirements, two groups, two addresses (one with every optional field,
    /// one with none) and both default addresses, credentials, three sessions in an order
    /// that is neither by id nor by time, and two tokens (one with `newEmail`). Every instant
    /// has a sub-second part; texts are at ``Address/maximumFieldLength``.
    ///
    /// - Parameters:
    ///   - id: The customer's id.
    ///   - email: The address, in its display form.
    ///   - passwordHash: The credentials' hash; pass `nil` for password-less credentials,
    ///     which a store must return as a `Credentials` value with a nil hash, not as nil.
    ///   - digestBase: The seed of the first digest: sessions use `digestBase + 3`, `+ 1` and
    ///     `+ 2` (in that order), tokens `+ 17` and `+ 18`; give records in one store bases at
    ///     least 32 apart.
    public static func richRecord(
        id: CustomerID = customerID(1), email: String = richEmail, passwordHash: String? = unmatchablePasswordHash,
        digestBase: UInt8 = 0xA0
    ) throws -> AccountRecord {
        let longText = String(repeating: "Ä", count: Address.maximumFieldLength)
        let full = try Address(
            id: AddressID(rawValue: "a-billing"), recipient: "Anna de Vries", company: "Bücher & Co. B.V.",
            lines: ["Keizersgracht 1", "3e etage", "t.a.v. inkoop"], postalCode: "1015 CJ", city: "Amsterdam",
            region: "Noord-Holland", countryCode: "NL", phone: "+31 20 123 4567")
        let bare = try Address(
            id: AddressID(rawValue: "a-shipping"), recipient: longText, lines: ["Postbus 9"], postalCode: "9999 ZZ",
            city: "Delfzijl", countryCode: "NL")
        let customer = Customer(
            id: id, kind: .account, email: try AccountFixtures.email(email), emailVerifiedAt: instant(1_456),
            status: .active,
            statusLog: [
                StatusChange(from: nil, to: .pending, at: instant(123), reason: "registered", actor: "fixture"),
                StatusChange(from: .pending, to: .active, at: instant(1_456), reason: nil, actor: "customer"),
            ],
            requirements: ["kvk": "12345678", "vatNumber": "NL123456789B01"], groups: [.vip, .b2b],
            addresses: [full, bare], defaultAddresses: [.billing: full.id, .shipping: bare.id], createdAt: instant(123))
        let sessions = [
            Session(id: SessionID(rawValue: "s3"), digest: try digest(digestBase &+ 3), createdAt: instant(2_001), lastUsedAt: instant(9_999)),
            Session(id: SessionID(rawValue: "s1"), digest: try digest(digestBase &+ 1), createdAt: instant(3_002), lastUsedAt: instant(3_003)),
            Session(id: SessionID(rawValue: "s2"), digest: try digest(digestBase &+ 2), createdAt: instant(1_003), lastUsedAt: instant(5_004)),
        ]
        let tokens = [
            StoredToken(
                digest: try digest(digestBase &+ 17), purpose: .changeEmail, issuedAt: instant(4_321), expiresAt: instant(3_604_321),
                newEmail: try AccountFixtures.email(richNewEmail)),
            StoredToken(digest: try digest(digestBase &+ 18), purpose: .resetPassword, issuedAt: instant(4_322), expiresAt: instant(904_322)),
        ]
        return AccountRecord(
            customer: customer, credentials: Credentials(passwordHash: passwordHash, changedAt: instant(2_789)),
            sessions: sessions, tokens: tokens)
    }

    /// Orders of `customer` as a store lists them (newest first, ties by order id
    /// descending): two placed at the identical instant, sub-second instants, every status
    /// kind (a custom one too), and the largest and smallest totals `Money` allows.
    public static func richOrders(of customer: CustomerID) -> [OrderReference] {
        let specs: [(String, Int64, Int64, OrderStatus)] = [
            ("rich-9", 86_400_999, Int64.max, .shipped),
            ("rich-b", 7_123, 1, .paid),
            ("rich-a", 7_123, 0, OrderStatus(rawValue: "returned-partially")),
            ("rich-10", 5_001, Int64.min, .placed),
        ]
        return specs.compactMap { id, offset, total, status in
            OrderID(rawValue: id).map {
                OrderReference(
                    id: $0, customer: customer, placedAt: instant(offset), total: Money(minorUnits: total, currency: .eur),
                    status: status)
            }
        }
    }

    /// A login-throttle record with sub-second instants and the largest failure count.
    public static func richThrottle(key: LoginThrottleKey) -> LoginThrottleRecord {
        LoginThrottleRecord(key: key, failures: Int.max, firstFailureAt: instant(1_001), lastFailureAt: instant(59_999))
    }

    /// The fields in which `actual` differs from `expected`, compared one by one, including
    /// what `==` does not see: the display form of every e-mail address (the customer's and
    /// each token's `newEmail`), and the order of sessions, tokens, addresses and the status
    /// log. Empty when the two are the same in every stored field.
    public static func differences(between expected: AccountRecord, and actual: AccountRecord) -> [String] {
        var fields: [String] = []
        func compare<Value: Equatable>(_ name: String, _ path: KeyPath<AccountRecord, Value>) {
            if expected[keyPath: path] != actual[keyPath: path] { fields.append(name) }
        }
        compare("customer.id", \.customer.id)
        compare("customer.kind", \.customer.kind)
        compare("customer.email", \.customer.email)
        compare("customer.email.displayForm", \.customer.email.displayForm)
        compare("customer.emailVerifiedAt", \.customer.emailVerifiedAt)
        compare("customer.status", \.customer.status)
        compare("customer.statusLog", \.customer.statusLog)
        compare("customer.requirements", \.customer.requirements)
        compare("customer.groups", \.customer.groups)
        compare("customer.addresses", \.customer.addresses)
        compare("customer.defaultAddresses", \.customer.defaultAddresses)
        compare("customer.createdAt", \.customer.createdAt)
        compare("credentials", \.credentials)
        compare("sessions", \.sessions)
        compare("tokens", \.tokens)
        compare("tokens.newEmail.displayForm", \.tokens.newEmailDisplayForms)
        compare("revision", \.revision)
        return fields
    }
}

extension [StoredToken] {
    fileprivate var newEmailDisplayForms: [String?] { map { $0.newEmail?.displayForm } }
}
