import ClienteleAccounts
import Foundation
import Testing

@Suite struct PasswordHasherTests {
    let fast: PBKDF2PasswordHasher

    init() throws {
        fast = try PBKDF2PasswordHasher(iterations: 2)
    }

    @Test(arguments: [
        (0, 16, 32, "iterations"), (PBKDF2PasswordHasher.maximumIterations + 1, 16, 32, "iterations"),
        (1, 15, 32, "saltLength"), (1, 65, 32, "saltLength"),
        (1, 16, 15, "hashLength"), (1, 16, 65, "hashLength"),
    ])
    func parametersOutOfRangeAreRefusedNamingTheParameterNotAdjusted(
        _ iterations: Int, _ saltLength: Int, _ hashLength: Int, _ field: String
    ) {
        let error = #expect(throws: AccountError.self) {
            try PBKDF2PasswordHasher(iterations: iterations, saltLength: saltLength, hashLength: hashLength)
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.context.field == field)
    }

    @Test func parametersAtTheEdgesOfTheirRangesAreKept() throws {
        let low = try PBKDF2PasswordHasher(iterations: 1, saltLength: 16, hashLength: 16)
        #expect((low.iterations, low.saltLength, low.hashLength) == (1, 16, 16))
        let high = try PBKDF2PasswordHasher(iterations: PBKDF2PasswordHasher.maximumIterations, saltLength: 64, hashLength: 64)
        #expect((high.iterations, high.saltLength, high.hashLength) == (PBKDF2PasswordHasher.maximumIterations, 64, 64))
    }

    @Test func theDefaultIsPBKDF2With600000IterationsA16ByteSaltAndA32ByteHash() {
        let hasher = PBKDF2PasswordHasher()
        #expect(hasher.iterations == 600_000)
        #expect(hasher.saltLength == 16)
        #expect(hasher.hashLength == 32)
    }

    @Test func aHashIsAPHCStringThatVerifiesItsPasswordOnly() throws {
        let phc = try fast.hash(Password(goodPassword))
        let parts = phc.split(separator: "$", omittingEmptySubsequences: false)
        #expect(parts.count == 5)
        #expect(parts[1] == "pbkdf2-sha256")
        #expect(parts[2] == "i=2")
        #expect(parts[3].count == 22)  // 16 bytes, unpadded base64
        #expect(parts[4].count == 43)  // 32 bytes
        #expect(!phc.contains("="  + "$") && !phc.hasSuffix("="))
        #expect(try fast.verify(Password(goodPassword), against: phc))
        #expect(try !fast.verify(Password(otherPassword), against: phc))
    }

    @Test func twoHashesOfOnePasswordDifferByTheirSalt() throws {
        #expect(try fast.hash(Password(goodPassword)) != fast.hash(Password(goodPassword)))
    }

    @Test func equivalentUnicodeFormsVerifyAgainstEachOther() throws {
        let phc = try fast.hash(Password("caf\u{E9} au lait"))
        #expect(try fast.verify(Password("cafe\u{301} au lait"), against: phc))
    }

    @Test func weakerParametersAskForARehash() throws {
        let old = try PBKDF2PasswordHasher(iterations: 1).hash(Password(goodPassword))
        #expect(fast.needsRehash(old))
        #expect(!fast.needsRehash(try fast.hash(Password(goodPassword))))
        #expect(fast.needsRehash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g"))
    }

    @Test func theDecoyIsWellFormedAndMatchesNothing() throws {
        let decoy = fast.decoyHash()
        #expect(try !fast.verify(Password(""), against: decoy))
        #expect(!fast.needsRehash(decoy))
    }

    static let malformed: [String] = [
        "",
        "plain text",
        "$pbkdf2-sha256$i=1$c2FsdA$aGFzaA$extra",
        "pbkdf2-sha256$i=1$c2FsdA$aGFzaA",
        "$pbkdf2-sha512$i=1$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=0$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=-5$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=01$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=abc$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=1,r=8$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$iterations=1$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=1$c2FsdA==$aGFzaA",
        "$pbkdf2-sha256$i=1$c2Fs-A$aGFzaA",
        "$pbkdf2-sha256$i=1$c2F sdA$aGFzaA",
        "$pbkdf2-sha256$i=1$c2FsdA$",
        "$pbkdf2-sha256$i=1$c2FsdA$a",
        "$pbkdf2-sha256$i=1$c2FsdB$aGFzaA",
        "$PBKDF2-SHA256$i=1$c2FsdA$aGFzaA",
        "$pbkdf2-sha256$i=1$c2FsdA$aGFzaA\n",
    ]

    @Test(arguments: malformed)
    func aMalformedPHCStringIsATypedError(_ text: String) {
        let error = #expect(throws: AccountError.self) { _ = try fast.verify(Password(goodPassword), against: text) }
        #expect(error?.code == .malformedPasswordHash)
        #expect(error?.context.field == "passwordHash")
        #expect(fast.needsRehash(text))
    }

    @Test func standardBase64WithoutPaddingRoundTrips() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = PHCString.encodeBase64(bytes)
            #expect(!text.contains("="))
            #expect(PHCString.decodeBase64(Substring(text)) == bytes)
            #expect(text == Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: ""))
        }
    }
}
