import ClienteleAccounts
import ClienteleTestKit
import Foundation
import Testing

/// Hostile input must stay cheap. Work is counted with ``WorkMeter`` (bytes normalized,
/// PBKDF2 block iterations), never timed.
@Suite struct HostileInputTests {
    /// Half a million decomposed accents: 1.5 MB that NFKC would spend seconds on.
    static let accents = String(repeating: "a\u{301}", count: 500_000)

    static func phc(iterations: Int, saltLength: Int = 16, outputLength: Int = 32) -> String {
        PHCString(
            algorithm: "pbkdf2-sha256", parameters: [("i", String(iterations))],
            salt: Array(repeating: 7, count: saltLength), hash: Array(repeating: 9, count: outputLength)
        ).encoded
    }

    @Test func inputOverTheLimitIsNeitherNormalizedNorAcceptedByThePolicy() throws {
        let meter = WorkMeter()
        let password = WorkMeter.$current.withValue(meter) { Password(Self.accents) }
        #expect(password.exceedsInputLimit)
        #expect(meter.normalizedBytes == 0)
        let error = #expect(throws: AccountError.self) { try PasswordPolicy().check(password) }
        #expect(error?.code == .passwordTooLong)
        #expect(password.length > PasswordPolicy.defaultMaximumLength)
    }

    @Test func theLimitIsInRawUTF8BytesBeforeNormalizing() {
        let meter = WorkMeter()
        let (atLimit, overLimit) = WorkMeter.$current.withValue(meter) {
            (Password(String(repeating: "x", count: Password.maximumInputByteCount)),
             Password(String(repeating: "x", count: Password.maximumInputByteCount + 1)))
        }
        #expect(!atLimit.exceedsInputLimit)
        #expect(overLimit.exceedsInputLimit)
        #expect(meter.normalizedBytes == Password.maximumInputByteCount)
        // 1,366 decomposed accents (4,098 bytes) would normalize to 1,366 scalars, yet are refused unread.
        #expect(Password(String(repeating: "a\u{301}", count: 1_366)).exceedsInputLimit)
    }

    @Test func everyInputOfAtMostTheHighestCapInScalarsFitsTheByteLimit() throws {
        #expect(Password.maximumInputByteCount == 4 * PasswordPolicy.defaultMaximumLength)
        // 1,024 four-byte scalars: exactly at the limit, normalized, and long enough for the policy.
        let widest = Password(String(repeating: "\u{1F600}", count: PasswordPolicy.defaultMaximumLength))
        #expect(!widest.exceedsInputLimit)
        #expect(widest.length == PasswordPolicy.defaultMaximumLength)
        try PasswordPolicy().check(widest)
    }

    @Test func theHasherNeverHashesAnOverlongPassword() throws {
        let hasher = try PBKDF2PasswordHasher(iterations: 3)
        let stored = try hasher.hash(Password(goodPassword))
        let meter = WorkMeter()
        let overlong = WorkMeter.$current.withValue(meter) { Password(Self.accents) }
        let (verified, verifiedBytes, hashError) = WorkMeter.$current.withValue(meter) {
            (
                try? hasher.verify(overlong, against: stored),
                try? hasher.verify(passwordBytes: Array(repeating: 0x61, count: Password.maximumInputByteCount + 1), against: stored),
                #expect(throws: AccountError.self) { try hasher.hash(overlong) }
            )
        }
        #expect(verified == false)
        #expect(verifiedBytes == false)
        #expect(hashError?.code == .passwordTooLong)
        #expect(meter.pbkdf2BlockIterations == 0)
        #expect(meter.normalizedBytes == 0)
    }

    @Test func registrationRefusesHostileInputWithoutNormalizingOrHashingIt() async throws {
        let h = Harness()
        let meter = WorkMeter()
        let code = await WorkMeter.$current.withValue(meter) {
            await accountErrorCode { _ = try await h.service.register(email: "jan@example.nl", password: Self.accents) }
        }
        #expect(code == .passwordTooLong)
        #expect(meter.normalizedBytes == 0)
        #expect(meter.pbkdf2BlockIterations == 0)
        #expect(h.hasher.work == 0)
    }

    @Test func aHostileLoginCostsNoNormalizationAndNoHashingForEveryKindOfAddress() async throws {
        let h = Harness()
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        var costs: [String: [Int]] = [:]
        for email in ["jan@example.nl", "nobody@example.nl", "not an address"] {
            h.hasher.reset()
            let meter = WorkMeter()
            let code = await WorkMeter.$current.withValue(meter) {
                await accountErrorCode { _ = try await h.service.login(email: email, password: Self.accents) }
            }
            #expect(code == .invalidCredentials, "\(email)")
            costs[email] = [meter.normalizedBytes, meter.pbkdf2BlockIterations, h.hasher.work]
        }
        #expect(costs.values.allSatisfy { $0 == [0, 0, 0] }, "\(costs)")
    }

