/// A 32-byte digest (SHA-256 or HMAC-SHA256): a session or one-time token's digest in
/// Accounts, a consent record's hash or an evidence digest in Consent.
///
/// Held inline without a heap allocation. Its text form (JSON, stored records, receipts,
/// `description`) is 64 hex digits: written in lower case, read in either case (see
/// `Hex`), so everything Accounts and Consent wrote before this type was shared still
/// reads. A digest is not a secret: it may be logged.
public struct Digest256: Hashable, Sendable, Codable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// Wraps exactly 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() {
            Self.shift(UInt64(byte), bits: 8, into: &words, word: index / 8)
        }
        self.words = words
    }

    /// Parses 64 hex digits of either case; `nil` for anything else. Reads the text's
    /// bytes straight into the four words (a store reads four digests per consent record).
    public init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, digit) in hex.utf8.enumerated() {
            guard let value = Hex.nibble(digit) else { return nil }
            Self.shift(UInt64(value), bits: 4, into: &words, word: index / 16)
        }
        self.words = words
    }

    /// Shifts `value` into the low `bits` of word `word` (0–3).
    @inline(__always)
    private static func shift(_ value: UInt64, bits: UInt64, into words: inout (UInt64, UInt64, UInt64, UInt64), word: Int) {
        switch word {
        case 0: words.0 = words.0 << bits | value
        case 1: words.1 = words.1 << bits | value
        case 2: words.2 = words.2 << bits | value
        default: words.3 = words.3 << bits | value
        }
    }

    /// Reads the 32 bytes at the start of `raw` (a packed record's digest); `nil` when
    /// there are fewer.
    package init?(packed raw: UnsafeRawBufferPointer) {
        guard raw.count >= 32 else { return nil }
        func word(_ index: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        words = (word(0), word(1), word(2), word(3))
    }

    /// Appends the 32 bytes, in order, without an intermediate array.
    package func write(to writer: inout PackedWriter) {
        withUnsafeBytes(of: (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)) { writer.raw($0) }
    }

    /// The SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> Digest256 {
        Digest256(unchecked: SHA256.hash(bytes))
    }

    /// Wraps the output of a 32-byte hash function (all zeros for any other length,
    /// which a 32-byte hash function never returns).
    package init(unchecked bytes: [UInt8]) {
        self = Digest256(bytes: bytes) ?? Digest256(words: (0, 0, 0, 0))
    }

    private init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// 64 lower-case hex digits.
    public var hex: String { Hex.encode(bytes) }

    /// The hex form (a digest is not a secret).
    public var description: String { hex }

    /// Compares all 32 bytes.
    public static func == (lhs: Digest256, rhs: Digest256) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    /// Hashes all 32 bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// Decodes from 64 hex digits of either case.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let digest = Digest256(hex: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a 32-byte hex digest.")
        }
        self = digest
    }

    /// Encodes as 64 lower-case hex digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
