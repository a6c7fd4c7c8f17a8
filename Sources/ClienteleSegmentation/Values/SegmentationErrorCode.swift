/// Failures raised by ``ClienteleSegmentation``.
///
/// Errors about a query's text carry the zero-based character offset in
/// `context.position`, and their message names the line and column (both from 1); see
/// ``QueryPosition`` to compute them from an error.
public typealias SegmentationError = ClienteleError<SegmentationErrorCode>

/// The failure codes of ``ClienteleSegmentation``.
public struct SegmentationErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// The query text does not follow the grammar: a token where another was expected.
    public static let syntax = Self(rawValue: "segmentation.syntax")
    /// The query names an attribute that does not exist; the message suggests the closest
    /// known name when there is one.
    public static let unknownAttribute = Self(rawValue: "segmentation.unknownAttribute")
    /// An operator or literal does not fit the attribute's type (`country > 5`,
    /// `groups = 'vip'`); the message names both types.
    public static let typeMismatch = Self(rawValue: "segmentation.typeMismatch")
    /// A literal is malformed or out of range: a day that does not exist (`'2026-02-30'`), a
    /// money amount with more decimals than the shop currency, a number out of range, a
    /// consent state that does not exist.
    public static let invalidLiteral = Self(rawValue: "segmentation.invalidLiteral")
    /// A `(` without its `)`, or a `)` without its `(`.
    public static let unbalancedParentheses = Self(rawValue: "segmentation.unbalancedParentheses")
    /// Text follows a complete query.
    public static let trailingInput = Self(rawValue: "segmentation.trailingInput")
    /// A text literal has no closing quote.
    public static let unterminatedText = Self(rawValue: "segmentation.unterminatedText")
    /// The query nests deeper, or holds more predicates, than ``SegmentQueryParser`` allows.
    public static let queryTooComplex = Self(rawValue: "segmentation.queryTooComplex")
    /// A ``SegmentSchema`` names a profile field or consent purpose with an invalid key.
    public static let invalidSchema = Self(rawValue: "segmentation.invalidSchema")
    /// A birth date or calendar day that does not exist was given to a facts value.
    public static let invalidDate = Self(rawValue: "segmentation.invalidDate")
}
