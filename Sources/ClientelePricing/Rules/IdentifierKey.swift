/// An identifier as ``IdentifierTable`` compares it: its UTF-8 length and first 16 bytes
/// (two little-endian words, zero-padded), with their hash.
///
/// Keys of up to 16 bytes are whole: two keys of that length match exactly when their
/// words do. Longer keys also compare their remaining bytes (see ``IdentifierTable``).
struct IdentifierKey {
    var head0: UInt64
    var head1: UInt64
    var length: Int
    var hash: UInt64

    /// A placeholder (in a ``PriceBookIndex/Pending`` that takes the general path).
    static var none: IdentifierKey { IdentifierKey(head0: 0, head1: 0, length: 0, hash: 0) }

    private init(head0: UInt64, head1: UInt64, length: Int, hash: UInt64) {
        self.head0 = head0
        self.head1 = head1
        self.length = length
        self.hash = hash
    }

    /// The key of `bytes`.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        head0 = Self.word(bytes, 0)
        head1 = Self.word(bytes, 8)
        length = bytes.count
        var hash = Self.mix(length, head0, head1)
        var offset = 16
        while offset < bytes.count {
            hash = (hash ^ (hash >> 29) ^ Self.word(bytes, offset)) &* Self.multiplier
            offset += 8
        }
        self.hash = hash ^ (hash >> 32)
    }

    /// The key of `string`.
    static func of(_ string: String) -> IdentifierKey {
        var string = string
        return string.withUTF8 { IdentifierKey(UnsafeRawBufferPointer($0)) }
    }

    /// The key of the `String` stored at `address`, read in place when the string keeps
    /// its bytes inline; nil when it does not (then the caller copies the string and
    /// takes the general path).
    ///
    /// On 64-bit platforms Swift stores a string of up to 15 UTF-8 bytes inside the
    /// `String` value (the "small" form): the bytes fill the first word and the low seven
    /// bytes of the second, whose top byte holds the form flags (bit 61 marks the small
    /// form) and the length. Identifiers (SKUs, customer numbers, category and group
    /// names) are nearly always that short, and reading the two words costs a few
    /// instructions, where `withUTF8` would copy the string (a retain and a release).
    ///
    /// Only valid where ``inlineFormIsReadable`` is true; the caller checks that once.
    @inline(__always)
    init?(inlineStringAt address: UnsafeRawPointer) {
        let low = address.load(as: UInt64.self)
        let high = address.load(fromByteOffset: 8, as: UInt64.self)
        guard high & (1 << 61) != 0 else { return nil }
        let length = Int(truncatingIfNeeded: (high >> 56) & 0x0F)
        // Bytes past the length are zero in the small form (the standard library compares
        // small strings by these words too); only the flags and length byte are cleared.
        head0 = low
        head1 = high & 0x00FF_FFFF_FFFF_FFFF
        self.length = length
        let hash = Self.mix(length, head0, head1)
        self.hash = hash ^ (hash >> 32)
    }

    /// Whether ``init(inlineStringAt:)`` reads this platform's strings correctly: checked
    /// once, against `withUTF8`, on strings of every inline length and on longer ones
    /// (which must be refused). Where it is false, every lookup takes the general path.
    static let inlineFormIsReadable: Bool = {
        guard MemoryLayout<String>.size == 16, UInt16(littleEndian: 1) == 1 else { return false }
        let alphabet = Array("P0123456789-ABCDEFGHIJ_xyz".utf8)
        var samples: [String] = []
        for length in 0...24 {
            samples.append(String(decoding: alphabet.prefix(length), as: UTF8.self))
            var built = ""
            for byte in alphabet.suffix(length) { built.append(Character(Unicode.Scalar(byte))) }
            samples.append(built)
        }
        samples.append(String("C0755873-suffix".dropLast(7)))
        for sample in samples {
            let expected = IdentifierKey.of(sample)
            let read = withUnsafePointer(to: sample) { IdentifierKey(inlineStringAt: UnsafeRawPointer($0)) }
            if let read {
                guard read == expected, sample.utf8.count <= 15 else { return false }
            } else if sample.utf8.count <= 15, sample.utf8.count == expected.length, isNative(sample) {
                // A short native string is expected in the inline form; if it is not,
                // the layout is not the one assumed.
                return false
            }
        }
        return true
    }()

    private static func isNative(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { _ in true } ?? false
    }

    private static var multiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// A multiply-mix of the length and the first two words; longer keys mix in their
    /// further words. Identifiers come from the shop's own lists, not from adversaries
    /// who could choose colliding keys.
    @inline(__always)
    private static func mix(_ length: Int, _ head0: UInt64, _ head1: UInt64) -> UInt64 {
        let hash = (0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: length) ^ head0) &* 0x9E37_79B9_7F4A_7C15
        return (hash ^ (hash >> 29) ^ head1) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Up to eight bytes from `offset` as a little-endian word, zero-padded.
    @inline(__always)
    static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        let remaining = bytes.count - offset
        if remaining >= 8 { return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        if remaining <= 0 { return 0 }
        if remaining >= 4 {
            let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)))
            return low | high << UInt64(8 * (remaining - 4))
        }
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for index in offset..<bytes.count {
            word |= UInt64(bytes[index]) << shift
            shift += 8
        }
        return word
    }
}

extension IdentifierKey: Equatable {}
