/// One typed profile value in a customer's facts, as `profile.<field>` sees it.
///
/// A field without a value is absent from ``CustomerFacts/profile`` and reads as NULL.
/// Personal data: description, debug description and mirror show the case only.
public enum ProfileFact: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Free text (a text, e-mail or phone field).
    case text(String)
    /// A finite number.
    case number(Double)
    /// Yes or no.
    case boolean(Bool)
    /// A calendar day.
    case date(UTCDay)
    /// One choice of a single-choice field.
    case choice(String)
    /// The choices of a multiple-choice field.
    case choices([String])

    /// The case name, such as `text`: safe to log.
    public var kind: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date"
        case .choice: "choice"
        case .choices: "choices"
        }
    }

    /// The attribute type a field holding this value has in a ``SegmentSchema``.
    public var attributeType: AttributeType {
        switch self {
        case .text, .choice: .text
        case .number: .number
        case .boolean: .boolean
        case .date: .date
        case .choices: .list
        }
    }

    /// `ProfileFact.text(<redacted>)`.
    public var description: String { "ProfileFact.\(kind)(\(Redacted.text))" }
    /// As redacted as ``description``.
    public var debugDescription: String { description }
    /// The case name; the value shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "value": Redacted.text], displayStyle: .enum)
    }
}
