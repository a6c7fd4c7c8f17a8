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
}
