public import Foundation

/// Checks that a value shows none of its secrets in any of the ways Swift turns a value
/// into text: `"\(value)"`, `String(describing:)`, `String(reflecting:)` (debug
/// description) and `dump` (the mirror, recursively, as debuggers show it).
///
/// ```swift
/// let leaks = RedactionCheck.leaks(of: loginSession, secrets: [loginSession.token])
/// #expect(leaks.isEmpty, "\(leaks)")
/// ```
///
/// Framework-free: it returns what it found and leaves the verdict to the test.
public enum RedactionCheck {
    /// One secret found in one textual form.
    public struct Leak: Sendable, Hashable, CustomStringConvertible {
        /// The form that showed it: `interpolation`, `describing`, `reflecting` or `dump`.
        public var form: String
        /// The index of the secret in the list given to ``RedactionCheck/leaks(of:secrets:)``
        /// (the secret itself is not repeated, so a failing test does not print it).
        public var secretIndex: Int

        /// `dump shows secret #0`.
        public var description: String { "\(form) shows secret #\(secretIndex)" }
    }

    /// Every textual form of `value`, by name.
    public static func forms<T>(of value: T) -> [(name: String, text: String)] {
        var dumped = ""
        dump(value, to: &dumped)
        return [
            ("interpolation", "\(value)"),
            ("describing", String(describing: value)),
            ("reflecting", String(reflecting: value)),
            ("dump", dumped),
        ]
    }

    /// The secrets that any textual form of `value` contains; empty when it redacts them all.
    /// Empty secrets are ignored.
    public static func leaks<T>(of value: T, secrets: [String]) -> [Leak] {
        var found: [Leak] = []
        for (name, text) in forms(of: value) {
            for (index, secret) in secrets.enumerated() where !secret.isEmpty && text.contains(secret) {
                found.append(Leak(form: name, secretIndex: index))
            }
        }
        return found
    }

    /// One secret found in one file of a folder.
    public struct FileLeak: Sendable, Hashable, CustomStringConvertible {
        /// The file's path inside the folder (`accounts/journal-….log` for a file in a subfolder).
        public var file: String
        /// The index of the secret in the list given to ``RedactionCheck/files(in:holding:)``.
        public var secretIndex: Int

        /// `journal-….log holds secret #0`.
        public var description: String { "\(file) holds secret #\(secretIndex)" }
    }

    /// The secrets that some file in `folder` or any folder below it holds in its bytes, as
    /// UTF-8 in the letter case given, in lower case or in upper case: what an erasure test
    /// scans a store folder (or a `CustomerHub` folder of store folders) for. Empty secrets
    /// are ignored; empty when no file holds any of them.
    ///
    /// - Throws: When a folder or one of its files cannot be read.
    public static func files(in folder: URL, holding secrets: [String]) throws -> [FileLeak] {
        var found: [FileLeak] = []
        try scan(folder, prefix: "", secrets, into: &found)
        return found
    }

    private static func scan(_ folder: URL, prefix: String, _ secrets: [String], into found: inout [FileLeak]) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try scan(url, prefix: prefix + name + "/", secrets, into: &found)
                continue
            }
            let bytes = Array(try Data(contentsOf: url))
            for (index, secret) in secrets.enumerated() where !secret.isEmpty {
                let forms = Set([secret, secret.lowercased(), secret.uppercased()]).map { Array($0.utf8) }
                if forms.contains(where: { contains(bytes, $0) }) { found.append(FileLeak(file: prefix + name, secretIndex: index)) }
            }
        }
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var start = 0
        while start <= bytes.count - needle.count {
            if bytes[start] == first, bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
