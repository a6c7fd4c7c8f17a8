/// What redacted descriptions and mirrors show in place of a secret or personal datum.
enum Redacted {
    /// `<redacted>`.
    static let text = "<redacted>"

    /// `<redacted>` for a value that is present, `nil` for one that is not (so a dump still
    /// shows whether an optional field is set).
    static func optional<T>(_ value: T?) -> String? {
        value == nil ? nil : text
    }
}
