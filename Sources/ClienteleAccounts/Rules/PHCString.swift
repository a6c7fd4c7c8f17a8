/// The parts of a PHC string `$<id>$<param>=<value>[,…]$<salt>$<hash>`, with the salt
/// and hash in standard base64 without padding.
///
/// Parsing is strict: every malformed input is a typed error, never a crash.
///
/// A password hash lets an attacker guess passwords offline, so it is treated as a secret:
/// ``description``, ``debugDescription`` and the mirror (`dump`, debuggers) show the
/// algorithm, the parameters and the lengths only. ``encoded`` is the PHC string itself.
public struct PHCString: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The algorithm identifier, such as `pbkdf2-sha256`.
    public var algorithm: String
    /// The parameters in order, such as `[("i", "600000")]`.
    public var parameters: [(name: String, value: String)]
    /// The salt bytes.
    public var salt: [UInt8]
    /// The hash bytes.
    public var hash: [UInt8]

    /// Creates the parts.
    public init(algorithm: String, parameters: [(name: String, value: String)], salt: [UInt8], hash: [UInt8]) {
        self.algorithm = algorithm
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses a PHC string.
    ///
    /// - Throws: ``AccountErrorCode/malformedPasswordHash`` naming the part (`position` is
    ///   the character offset where the bad part starts).
    public init(parsing text: String) throws(AccountError) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        func fail(_ what: String, _ part: Int) -> AccountError {
            let offset = parts.prefix(part).reduce(0) { $0 + $1.count + 1 }
            return AccountError(
                .malformedPasswordHash, "The stored password hash is not a valid PHC string: \(what).",
                context: ErrorContext(field: "passwordHash", position: offset))
        }
        guard parts.count == 5, parts[0].isEmpty else {
            throw fail("expected $algorithm$parameters$salt$hash", 0)
        }
        let algorithm = parts[1]
        guard !algorithm.isEmpty, algorithm.utf8.count <= 32,
            algorithm.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
        else { throw fail("bad algorithm identifier", 1) }
        var parameters: [(name: String, value: String)] = []
        for pair in parts[2].split(separator: ",", omittingEmptySubsequences: false) {
            let nameValue = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard nameValue.count == 2, !nameValue[0].isEmpty, !nameValue[1].isEmpty else {
                throw fail("parameters must be name=value pairs", 2)
            }
            parameters.append((String(nameValue[0]), String(nameValue[1])))
        }
        guard let salt = Self.decodeBase64(parts[3]) else { throw fail("salt is not unpadded base64", 3) }
        guard let hash = Self.decodeBase64(parts[4]), !hash.isEmpty else { throw fail("hash is not unpadded base64", 4) }
        self.init(algorithm: String(algorithm), parameters: parameters, salt: salt, hash: hash)
    }

    /// The value of parameter `name`, if present.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The PHC string, for the store: `$<id>$<params>$<salt>$<hash>`.
    public var encoded: String {
        "$\(algorithm)$\(parameterText)$\(Self.encodeBase64(salt))$\(Self.encodeBase64(hash))"
    }

    private var parameterText: String { parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ",") }

    /// Redacted: `$pbkdf2-sha256$i=600000$<16-byte salt>$<32-byte hash>`.
    public var description: String {
        "$\(algorithm)$\(parameterText)$<\(salt.count)-byte salt>$<\(hash.count)-byte hash>"
    }

    /// Redacted: `PHCString($pbkdf2-sha256$i=600000$<16-byte salt>$<32-byte hash>)`.
    public var debugDescription: String { "PHCString(\(description))" }

    /// A mirror with the algorithm, the parameters and the lengths, never the salt or hash bytes.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "algorithm": algorithm, "parameters": parameterText, "saltLength": salt.count, "hashLength": hash.count,
            ],
            displayStyle: .struct)
    }

    /// Equal when every part is equal.
    public static func == (lhs: PHCString, rhs: PHCString) -> Bool {
        lhs.encoded == rhs.encoded
    }

    /// Hashes the string form.
    public func hash(into hasher: inout Hasher) { hasher.combine(encoded) }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 (`+/`) without padding.
    public static func encodeBase64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        appendBase64(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `bytes` in standard base64 without padding, as ``encodeBase64(_:)`` writes them.
    static func appendBase64<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.endIndex ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.endIndex ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            let available = min(bytes.endIndex - index, 3)
            for k in 0...available {
                out.append(alphabet[Int((triple >> UInt32(18 - 6 * k)) & 0x3F)])
            }
            index += 3
        }
    }

    /// Decodes standard base64 without padding; `nil` for any other text (padding, the
    /// url-safe alphabet, white space, a length of 1 mod 4, or non-zero trailing bits).
    public static func decodeBase64(_ text: Substring) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for char in input {
            let value: UInt32
            switch char {
            case 0x41...0x5A: value = UInt32(char - 0x41)
            case 0x61...0x7A: value = UInt32(char - 0x61 + 26)
            case 0x30...0x39: value = UInt32(char - 0x30 + 52)
            case 0x2B: value = 62
            case 0x2F: value = 63
            default: return nil
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        guard buffer == 0 else { return nil }
        return out
    }
}
