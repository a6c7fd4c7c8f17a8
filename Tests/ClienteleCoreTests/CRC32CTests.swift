import ClienteleCore
import Testing

@Suite struct CRC32CTests {
    @Test(arguments: [
        ("", UInt32(0x0000_0000)),
        ("a", 0xC1D0_4330),
        ("123456789", 0xE306_9283),
        ("The quick brown fox jumps over the lazy dog", 0x2262_0404),
    ])
    func knownTextsHaveTheirPublishedChecksums(text: String, expected: UInt32) {
        #expect(CRC32C.checksum(Array(text.utf8)) == expected)
    }

    @Test func rfc3720TestVectorsMatch() {
        // RFC 3720, appendix B.4: 32 bytes of zeros, of 0xFF, ascending and descending.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test func updatingInPiecesEqualsTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 7, 8, 9, 500, 999, 1000] {
            var crc = CRC32C()
            crc.update(bytes[..<split])
            crc.update(bytes[split...])
            #expect(crc.finalize() == CRC32C.checksum(bytes), "split at \(split)")
        }
    }

    @Test func nonContiguousCollectionsGiveTheSameChecksum() {
        let text = "123456789"
        #expect(CRC32C.checksum(text.utf8) == 0xE306_9283)
    }

    /// The CPU instructions (where this machine has them) and the tables agree on every
    /// length up to a few words, at every alignment, and on a long buffer.
    @Test func theInstructionsAndTheTablesGiveTheSameChecksums() {
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for length in 0..<40 {
                    let part = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                    #expect(CRC32C.checksum(part) == ~CRC32C.advanceByTable(0xFFFF_FFFF, part), "start \(start), length \(length)")
                }
            }
            #expect(CRC32C.checksum(raw) == ~CRC32C.advanceByTable(0xFFFF_FFFF, raw))
        }
        #expect(~CRC32C.advanceByTable(0xFFFF_FFFF, UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
    }

    @Test func everySingleBitFlipChangesTheChecksum() {
        let bytes = Array("journal record payload".utf8)
        let original = CRC32C.checksum(bytes)
        for index in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= 1 << bit
                #expect(CRC32C.checksum(flipped) != original)
            }
        }
    }
}
