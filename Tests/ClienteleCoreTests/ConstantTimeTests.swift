import ClienteleCore
import Testing

@Suite struct ConstantTimeTests {
    @Test func equalBytesAreEqual() {
        let bytes: [UInt8] = [1, 2, 3, 255]
        #expect(ConstantTime.equals(bytes, [1, 2, 3, 255]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals(bytes[1...], [2, 3, 255]))
    }

    @Test(arguments: [0, 1, 31])
    func aDifferenceAnywhereMakesThemUnequal(_ index: Int) {
        let bytes = [UInt8](repeating: 0xA5, count: 32)
        var other = bytes
        other[index] ^= 0x01
        #expect(!ConstantTime.equals(bytes, other))
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(!ConstantTime.equals([] as [UInt8], [0] as [UInt8]))
    }
}
