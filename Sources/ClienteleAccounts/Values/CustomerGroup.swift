/// A group the shop puts customers in, such as `vip` or `b2b`. A customer may be in many.
public struct CustomerGroup: RawRepresentable, Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The group's name: 1–64 characters of `a–z 0–9 _ -`.
    public let rawValue: String

    /// Accepts a valid group name, `nil` otherwise.
    public init?(rawValue: String) {
        let utf8 = rawValue.utf8
        guard !utf8.isEmpty, utf8.count <= 64,
            utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D })
        else { return nil }
        self.rawValue = rawValue
    }

    /// Parses a group name.
    ///
    /// - Throws: ``AccountErrorCode/invalidGroup``.
    public init(validating text: String) throws(AccountError) {
        guard let group = CustomerGroup(rawValue: text) else {
            throw AccountError(
                .invalidGroup, "A customer group name must be 1–64 characters of a–z, 0–9, '_' or '-'.",
                context: ErrorContext(field: "group"))
        }
        self = group
    }

    /// Decodes from a single string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let group = CustomerGroup(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a valid customer group.")
        }
        self = group
    }

    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Orders groups by name.
    public static func < (lhs: CustomerGroup, rhs: CustomerGroup) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The group's name.
    public var description: String { rawValue }

    /// Very important customers.
    public static let vip = CustomerGroup(uncheckedName: "vip")
    /// Business customers.
    public static let b2b = CustomerGroup(uncheckedName: "b2b")

    private init(uncheckedName: String) { self.rawValue = uncheckedName }
}
