import ClienteleAccounts
import Foundation
import Testing

/// The Wycheproof PBKDF2-HMAC-SHA256 vectors (Apache-2.0, see Fixtures/LICENSE-wycheproof),
/// each turned into a PHC string and checked through the PHC verifier.
@Suite struct WycheproofPBKDF2Tests {
    struct Vector: Decodable {
        var tcId: Int
        var password: String
        var salt: String
        var iterationCount: Int
        var dkLen: Int
        var dk: String
        var result: String
    }
    struct File: Decodable {
        struct Group: Decodable { var tests: [Vector] }
        var testGroups: [Group]
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    static func vectors() throws -> [Vector] {
        let url = try #require(Bundle.module.url(forResource: "wycheproof_pbkdf2_hmacsha256_test", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).testGroups.flatMap(\.tests)
    }

    @Test func everyVectorWithinTheBoundsVerifiesThroughThePHCVerifierAndAFlippedBitFails() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 60)
        let hasher = PBKDF2PasswordHasher()
        var outOfBounds = 0
        for vector in vectors {
            let salt = Self.bytes(vector.salt)
            var derived = Self.bytes(vector.dk)
            #expect(derived.count == vector.dkLen)
            let phc = PHCString(algorithm: "pbkdf2-sha256", parameters: [("i", String(vector.iterationCount))], salt: salt, hash: derived)
            guard PBKDF2PasswordHasher.outputLengthBounds.contains(vector.dkLen) else {
                // A 65-byte output needs a third block: outside the documented bounds, refused unverified.
                let error = #expect(throws: AccountError.self) {
                    try hasher.verify(passwordBytes: Self.bytes(vector.password), against: phc.encoded)
                }
                #expect(error?.code == .passwordHashOutOfBounds, "tcId \(vector.tcId)")
                outOfBounds += 1
                continue
            }
            let verified = try hasher.verify(passwordBytes: Self.bytes(vector.password), against: phc.encoded)
            #expect(verified == (vector.result == "valid"), "tcId \(vector.tcId)")
            guard vector.iterationCount <= 4_096 else { continue }  // keep the debug suite fast
            derived[derived.count - 1] ^= 1
            let tampered = PHCString(algorithm: "pbkdf2-sha256", parameters: [("i", String(vector.iterationCount))], salt: salt, hash: derived)
            #expect(try !hasher.verify(passwordBytes: Self.bytes(vector.password), against: tampered.encoded), "tcId \(vector.tcId)")
        }
        #expect(outOfBounds == vectors.filter { $0.dkLen == 65 }.count)
        #expect(outOfBounds < vectors.count / 2)
    }
}
