/// Base64url without padding (RFC 4648 §5): the alphabet `A–Z a–z 0–9 - _`, safe in URLs,
/// file names and PHC password-hash strings.
public enum Base64URL {
    /// The 64 characters, by value.
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The value of each ASCII byte, or 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// Returns the unpadded base64url text of `bytes`.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: ⌈4*n*/3⌉ characters, without `=` padding.
    /// - Complexity: O(*n*).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(alphabet[Int(group >> 6 & 63)])
            output.append(alphabet[Int(group & 63)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let group = UInt32(input[index]) << 16
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
        case 2:
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(alphabet[Int(group >> 6 & 63)])
        default:
            break
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes unpadded base64url text, strictly: only the canonical encoding of some bytes
    /// is accepted, so every byte string has exactly one accepted text.
    ///
    /// - Parameter text: The base64url text, without padding or white space.
    /// - Returns: The decoded bytes.
    /// - Throws: ``CoreError`` with code ``CoreErrorCode/invalidBase64`` and the zero-based
    ///   ``ErrorContext/position`` of the offending character when the text holds a character
    ///   outside the alphabet (including `=`, `+`, `/` and white space), ends with a single
    ///   dangling character, or has non-zero unused bits in its last character. The message
    ///   never repeats the text, which may be a secret token.
    /// - Complexity: O(*n*).
    public static func decode(_ text: String) throws(CoreError) -> [UInt8] {
        let input = Array(text.utf8)
        // Every character before the first bad one is ASCII, so a byte offset found below is
        // also the character offset.
        for (position, character) in input.enumerated() where values[Int(character)] == 0xFF {
            throw CoreError(
                .invalidBase64,
                "Base64url text may hold only A-Z, a-z, 0-9, '-' and '_' (no padding or white space); found another character.",
                context: ErrorContext(position: position))
        }
        if input.count % 4 == 1 {
            throw CoreError(
                .invalidBase64,
                "Base64url text cannot end with a single character after a whole number of 4-character groups; the text is truncated or has an extra character.",
                context: ErrorContext(position: input.count - 1))
        }

        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var index = 0
        while index + 4 <= input.count {
            let group = UInt32(values[Int(input[index])]) << 18 | UInt32(values[Int(input[index + 1])]) << 12
                | UInt32(values[Int(input[index + 2])]) << 6 | UInt32(values[Int(input[index + 3])])
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            output.append(UInt8(truncatingIfNeeded: group >> 8))
            output.append(UInt8(truncatingIfNeeded: group))
            index += 4
        }
        let rest = input.count - index
        if rest > 0 {
            var group: UInt32 = 0
            for offset in 0..<rest {
                group |= UInt32(values[Int(input[index + offset])]) << (18 - 6 * offset)
            }
            // Two characters carry one byte (4 unused bits), three carry two (2 unused bits).
            let unusedBits: UInt32 = rest == 2 ? 0xFFFF : 0xFF
            if group & unusedBits != 0 {
                throw CoreError(
                    .invalidBase64,
                    "Base64url text has non-zero unused bits in its last character, so it is not the canonical encoding of any bytes.",
                    context: ErrorContext(position: input.count - 1))
            }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            if rest == 3 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
        }
        return output
    }
}
