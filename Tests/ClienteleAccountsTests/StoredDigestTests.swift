import ClienteleAccounts
import ClienteleCore
import Foundation
import Testing

/// Accounts' token digests are ClienteleCore's `Digest256` now (`TokenDigest` is its
/// deprecated name): sessions and tokens stored before, with their digest as 64
/// lower-case hex digits, still read to the same bytes and are written back unchanged.
@Suite struct StoredDigestTests {
    /// A session as a store wrote it before the digest type was shared: same fields, same
    /// order, the digest as the text the old `TokenDigest` wrote.
    struct SessionAsWrittenBefore: Codable {
        var id: String
        var digest: String
        var createdAt: Date
        var lastUsedAt: Date
    }

    static let digestBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: 255 - $0 * 3) }
    static let old = SessionAsWrittenBefore(
        id: "s-1", digest: digestBytes.map { String(format: "%02x", $0) }.joined(),
        createdAt: Date(timeIntervalSinceReferenceDate: 815_000_000.125),
        lastUsedAt: Date(timeIntervalSinceReferenceDate: 815_000_010))

    @Test func aSessionStoredBeforeReadsThroughTheStoreEncodingAndIsWrittenBackByteForByte() throws {
        let stored = try RecordEncoder.encode(Self.old)
        let session = try RecordDecoder.decode(Session.self, from: stored)
        #expect(session.digest.bytes == Self.digestBytes)
        #expect(session.digest.hex == Self.old.digest)
        #expect(try RecordEncoder.encode(session) == stored)
    }

    @Test func aSessionExportedBeforeReadsFromJSONAndIsWrittenBackUnchanged() throws {
        let json = try JSONEncoder().encode(Self.old)
        let session = try JSONDecoder().decode(Session.self, from: json)
        #expect(session.digest.bytes == Self.digestBytes)
        #expect(try JSONDecoder().decode(SessionAsWrittenBefore.self, from: JSONEncoder().encode(session)).digest == Self.old.digest)
    }

    @Test func aStoredTokenDigestStillMatchesTheTokenItWasMadeFrom() throws {
        // The SHA-256 of a token's 32 secret bytes, as Accounts has always stored it.
        let secret = [UInt8](repeating: 0x42, count: 32)
        #expect(Digest256.sha256(secret).bytes == SHA256.hash(secret))
    }
}
