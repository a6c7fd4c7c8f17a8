import ClienteleCore
import Testing

@Suite struct HMACSHA256Tests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var key: String
        var data: String
        var tag: String
        var testDescription: String { name }
    }

    /// RFC 4231 §4.2–4.8 (all hex). Case 5's tag is truncated to 128 bits.
    static let rfc4231: [Case] = [
        Case(name: "case 1", key: String(repeating: "0b", count: 20), data: "4869205468657265",
             tag: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(name: "case 2", key: "4a656665", data: "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
             tag: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(name: "case 3", key: String(repeating: "aa", count: 20), data: String(repeating: "dd", count: 50),
             tag: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(name: "case 4", key: "0102030405060708090a0b0c0d0e0f10111213141516171819",
             data: String(repeating: "cd", count: 50),
             tag: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(name: "case 5 (truncated to 128 bits)", key: String(repeating: "0c", count: 20),
             data: "546573742057697468205472756e636174696f6e",
             tag: "a3b6167473100ee06e0c796c2955552b"),
        Case(name: "case 6 (131-byte key)", key: String(repeating: "aa", count: 131),
             data: "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
             tag: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(name: "case 7 (131-byte key, long data)", key: String(repeating: "aa", count: 131),
             data: "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
             tag: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: SHA256.Backend.available, rfc4231)
    func matchesRFC4231(_ backend: SHA256.Backend, _ vector: Case) throws {
        let key = try #require([UInt8](hex: vector.key))
        let data = try #require([UInt8](hex: vector.data))
        let tag = try #require([UInt8](hex: vector.tag))
        let computed = HMACSHA256.authenticationCode(for: data, key: key, backend: backend)
        #expect(computed.count == 32)
        #expect(ConstantTime.equals(computed.prefix(tag.count), tag))
    }

    @Test func loadsEveryWycheproofVector() {
        #expect(Wycheproof.hmacTests.count == 174)
        #expect(Wycheproof.hmacTests.filter { $0.tagSize != 256 }.count == 87)
    }

    /// Valid tests must verify; invalid ones (altered or wrongly sized tags) must not.
    @Test(arguments: SHA256.Backend.available, Wycheproof.hmacTests)
    func agreesWithWycheproof(_ backend: SHA256.Backend, _ test: Wycheproof.HMACTest) throws {
        let key = try #require([UInt8](hex: test.key))
        let message = try #require([UInt8](hex: test.msg))
        let tag = try #require([UInt8](hex: test.tag))
        let tagByteCount = try #require(test.tagSize) / 8
        let computed = HMACSHA256.authenticationCode(for: message, key: key, backend: backend)
        let verifies = tag.count == tagByteCount && ConstantTime.equals(computed.prefix(tagByteCount), tag)
        #expect(verifies == (test.result == "valid"))
    }

    @Test(arguments: SHA256.Backend.available)
    func streamingInChunksGivesTheSameTag(_ backend: SHA256.Backend) {
        let key = Array("key".utf8)
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let oneShot = HMACSHA256.authenticationCode(for: message, key: key)
        for chunkSize in [1, 7, 63, 64, 65, 333] {
            var mac = HMACSHA256(key: key, backend: backend)
            var start = 0
            while start < message.count {
                let end = min(start + chunkSize, message.count)
                mac.update(message[start..<end])
                start = end
            }
            #expect(mac.finalize() == oneShot, "chunk size \(chunkSize)")
        }
    }

    @Test(arguments: [0, 1, 32, 64, 65, 200])
    func aKeyWithoutContiguousStorageGivesTheSameTag(keyLength: Int) {
        let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        let message = Array("what do ya want for nothing?".utf8)
        let lazyKey = (0..<keyLength).lazy.map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        #expect(HMACSHA256.authenticationCode(for: message, key: lazyKey) == HMACSHA256.authenticationCode(for: message, key: key))
        #expect(HMACSHA256.authenticationCode(for: message, key: key[...]) == HMACSHA256.authenticationCode(for: message, key: key))
    }
}
