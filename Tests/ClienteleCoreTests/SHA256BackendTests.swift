import ClienteleCore
import Foundation
import Testing

@Suite struct SHA256BackendTests {
    /// A seeded generator (SplitMix64), so every run draws the same "random" blocks.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    static let hardwareAvailable = SHA256.Backend.available.contains(.hardware)

    @Test func thePortableBackendIsAlwaysAvailableAndListedFirst() {
        #expect(SHA256.Backend.available.first == .portable)
        #expect(SHA256.Backend.available.contains(SHA256.Backend.best))
    }

    #if os(Linux) && arch(x86_64)
    /// The run-time detection agrees with the kernel's view of this CPU.
    @Test func detectsTheSHAExtensionsExactlyWhenTheKernelReportsThem() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let expected = flags.contains("sha_ni") && flags.contains("ssse3") && flags.contains("sse4_1")
        #expect(Self.hardwareAvailable == expected)
    }
    #elseif os(macOS) && arch(arm64)
    @Test func appleSiliconAlwaysHasTheSHA2Instructions() {
        #expect(Self.hardwareAvailable)
    }
    #endif

    @Test(.enabled(if: hardwareAvailable, "this CPU has no SHA-256 instructions"))
    func bothCompressionsAgreeOnRandomStatesAndBlocks() throws {
        var generator = SplitMix64(state: 0x5348_4132_3536)
        for round in 0..<2_000 {
            let words = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
            let blockCount = 1 + round % 4
            let blocks = (0..<(64 * blockCount)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let portable = try #require(SHA256.compressed(words, blocks: blocks, backend: .portable))
            let hardware = try #require(SHA256.compressed(words, blocks: blocks, backend: .hardware))
            #expect(portable == hardware, "round \(round), \(blockCount) blocks")
            if portable != hardware { return }
        }
    }

    @Test(.enabled(if: hardwareAvailable, "this CPU has no SHA-256 instructions"))
    func bothDigestCompressionsAgreeOnRandomStatesAndDigests() throws {
        var generator = SplitMix64(state: 0x5042_4b44_4632)
        for round in 0..<2_000 {
            let words = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
            let message = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
            let portable = try #require(SHA256.compressedDigestAfterOneBlock(words, message: message, backend: .portable))
            let hardware = try #require(SHA256.compressedDigestAfterOneBlock(words, message: message, backend: .hardware))
            #expect(portable == hardware, "round \(round)")
            if portable != hardware { return }
        }
    }

    /// The digest path is the general one on the padded block: the message words, 0x80000000,
    /// six zero words and the bit length 768 (64 + 32 bytes).
    @Test(arguments: SHA256.Backend.available)
    func theDigestCompressionIsTheGeneralOneOnThePaddedBlock(_ backend: SHA256.Backend) throws {
        var generator = SplitMix64(state: 42)
        for _ in 0..<200 {
            let words = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
            let message = (0..<8).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
            var block: [UInt8] = []
            for word in message + [0x8000_0000, 0, 0, 0, 0, 0, 0, 768] {
                block += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                          UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
            }
            let general = try #require(SHA256.compressed(words, blocks: block, backend: backend))
            let digest = try #require(SHA256.compressedDigestAfterOneBlock(words, message: message, backend: backend))
            #expect(general == digest)
        }
    }

    @Test func compressingRejectsMalformedInputWithNil() {
        #expect(SHA256.compressed([1, 2, 3], blocks: [UInt8](repeating: 0, count: 64), backend: .portable) == nil)
        #expect(SHA256.compressed([UInt32](repeating: 0, count: 8), blocks: [1], backend: .portable) == nil)
        #expect(SHA256.compressedDigestAfterOneBlock([0], message: [UInt32](repeating: 0, count: 8), backend: .portable) == nil)
    }

    @Test(arguments: SHA256.Backend.available)
    func compressingNoBlocksLeavesTheStateAsItWas(_ backend: SHA256.Backend) {
        let words: [UInt32] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(SHA256.compressed(words, blocks: [], backend: backend) == words)
    }
}
