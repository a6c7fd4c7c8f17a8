import ClienteleConsent
import Foundation
import Testing

/// Consent's digests are ClienteleCore's `Digest256` now: the bytes hashed for the ledger
/// chain are unchanged, so chains written before still verify, and stored or exported
/// digests written before (in either case) still read.
@Suite struct StoredDigestTests {
    static let alice = CustomerID(rawValue: "C1")!
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Two records whose hashes were computed outside Swift, with Python's `hashlib` over
    /// the canonical encoding `LedgerChain` documents (length-prefixed UTF-8, big-endian
    /// integers, presence bytes; the evidence digests as lower-case hex text).
    static func ledger() throws -> [ConsentRecord] {
        let evidence = ConsentEvidence(
            formID: "signup", ipAddressDigest: Digest256(bytes: [UInt8](repeating: 0xAB, count: 32)),
            userAgentDigest: Digest256(bytes: [UInt8](repeating: 0x0C, count: 32)))
        let given = ConsentEntry(
            id: try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000001")), at: start, action: .given,
            purpose: "newsletter", purposeVersion: 1, channel: .email, source: "form", actor: .customer, evidence: evidence)
        let soft = ConsentEntry(
            id: try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000002")), at: start.addingTimeInterval(60),
            action: .softOptIn, purpose: "offers", source: "checkout", actor: .system,
            softOptIn: SoftOptIn(
                orderReference: "O-1", productCategories: ["shoes"], expiresAt: Date(timeIntervalSince1970: 1_731_536_000)))
        let first = ConsentRecord(sealing: given, customer: alice, after: nil)
        return [first, ConsentRecord(sealing: soft, customer: alice, after: first)]
    }

    @Test func theChainHashesTheSameBytesAsBeforeTheDigestWasShared() throws {
        let records = try Self.ledger()
        #expect(LedgerChain.genesisHash(of: Self.alice).hex == "edff58780d2ab2d072a6624908163b043072bbc6c9cdf4727a43bb3b6c3d12ab")
        #expect(records[0].hash.hex == "9f2a8cf832851788ddad6fe753c5ac68c193ec847914e26adb976ef14805c4c5")
        #expect(records[1].hash.hex == "c17b312a0a49f8c7d409fc167040e9546274ff525e5f9c55a4c9e34b1a3f9943")
        #expect(LedgerChain.verify(records, of: Self.alice).problem == nil)
    }

    @Test(arguments: [false, true])
    func aLedgerExportedBeforeReadsAndVerifiesWhateverTheCaseOfItsDigests(upperCase: Bool) throws {
        let records = try Self.ledger()
        var json = String(decoding: try JSONEncoder().encode(records), as: UTF8.self)
        let digests = records.flatMap { record in
            [record.hash, record.previousHash] + [record.evidence.ipAddressDigest, record.evidence.userAgentDigest].compactMap { $0 }
        }
        for digest in digests { #expect(json.contains("\"\(digest.hex)\"")) }
        if upperCase {
            for digest in digests { json = json.replacingOccurrences(of: digest.hex, with: digest.hex.uppercased()) }
            #expect(!json.contains(digests[0].hex))
        }
        let decoded = try JSONDecoder().decode([ConsentRecord].self, from: Data(json.utf8))
        #expect(decoded == records)
        #expect(LedgerChain.verify(decoded, of: Self.alice).problem == nil)
    }
}