    @Test func aWrongPasswordCostsTheSamePBKDF2WorkForAKnownAndAnUnknownAddress() async throws {
        let h = Harness(hasher: CountingHasher(iterations: 5))
        _ = try await h.service.register(email: "jan@example.nl", password: goodPassword)
        var work: [Int] = []
        for email in ["jan@example.nl", "nobody@example.nl"] {
            let meter = WorkMeter()
            let code = await WorkMeter.$current.withValue(meter) {
                await accountErrorCode { _ = try await h.service.login(email: email, password: otherPassword) }
            }
            #expect(code == .invalidCredentials)
            #expect(meter.normalizedBytes == otherPassword.utf8.count)
            work.append(meter.pbkdf2BlockIterations)
        }
        #expect(work == [5, 5])
    }

    static let outOfBounds: [(hash: String, field: String)] = [
        (phc(iterations: 10_000_000), "passwordHash.iterations"),
        (phc(iterations: PBKDF2PasswordHasher.maximumIterations + 1), "passwordHash.iterations"),
        (phc(iterations: 1, outputLength: 1_024), "passwordHash.length"),  // refused before decoding
        (phc(iterations: 1, outputLength: 65), "passwordHash.outputLength"),
        (phc(iterations: 1, outputLength: 15), "passwordHash.outputLength"),
        (phc(iterations: 1, saltLength: 65), "passwordHash.saltLength"),
        (phc(iterations: 1, saltLength: 3), "passwordHash.saltLength"),
        (phc(iterations: 1, saltLength: 600), "passwordHash.length"),
        ("$pbkdf2-sha256$i=99999999999$c2FsdA$aGFzaA", "passwordHash.iterations"),
    ]

    @Test(arguments: outOfBounds)
    func aStoredHashOutsideTheBoundsIsRefusedBeforeAnyWork(_ hash: String, _ field: String) throws {
        let hasher = try PBKDF2PasswordHasher(iterations: 2)
        let meter = WorkMeter()
        let error = WorkMeter.$current.withValue(meter) {
            #expect(throws: AccountError.self) { try hasher.verify(Password(goodPassword), against: hash) }
        }
        #expect(error?.code == .passwordHashOutOfBounds)
        #expect(error?.context.field == field)
        #expect(meter.pbkdf2BlockIterations == 0)
        let text = error.map { "\($0) \($0.message)" } ?? ""
        let encodedParts = hash.split(separator: "$").suffix(2)
        #expect(encodedParts.allSatisfy { !text.contains($0) }, "the error must not quote the hash")
        #expect(hasher.needsRehash(hash))
    }

    @Test func aStoredHashAtTheBoundsIsVerifiedAndItsWorkCounted() throws {
        let hasher = try PBKDF2PasswordHasher(iterations: 2)
        let salt = Array(repeating: UInt8(7), count: PBKDF2PasswordHasher.saltLengthBounds.upperBound)
        let derived = try PBKDF2.sha256(
            password: Array(goodPassword.utf8), salt: salt, iterations: 3, length: PBKDF2PasswordHasher.outputLengthBounds.upperBound)
        let stored = PHCString(algorithm: "pbkdf2-sha256", parameters: [("i", "3")], salt: salt, hash: derived).encoded
        let meter = WorkMeter()
        let verified = try WorkMeter.$current.withValue(meter) { try hasher.verify(Password(goodPassword), against: stored) }
        #expect(verified)
        #expect(meter.pbkdf2BlockIterations == 3 * 2)
        let shortest = Self.phc(iterations: 1, saltLength: 4, outputLength: 16)
        #expect(try !hasher.verify(Password(goodPassword), against: shortest))
    }

    @Test func aLoginAgainstADoctoredStoredHashFailsBeforeAnyWork() async throws {
        let h = Harness()
        let id = try await h.service.register(email: "jan@example.nl", password: goodPassword).customer.id
        var record = try #require(try await h.store.record(id))
        record.credentials?.passwordHash = Self.phc(iterations: 10_000_000, outputLength: 1_024)
        _ = try await h.store.update(record, expectedRevision: record.revision)
        let meter = WorkMeter()
        let code = await WorkMeter.$current.withValue(meter) {
            await accountErrorCode { _ = try await h.service.login(email: "jan@example.nl", password: goodPassword) }
        }
        #expect(code == .passwordHashOutOfBounds)
        #expect(meter.pbkdf2BlockIterations == 0)
    }
}
