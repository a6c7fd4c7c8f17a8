// TEMPORARY: stand-ins with the contract signatures of ClienteleCore types that other helpers
// are still writing (EmailAddress, crypto, Money). NOT secure, NOT for use. This file is
// deleted when `git merge main` brings the real ones.
import Foundation

/// Stand-in (deleted at merge).
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stand-in.
    public let displayForm: String
    /// Stand-in.
    public var uniquenessKey: String { displayForm.lowercased() }
    /// Stand-in.
    public init(parsing text: String) throws(CoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(" ") else {
            throw CoreError(CoreErrorCode(rawValue: "core.invalidEmail"), "Not an e-mail address.")
        }
        displayForm = trimmed
    }
    /// Stand-in.
    public static func == (a: Self, b: Self) -> Bool { a.uniquenessKey == b.uniquenessKey }
    /// Stand-in.
    public func hash(into hasher: inout Hasher) { hasher.combine(uniquenessKey) }
    /// Stand-in.
    public var description: String { "***" }
}

/// Stand-in (deleted at merge).
public enum SHA256 {
    /// Stand-in: NOT SHA-256.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for round in 0..<4 {
            h ^= UInt64(round)
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            out += withUnsafeBytes(of: h.bigEndian) { Array($0) }
        }
        return out
    }
}

/// Stand-in (deleted at merge).
public enum PBKDF2 {
    /// Stand-in: NOT PBKDF2.
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws(CoreError) -> [UInt8] {
        var block = SHA256.hash(password + salt)
        for _ in 1..<max(iterations, 1) { block = SHA256.hash(block) }
        var out: [UInt8] = []
        while out.count < length { out += block; block = SHA256.hash(block) }
        return Array(out.prefix(length))
    }
}

/// Stand-in (deleted at merge).
public enum ConstantTime {
    /// Stand-in.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var d: UInt8 = 0
        for i in a.indices { d |= a[i] ^ b[i] }
        return d == 0
    }
}

/// Stand-in (deleted at merge).
public enum SecureRandom {
    /// Stand-in.
    public static func bytes(count: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }
    }
}

/// Stand-in (deleted at merge).
public enum Base64URL {
    /// Stand-in.
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    /// Stand-in.
    public static func decode(_ text: String) throws(CoreError) -> [UInt8] {
        var t = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        guard let d = Data(base64Encoded: t) else { throw CoreError(CoreErrorCode(rawValue: "core.invalidBase64"), "bad") }
        return Array(d)
    }
}

/// Stand-in (deleted at merge).
public struct Currency: Sendable, Hashable, Codable {
    /// Stand-in.
    public var code: String
    /// Stand-in.
    public static let eur = Currency(code: "EUR")
}

/// Stand-in (deleted at merge).
public struct Money: Sendable, Hashable, Codable {
    /// Stand-in.
    public var minorUnits: Int64
    /// Stand-in.
    public var currency: Currency
    /// Stand-in.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }
}
