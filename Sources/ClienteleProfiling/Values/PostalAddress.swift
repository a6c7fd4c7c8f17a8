/// A postal address as a profile value: lines, postal code, city, optional region and an
/// ISO 3166-1 alpha-2 country code.
///
/// Personal data: its description, debug description and mirror are redacted.
public struct PostalAddress: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Street and house number, or the first address line.
    public var line1: String
    /// A second address line, if any.
    public var line2: String?
    /// The postal code.
    public var postalCode: String
    /// The city or town.
    public var city: String
    /// A region or province, where the country uses one.
    public var region: String?
    /// The ISO 3166-1 alpha-2 country code, upper case, such as `NL`.
    public var country: String

    /// Creates an address; ``AnswerValidation`` checks it when it is answered.
    public init(line1: String, line2: String? = nil, postalCode: String, city: String, region: String? = nil, country: String) {
        self.line1 = line1
        self.line2 = line2
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.country = country
    }

    /// `PostalAddress(<redacted>, NL)`: only the country shows.
    public var description: String { "PostalAddress(\(Redacted.text), \(country))" }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// Only the country; the rest shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["lines": Redacted.text, "country": country], displayStyle: .struct)
    }
}
