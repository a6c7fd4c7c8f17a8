import Foundation

/// The one hexadecimal codec of the package: what ``Digest256`` and every other hex text
/// (a purpose's text digest, dumps) go through.
///
/// - Encoding writes lower-case digits, two per byte, most significant nibble first.
/// - Decoding accepts digits of either case (`0–9`, `a–f`, `A–F`) and nothing else: no
///   prefix, no separators, no whitespace, an even count. So text written by any earlier
///   version (Accounts wrote lower case only; Consent read either case) still reads.
package enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two digits per byte.
    ///
    /// - Complexity: O(n), one allocation.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of hex text of either case; nil for an odd count or any other character.
    ///
    /// - Complexity: O(n).
    package static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for char in text.utf8 {
            guard let value = nibble(char) else { return nil }
            if let h = high {
                bytes.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else { return nil }
        return bytes
    }

    /// The value of one hex digit of either case, or nil.
    @inline(__always)
    package static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The UUID in canonical text (`8-4-4-4-12` hex digits of either case), read without
    /// allocating; `nil` for any other text, which the caller hands to `UUID(uuidString:)`
    /// so that what Foundation accepts is still accepted.
    ///
    /// - Complexity: O(1): 36 bytes.
    package static func canonicalUUID(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var index = 0
            let parsed = withUnsafeMutableBytes(of: &uuid) { out -> Bool in
                for position in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                    out[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: uuid) : nil
        }
    }
}
