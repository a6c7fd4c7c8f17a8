/// A typed profile value. Which case a field takes follows from its ``FieldType``
/// (``FieldType/text``, ``FieldType/email`` and ``FieldType/phone`` take ``text(_:)``).
///
/// Personal data: its description, debug description and mirror show the case, never the value.
public enum ProfileValue: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Text: free text, an e-mail address (its display form) or an E.164 phone number.
    case text(String)
    /// A finite number.
    case number(Double)
    /// Yes or no.
    case boolean(Bool)
    /// A calendar date.
    case date(CalendarDate)
    /// One choice of a single-choice field.
    case choice(String)
    /// The choices of a multiple-choice field, in the order given.
    case choices([String])
    /// A postal address.
    indirect case address(PostalAddress)

    /// The case name, such as `text` or `date`: safe to log.
    public var kind: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date"
        case .choice: "choice"
        case .choices: "choices"
        case .address: "address"
        }
    }

    /// True when the value is the case `type` takes.
    public func fits(_ type: FieldType) -> Bool {
        switch (self, type) {
        case (.text, .text), (.text, .email), (.text, .phone), (.number, .number), (.boolean, .boolean),
            (.date, .date), (.choice, .singleChoice), (.choices, .multipleChoice), (.address, .address):
            true
        default: false
        }
    }

    /// `ProfileValue.text(<redacted>)`.
    public var description: String { "ProfileValue.\(kind)(\(Redacted.text))" }

    /// As redacted as ``description``.
    public var debugDescription: String { description }

    /// The case name; the value shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "value": Redacted.text], displayStyle: .enum)
    }
}
