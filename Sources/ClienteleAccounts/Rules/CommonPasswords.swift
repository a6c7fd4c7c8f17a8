import Foundation

/// The built-in rejection list: 8,359 common passwords of at least 8 bytes, from Django's
/// `CommonPasswordValidator` list (created by Royce Williams; BSD-3-Clause, see
/// `CommonPasswords+Entries.swift` and `Docs/Accounts.md`). Matching ignores letter case.
public struct CommonPasswords: PasswordRejectionList {
    /// The entries as a set, built once per process.
    static let builtIn: Set<String> = Set(entries.split(separator: "\n").map(String.init))

    /// Extra entries of the shop (for example its own name), lower case or not.
    public var additions: Set<String>

    /// Creates the list, optionally with extra entries.
    public init(additions: Set<String> = []) {
        self.additions = Set(additions.map { $0.precomposedStringWithCompatibilityMapping.lowercased() })
    }

    /// The number of built-in entries.
    public static var count: Int { builtIn.count }

    /// True when the lower-cased password is a built-in entry or one of ``additions``.
    ///
    /// - Complexity: O(length of the password).
    public func rejects(_ password: Password) -> Bool {
        let lowered = password.normalized.lowercased()
        return Self.builtIn.contains(lowered) || additions.contains(lowered)
    }
}
