/// A share of a whole in basis points: 0 (0 %) to 10,000 (100 %); 1 bp = 0.01 %.
///
/// Percent-off discounts are expressed in basis points so that `12.5 %` is exact
/// (`1250`) and arithmetic stays in integers. See ``Money/reduced(by:)``.
public struct BasisPoints: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The value in basis points, 0–10,000.
    public let rawValue: Int

    /// The largest value: 10,000 bp = 100 %.
    public static let whole = BasisPoints(unchecked: 10_000)
    /// 0 bp = 0 %.
    public static let zero = BasisPoints(unchecked: 0)

    private init(unchecked value: Int) { self.rawValue = value }

    /// Accepts `rawValue` when it is within 0–10,000, `nil` otherwise.
    public init?(rawValue: Int) {
        guard (0...10_000).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Validates a value in basis points.
    ///
    /// - Throws: ``CoreErrorCode/basisPointsOutOfRange`` outside 0–10,000.
    public init(_ value: Int) throws(CoreError) {
        guard let points = BasisPoints(rawValue: value) else {
            throw CoreError(
                .basisPointsOutOfRange,
                "A percentage in basis points must be between 0 (0 %) and 10000 (100 %).",
                context: ErrorContext(field: "basisPoints"))
        }
        self = points
    }

    /// Orders by value.
    public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The value as a percentage, such as `12.5%` or `10%`.
    public var description: String {
        let whole = rawValue / 100
        let fraction = rawValue % 100
        if fraction == 0 { return "\(whole)%" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)%" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// Decodes from an integer, rejecting values outside 0–10,000.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        guard let points = BasisPoints(rawValue: value) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Basis points must be between 0 and 10000.")
        }
        self = points
    }

    /// Encodes as an integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
