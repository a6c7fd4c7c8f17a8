import ClienteleAccounts
import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// The Accounts records' `RecordCodable` fast path writes and reads exactly the bytes of
/// their `Codable` conformances (the format), and refuses what those refuse.
@Suite struct AccountRecordCodableTests {
    static let base = Date(timeIntervalSinceReferenceDate: 815_000_000.125)

    static func digest(_ byte: UInt8) throws -> Digest256 {
        try #require(Digest256(bytes: [UInt8](repeating: byte, count: 31) + [0xA5]))
    }

    /// Every optional set, several addresses, sessions, tokens, statuses and groups.
    static func fullRecord() throws -> AccountRecord {
        let home = try Address(
            id: AddressID(rawValue: "a-1"), recipient: "Jan de Vries", company: "Vries B.V.",
            lines: ["Keizersgracht 1", "3e verdieping", "achterhuis"], postalCode: "1015 CJ", city: "Amsterdam",
            region: "Noord-Holland", countryCode: "NL", phone: "+31 20 123 4567")
        let work = try Address(
            id: AddressID(rawValue: "a-2"), recipient: "Jan", lines: ["Rue de Rivoli 2"], postalCode: "75001",
            city: "Paris", countryCode: "FR")
        let customer = Customer(
            id: try CustomerID(validating: "cust-42"), kind: .account, email: try EmailAddress(parsing: "Jan.de.Vries@Example.NL"),
            emailVerifiedAt: base.addingTimeInterval(60), status: .suspended,
            statusLog: [
                StatusChange(from: nil, to: .pending, at: base, actor: "register"),
                StatusChange(from: .pending, to: .active, at: base.addingTimeInterval(1.5), reason: "verified", actor: "shop"),
                StatusChange(from: .active, to: .suspended, at: base.addingTimeInterval(3), reason: "fraud check", actor: "admin-7"),
            ],
            requirements: ["kvk": "12345678"], groups: [.vip], addresses: [home, work],
            defaultAddresses: [.billing: home.id], createdAt: base)
        return AccountRecord(
            customer: customer,
            credentials: Credentials(passwordHash: "$pbkdf2-sha256$i=1$c2FsdA$aGFzaA", changedAt: base.addingTimeInterval(-0.5)),
            sessions: [
                Session(id: SessionID(rawValue: "s-1"), digest: try digest(1), createdAt: base, lastUsedAt: base.addingTimeInterval(10)),
                Session(id: SessionID(rawValue: "s-2"), digest: try digest(2), createdAt: base.addingTimeInterval(5), lastUsedAt: base.addingTimeInterval(99)),
            ],
            tokens: [
                StoredToken(digest: try digest(3), purpose: .verifyEmail, issuedAt: base, expiresAt: base.addingTimeInterval(86_400)),
                StoredToken(
                    digest: try digest(4), purpose: .changeEmail, issuedAt: base, expiresAt: base.addingTimeInterval(3_600),
                    newEmail: try EmailAddress(parsing: "jan@nieuw.example")),
            ],
            revision: 7)
    }

