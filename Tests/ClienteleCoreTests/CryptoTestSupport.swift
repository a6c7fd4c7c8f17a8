import Foundation
import Testing

extension Array where Element == UInt8 {
    /// Bytes from hexadecimal text such as `"0a1B"`; `nil` for odd lengths or non-hex characters.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }

    /// The bytes as lowercase hexadecimal text.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The Wycheproof vector files copied into `Fixtures/` (Apache-2.0, see `LICENSE-wycheproof`).
enum Wycheproof {
    struct File<Group: Decodable>: Decodable {
        var algorithm: String
        var numberOfTests: Int
        var testGroups: [Group]
    }

    struct HMACGroup: Decodable {
        var keySize: Int
        var tagSize: Int
        var tests: [HMACTest]
    }

    struct HMACTest: Decodable, CustomTestStringConvertible {
        var tcId: Int
        var comment: String
        var key: String
        var msg: String
        var tag: String
        var result: String
        var tagSize: Int?
        var testDescription: String { "tcId \(tcId) (\(result)): \(comment)" }
    }

    struct PBKDF2Group: Decodable {
        var tests: [PBKDF2Test]
    }

    struct PBKDF2Test: Decodable, CustomTestStringConvertible {
        var tcId: Int
        var comment: String
        var password: String
        var salt: String
        var iterationCount: Int
        var dkLen: Int
        var dk: String
        var result: String
        var testDescription: String { "tcId \(tcId) (\(result)), \(iterationCount) iterations: \(comment)" }
    }

    static func load<Group: Decodable>(_ name: String, as _: Group.Type) throws -> File<Group> {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File<Group>.self, from: Data(contentsOf: url))
    }

    /// Every HMAC-SHA256 test, each carrying its group's tag size in bits.
    static let hmacTests: [HMACTest] = {
        guard let file = try? load("wycheproof_hmac_sha256_test", as: HMACGroup.self) else { return [] }
        return file.testGroups.flatMap { group in
            group.tests.map { test in
                var test = test
                test.tagSize = group.tagSize
                return test
            }
        }
    }()

    /// Every PBKDF2-HMAC-SHA256 test.
    static let pbkdf2Tests: [PBKDF2Test] = {
        guard let file = try? load("wycheproof_pbkdf2_hmacsha256_test", as: PBKDF2Group.self) else { return [] }
        return file.testGroups.flatMap(\.tests)
    }()
}
