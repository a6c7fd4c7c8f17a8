import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

/// Keys, salts, tokens and raw request data never show in `"\(value)"`,
/// `String(describing:)`, `String(reflecting:)` or `dump`.
@Suite struct RedactionTests {
    static let secretBytes = Array("a signing key secret, 32+ bytes!".utf8)
    static let saltBytes = Array("salt of sixteen+ bytes".utf8)

    /// The integers in `text`, in order (how `dump` prints a byte array).
    static func integers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    /// True when some textual form of `value` lists `bytes` in order, as text or as numbers.
    static func shows<T>(_ value: T, bytes: [UInt8]) -> Bool {
        let run = bytes.map(Int.init)
        return RedactionCheck.forms(of: value).contains { form in
            let numbers = integers(in: form.text)
            guard numbers.count >= run.count else { return false }
            return (0...(numbers.count - run.count)).contains { Array(numbers[$0..<($0 + run.count)]) == run }
        }
    }

    @Test func theByteCheckFindsBytesThatAreNotRedacted() {
        struct Plain { var secret = RedactionTests.secretBytes }
        #expect(Self.shows(Plain(), bytes: Self.secretBytes))
    }

    @Test func aTokenKeyAndItsRingShowTheIdentifierButNotTheSecret() throws {
        let key = try TokenKey(id: "k1", secret: Self.secretBytes)
        #expect(!Self.shows(key, bytes: Self.secretBytes))
        let ring = try TokenKeyRing(signingKey: key, verificationKeys: [try TokenKey(id: "k0", secret: Self.secretBytes.reversed())])
        #expect(!Self.shows(ring, bytes: Self.secretBytes))
        #expect(!Self.shows(ring, bytes: Self.secretBytes.reversed()))
        #expect(String(reflecting: ring).contains("k0"))
    }

    @Test func aConfigurationShowsNeitherItsSaltNorItsKeys() throws {
        let configuration = try ConsentConfiguration(
            tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "k1", secret: Self.secretBytes)), digestSalt: Self.saltBytes,
            controller: Fixture.controller)
        #expect(!Self.shows(configuration, bytes: Self.saltBytes))
        #expect(!Self.shows(configuration, bytes: Self.secretBytes))
    }

    @Test func aCollectionContextShowsNoIPAddressOrUserAgent() {
        let secrets = [Fixture.form.ipAddress ?? "?", Fixture.form.userAgent ?? "?"]
        #expect(RedactionCheck.leaks(of: Fixture.form, secrets: secrets).isEmpty)
        #expect("\(Fixture.form)".contains("footer-v2"))
    }

    @Test func givenConsentShowsNoConfirmationToken() async throws {
        let h = try Harness()
        let given = try await h.service.give("newsletter", channel: .email, for: Fixture.alice, context: Fixture.form)
        let token = try requireToken(given.confirmationToken)
        #expect(RedactionCheck.leaks(of: given, secrets: [token]).isEmpty)
        #expect(RedactionCheck.leaks(of: [given], secrets: [token]).isEmpty)
    }
}
