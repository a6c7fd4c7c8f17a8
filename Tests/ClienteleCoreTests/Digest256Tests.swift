import ClienteleCore
import Foundation
import Testing

/// The one 32-byte digest of the package and its hex text: written in lower case, read in
/// either case, so the text Accounts (lower case only) and Consent (either case) wrote
/// before they shared the type still reads.
@Suite struct Digest256HexTests {
    static let bytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 * 37 + 5) }
    static let lowerHex = "052a4f74 99bee308 2d52779c c1e60b30 557a9fc4 e90e3358 7da2c7ec 11365b80"
        .replacingOccurrences(of: " ", with: "")

    @Test func aDigestIsWrittenAsSixtyFourLowerCaseHexDigits() throws {
        let digest = try #require(Digest256(bytes: Self.bytes))
        #expect(digest.hex == Self.lowerHex)
        #expect(digest.description == Self.lowerHex)
        #expect(String(decoding: try JSONEncoder().encode([digest]), as: UTF8.self) == "[\"\(Self.lowerHex)\"]")
    }

    @Test(arguments: [lowerHex, lowerHex.uppercased(), String(lowerHex.prefix(32)) + lowerHex.dropFirst(32).uppercased()])
    func hexOfEitherCaseReadsAsTheSameDigest(text: String) throws {
        let digest = try #require(Digest256(hex: text))
        #expect(digest.bytes == Self.bytes)
        #expect(try JSONDecoder().decode([Digest256].self, from: Data("[\"\(text)\"]".utf8)) == [digest])
    }

    @Test(arguments: [
        "", String(lowerHex.dropLast()), String(lowerHex.dropLast(2)), lowerHex + "00", "0x" + lowerHex.dropFirst(2),
        String(repeating: "g", count: 64), " " + lowerHex.dropFirst(), String(lowerHex.dropLast()) + "é",
    ])
    func anythingButSixtyFourHexDigitsIsRefused(text: String) {
        #expect(Digest256(hex: text) == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Digest256].self, from: Data("[\"\(text)\"]".utf8)) }
    }

    @Test func onlyThirtyTwoBytesMakeADigest() {
        #expect(Digest256(bytes: Self.bytes.dropLast()) == nil)
        #expect(Digest256(bytes: Self.bytes + [0]) == nil)
        #expect(Digest256(bytes: [UInt8]()) == nil)
    }

    @Test func equalBytesAreEqualDigestsAndHashAlike() throws {
        let a = try #require(Digest256(bytes: Self.bytes))
        let b = try #require(Digest256(hex: Self.lowerHex.uppercased()))
        var other = Self.bytes
        other[31] ^= 1
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(try #require(Digest256(bytes: other)) != a)
    }

    @Test func sha256IsTheFIPSVector() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(Digest256.sha256(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

/// The stores' UUID reading: canonical text is read without Foundation's parser and gives
/// the same UUID; anything else is left to `UUID(uuidString:)`.
@Suite struct CanonicalUUIDTests {
    @Test func canonicalTextOfEitherCaseReadsAsFoundationReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let uuid = UUID(uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            #expect(Hex.canonicalUUID(uuid.uuidString) == uuid)
            #expect(Hex.canonicalUUID(uuid.uuidString.lowercased()) == uuid)
            #expect(UUID(uuidString: uuid.uuidString.lowercased()) == uuid)
        }
    }

    @Test(arguments: [
        "", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5F0",
        "E621E1F8C36C-495A-93FC-0C247A3E6E5F0", "E621E1F8-C36C-495A-93FC_0C247A3E6E5F", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F",
        "E621E1F8-C36C-495A-93FC-0C247A3E6E5É", "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}", " E621E1F8-C36C-495A-93FC-0C247A3E6E5F",
    ])
    func anythingElseIsNotReadHere(text: String) {
        #expect(Hex.canonicalUUID(text) == nil)
    }
}
