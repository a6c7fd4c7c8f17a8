/// What redacted descriptions and mirrors show in place of a secret or personal datum.
///
/// Every value that holds a secret or personal data redacts its description, its debug
/// description and its mirror alike, so `print`, `String(reflecting:)`, `dump` and a
/// debugger show the same safe fields (see Docs/Privacy.md).
package enum Redacted {
    /// `<redacted>`.
    package static let text = "<redacted>"

    /// `<redacted>` for a value that is present, `nil` for one that is not (so a dump still
    /// shows whether an optional field is set).
    package static func optional<T>(_ value: T?) -> String? {
        value == nil ? nil : text
    }
}
