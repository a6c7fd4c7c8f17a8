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