    /// A guest: no optional set, every collection empty.
    static func minimalRecord() throws -> AccountRecord {
        AccountRecord(
            customer: Customer(
                id: try CustomerID(validating: "g"), kind: .guest, email: try EmailAddress(parsing: "g@example.com"),
                status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 0)),
            revision: 1)
    }

    static func records() throws -> [AccountRecord] { [try fullRecord(), try minimalRecord()] }

    @Test(arguments: [true, false])
    func fastBytesEqualCodableBytesAndDecodeBothWays(full: Bool) throws {
        let record = full ? try Self.fullRecord() : try Self.minimalRecord()
        let codable = try RecordEncoder.encode(CodableOnly(record))
        let fast = try RecordEncoder.encode(record)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(AccountRecord.self, from: codable) == record)
        #expect(try RecordDecoder.decode(CodableOnly<AccountRecord>.self, from: fast).value == record)
    }

    @Test func orderReferencesAndThrottlesEncodeAsTheirCodable() throws {
        let order = OrderReference(
            id: try OrderID(validating: "ORD-1"), customer: try CustomerID(validating: "cust-42"), placedAt: Self.base,
            total: Money(minorUnits: -12_345, currency: .eur), status: .shipped)
        let throttle = LoginThrottleRecord(
            key: try LoginThrottleKey(validating: "k@example.nl"), failures: 3, firstFailureAt: Self.base, lastFailureAt: Self.base.addingTimeInterval(2), revision: 4)
        #expect(try RecordEncoder.encode(order) == RecordEncoder.encode(CodableOnly(order)))
        #expect(try RecordEncoder.encode(throttle) == RecordEncoder.encode(CodableOnly(throttle)))
        #expect(try RecordDecoder.decode(OrderReference.self, from: RecordEncoder.encode(CodableOnly(order))) == order)
        #expect(try RecordDecoder.decode(LoginThrottleRecord.self, from: RecordEncoder.encode(CodableOnly(throttle))) == throttle)
    }

    @Test func aWholeAccountStateEncodesAsItsCodable() throws {
        var state = AccountState()
        for var record in try Self.records() {
            record.revision = 1
            try state.apply(.insert(record))
        }
        try state.apply(
            .recordOrder(
                OrderReference(
                    id: try OrderID(validating: "o1"), customer: try CustomerID(validating: "g"), placedAt: Self.base,
                    total: Money(minorUnits: 500, currency: .usd))))
        try state.apply(
            .saveLoginThrottle(LoginThrottleRecord(key: try LoginThrottleKey(validating: "x@example.nl"), failures: 1, firstFailureAt: Self.base, lastFailureAt: Self.base, revision: 1), expectedRevision: 0))
        let fast = try RecordEncoder.encode(state)
        #expect(fast == (try RecordEncoder.encode(CodableOnly(state))))
        let decoded = try RecordDecoder.decode(AccountState.self, from: fast)
        #expect(try decoded.record(CustomerID(validating: "cust-42")) == state.record(CustomerID(validating: "cust-42")))
        #expect(decoded.customerCount == 2)
        #expect(decoded.loginThrottle(key: try LoginThrottleKey(validating: "x@example.nl"))?.failures == 1)
        #expect(try decoded.orders(of: CustomerID(validating: "g"), after: nil, limit: 5).map(\.id.rawValue) == ["o1"])
    }

    @Test func fullyPopulatedRecordsSurviveTheJournalACompactionAndAReopen() async throws {
        let folders = try FileBackedStoreTests.Folders()
        let folder = folders.next()
        var store = try await folders.open(folder)
        let full = try await store.insert(try Self.fullRecord())
        let minimal = try await store.insert(try Self.minimalRecord())
        let order = OrderReference(
            id: try OrderID(validating: "o1"), customer: minimal.customer.id, placedAt: Self.base,
            total: Money(minorUnits: 1_999, currency: .eur), status: .paid)
        try await store.recordOrder(order)
        let throttle = try await store.saveLoginThrottle(
            LoginThrottleRecord(key: try LoginThrottleKey(validating: "k@example.nl"), failures: 2, firstFailureAt: Self.base, lastFailureAt: Self.base, revision: 1),
            expectedRevision: 0)
        for compacting in [false, true] {
            if compacting { try await store.compact() }
            try await store.close()
            store = try await folders.open(folder)
            #expect(try await store.record(full.customer.id) == full)
            #expect(try await store.record(minimal.customer.id) == minimal)
            #expect(try await store.record(sessionDigest: try Self.digest(2))?.customer.id == full.customer.id)
            #expect(try await store.orders(of: minimal.customer.id, after: nil, limit: 10) == [order])
            #expect(try await store.loginThrottle(key: try LoginThrottleKey(validating: "k@example.nl")) == throttle)
        }
        await folders.cleanUp()
    }

    /// Stored values that the `Codable` conformances refuse: the fast path refuses them too.
    static let damaged: [(field: String, from: String, to: String)] = [
        ("customer id", "cust-42", "cust 42"),
        ("e-mail", "Jan.de.Vries@Example.NL", "Jan.de.Vries@Example@NL"),
        ("status", "suspended", "suspendeX"),
        ("token purpose", "verifyEmail", "verifyEmaiX"),
        ("default address use", "billing", "billinX"),
        ("digest", String(repeating: "01", count: 31) + "a5", String(repeating: "01", count: 31) + "aZ"),
    ]

    @Test(arguments: damaged.indices)
    func invalidStoredValuesAreRefusedByBothPaths(index: Int) throws {
        let (_, from, to) = Self.damaged[index]
        let bytes = try RecordEncoder.encode(try Self.fullRecord())
        let damaged = try #require(RecordBytes.replacing(Array(from.utf8), with: Array(to.utf8), in: bytes))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<AccountRecord>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(AccountRecord.self, from: damaged) }
    }

    @Test func anUnknownCurrencyIsRefusedByBothPaths() throws {
        let order = OrderReference(
            id: try OrderID(validating: "o"), customer: try CustomerID(validating: "c"), placedAt: Self.base,
            total: Money(minorUnits: 1, currency: .eur))
        let damaged = try #require(RecordBytes.replacing(Array("EUR".utf8), with: Array("EUX".utf8), in: try RecordEncoder.encode(order)))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<OrderReference>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(OrderReference.self, from: damaged) }
    }

    @Test func aMissingFieldIsKeyNotFound() throws {
        var bytes = try RecordEncoder.encode(try Self.minimalRecord())
        bytes = try #require(RecordBytes.replacing(Array("revision".utf8), with: Array("revisiox".utf8), in: bytes))
        #expect {
            try RecordDecoder.decode(AccountRecord.self, from: bytes)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "revision"
        }
    }

}
