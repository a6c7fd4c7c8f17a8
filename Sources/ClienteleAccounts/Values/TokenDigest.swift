/// The SHA-256 of a session or one-time token: what the store keeps instead of the token.
///
/// Stored and encoded as 64 lower-case hex digits.
public struct TokenDigest: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 digest bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// The digest of a token's secret bytes.
    init(of secret: [UInt8]) {
        self.bytes = SHA256.hash(secret)
    }

    /// Parses 64 hex digits; `nil` otherwise.
    public init?(hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var high: UInt8?
        for char in hex.utf8 {
            let value: UInt8
            switch char {
            case 0x30...0x39: value = char - 0x30
            case 0x61...0x66: value = char - 0x61 + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else { return nil }
        self.init(bytes: bytes)
    }

    /// The digest as 64 lower-case hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex form (a digest is not a secret).
    public var description: String { hex }

    /// Decodes from hex.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let digest = TokenDigest(hex: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a 32-byte hex digest.")
        }
        self = digest
    }

    /// Encodes as hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
