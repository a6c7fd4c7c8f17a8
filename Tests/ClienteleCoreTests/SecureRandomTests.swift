import ClienteleCore
import Testing

@Suite struct SecureRandomTests {
    @Test(arguments: [1, 7, 8, 9, 16, 32, 1_000])
    func returnsTheRequestedNumberOfBytes(_ count: Int) {
        #expect(SecureRandom.bytes(count: count).count == count)
    }

    @Test(arguments: [0, -1, Int.min])
    func returnsNothingForCountsBelowOne(_ count: Int) {
        #expect(SecureRandom.bytes(count: count).isEmpty)
    }

    /// Two 256-bit draws collide with probability 2⁻²⁵⁶; a constant or zeroed source would not pass.
    @Test func successiveDrawsDiffer() {
        let first = SecureRandom.bytes(count: 32)
        let second = SecureRandom.bytes(count: 32)
        #expect(first != second)
        #expect(first != [UInt8](repeating: 0, count: 32))
        // Every byte position gets filled, including the tail of a partial 8-byte word.
        let odd = (0..<64).map { _ in SecureRandom.bytes(count: 13) }
        #expect(odd.contains { $0[12] != 0 })
    }
}
