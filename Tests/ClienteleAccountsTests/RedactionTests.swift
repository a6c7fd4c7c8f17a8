import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

/// Secrets and personal data never show in `"\(value)"`, `String(describing:)`,
/// `String(reflecting:)` or `dump`, for the values that hold them and for the containers
/// that hold those values. Codable and equality still see every field.
@Suite struct RedactionTests {
    static let email = "jan.jansen@example.nl"
    static let personal = [email, "jan.jansen", "Jan Jansen", "Bakkerij Jansen", "Kerkstraat 12", "3512 AB", "Utrecht", "+31612345678", "NL123456789B01"]
    static let token = "dGhpcyBpcyBhIHNlY3JldCB0b2tlbiBvZiA0MyBjaGFy"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func address() throws -> Address {
        try Address(
            id: AddressID(rawValue: "home"), recipient: "Jan Jansen", company: "Bakkerij Jansen", lines: ["Kerkstraat 12"],
            postalCode: "3512 AB", city: "Utrecht", region: "Utrecht", countryCode: "NL", phone: "+31612345678")
    }

    static func customer() throws -> Customer {
        Customer(
            id: AccountFixtures.customerID(7), kind: .account, email: try EmailAddress(parsing: email), status: .active,
            requirements: ["vat": "NL123456789B01"], addresses: [try address()], defaultAddresses: [.billing: AddressID(rawValue: "home")],
            createdAt: now)
    }

    static func storedHash() throws -> (hash: String, parts: [String]) {
        let hash = try PBKDF2PasswordHasher(iterations: 1).hash(Password("correct horse battery staple"))
        return (hash, hash.split(separator: "$").suffix(2).map(String.init))
    }

    static func session() throws -> Session {
        Session(id: SessionID(rawValue: "s1"), digest: try #require(Digest256(bytes: Array(repeating: 1, count: 32))), createdAt: now, lastUsedAt: now)
    }

    @Test func theCheckFindsASecretInAValueThatDoesNotRedact() {
        struct Plain { var secret = "hunter2-plain" }
        let leaks = RedactionCheck.leaks(of: Plain(), secrets: ["hunter2-plain"])
        #expect(Set(leaks.map(\.form)) == ["interpolation", "describing", "reflecting", "dump"])
    }

    @Test func aPasswordShowsNowhere() {
        let secret = "correct horse battery staple"
        #expect(RedactionCheck.leaks(of: Password(secret), secrets: [secret, "correct"]).isEmpty)
        let hostile = String(repeating: "a\u{301}", count: 5_000)
        #expect(RedactionCheck.leaks(of: Password(hostile), secrets: ["a\u{301}a\u{301}"]).isEmpty)
    }

    @Test func aOneTimeTokenShowsItsPurposeButNotItsValue() {
        let value = OneTimeToken(value: Self.token, purpose: .resetPassword, customer: AccountFixtures.customerID(7), expiresAt: Self.now)
        #expect(RedactionCheck.leaks(of: value, secrets: [Self.token]).isEmpty)
        var dumped = ""
        dump(value, to: &dumped)
        #expect(dumped.contains("resetPassword"))
    }

    @Test func aLoginSessionShowsNeitherItsTokenNorItsCustomersData() throws {
        let value = LoginSession(token: Self.token, session: try Self.session(), customer: try Self.customer(), absoluteExpiry: Self.now)
        #expect(RedactionCheck.leaks(of: value, secrets: [Self.token] + Self.personal).isEmpty, "\(RedactionCheck.leaks(of: value, secrets: [Self.token] + Self.personal))")
        #expect(RedactionCheck.leaks(of: ActiveSession(session: value.session, customer: value.customer), secrets: Self.personal).isEmpty)
    }

    @Test func credentialsAndAPHCStringShowNoPasswordHash() throws {
        let (hash, parts) = try Self.storedHash()
        let credentials = Credentials(passwordHash: hash, changedAt: Self.now)
        #expect(RedactionCheck.leaks(of: credentials, secrets: [hash] + parts).isEmpty)
        let phc = try PHCString(parsing: hash)
        #expect(RedactionCheck.leaks(of: phc, secrets: [hash] + parts).isEmpty)
        #expect(phc.description == "$pbkdf2-sha256$i=1$<16-byte salt>$<32-byte hash>")
        #expect(phc.encoded == hash)
    }

    @Test func anAddressShowsOnlyItsIdentifierAndCountry() throws {
        let address = try Self.address()
        #expect(RedactionCheck.leaks(of: address, secrets: Self.personal).isEmpty)
        #expect("\(address)" == "Address(home, country: NL)")
    }

    @Test func aCustomerShowsNoAddressEmailOrRequirementValue() throws {
        let customer = try Self.customer()
        #expect(RedactionCheck.leaks(of: customer, secrets: Self.personal).isEmpty)
        var dumped = ""
        dump(customer, to: &dumped)
        #expect(dumped.contains("vat: <redacted>"))
        #expect(dumped.contains("j***@example.nl"))
    }

    @Test func aLoginThrottleRecordHidesTheLoginName() throws {
        let key = try LoginThrottleKey(validating: Self.email)
        let record = LoginThrottleRecord(key: key, failures: 3, firstFailureAt: Self.now, lastFailureAt: Self.now)
        #expect(RedactionCheck.leaks(of: record, secrets: [Self.email, "jan.jansen"]).isEmpty)
        #expect(RedactionCheck.leaks(of: key, secrets: [Self.email, "jan.jansen"]).isEmpty)
    }

    @Test func containersOfRedactingValuesShowNoSecretEither() throws {
        let (hash, parts) = try Self.storedHash()
        let stored = StoredToken(
            digest: try #require(Digest256(bytes: Array(repeating: 2, count: 32))), purpose: .changeEmail, issuedAt: Self.now,
            expiresAt: Self.now, newEmail: try EmailAddress(parsing: "nieuw.adres@example.nl"))
        let record = AccountRecord(
            customer: try Self.customer(), credentials: Credentials(passwordHash: hash, changedAt: Self.now),
            sessions: [try Self.session()], tokens: [stored], revision: 4)
        let secrets = Self.personal + [hash] + parts + ["nieuw.adres"]
        #expect(RedactionCheck.leaks(of: record, secrets: secrets).isEmpty, "\(RedactionCheck.leaks(of: record, secrets: secrets))")
        let registration = Registration(
            customer: try Self.customer(),
            verificationToken: OneTimeToken(value: Self.token, purpose: .verifyEmail, customer: AccountFixtures.customerID(7), expiresAt: Self.now))
        #expect(RedactionCheck.leaks(of: registration, secrets: Self.personal + [Self.token]).isEmpty)
        #expect(RedactionCheck.leaks(of: [record], secrets: secrets).isEmpty)
        #expect(RedactionCheck.leaks(of: Optional(registration), secrets: Self.personal + [Self.token]).isEmpty)
    }

    @Test func codableAndEqualityStillSeeEveryField() throws {
        let (hash, _) = try Self.storedHash()
        let record = AccountRecord(customer: try Self.customer(), credentials: Credentials(passwordHash: hash, changedAt: Self.now))
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        for value in ["Jan Jansen", "Kerkstraat 12", "+31612345678", "NL123456789B01", Self.email] {
            #expect(json.contains(value))
        }
        #expect(try JSONDecoder().decode(AccountRecord.self, from: Data(json.utf8)) == record)
        var other = record
        other.customer.addresses[0].phone = "+31600000000"
        #expect(other != record)
    }
}
