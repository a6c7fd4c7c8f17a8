/// The validation rules of one field. Which rules apply follows from the field's
/// ``FieldType``; ``FieldCatalog`` refuses rules that do not fit it.
///
/// ```swift
/// FieldRules(required: false, earliest: CalendarDate(year: 1900, month: 1, day: 1), minimumYearsBefore: 16)
/// FieldRules(choices: ["dog", "cat", "none"], defaultChoice: "none")
/// ```
public struct FieldRules: Sendable, Hashable {
    /// The longest text accepted when a text field sets no ``maximumLength``.
    public static let defaultMaximumLength = 200

    /// A required field cannot be declined; every field refuses an empty answer.
    public var required: Bool
    /// The shortest text accepted, in characters (text fields).
    public var minimumLength: Int?
    /// The longest text accepted, in characters (text fields); when `nil`,
    /// ``defaultMaximumLength``, or for an e-mail field the longest e-mail address (254).
    public var maximumLength: Int?
    /// The smallest number accepted (number fields).
    public var minimum: Double?
    /// The largest number accepted (number fields).
    public var maximum: Double?
    /// Only whole numbers are accepted (number fields).
    public var wholeNumber: Bool
    /// The allowed choices (choice fields; required there), as stable values the host maps
    /// to labels.
    public var choices: [String]
    /// The choice a form preselects (single-choice fields); must be one of ``choices``.
    public var defaultChoice: String?
    /// The most choices one answer may pick (multiple-choice fields).
    public var maximumChoices: Int?
    /// The earliest date accepted (date fields).
    public var earliest: CalendarDate?
    /// The latest date accepted (date fields).
    public var latest: CalendarDate?
    /// The date must lie at least this many years before the day of the answer (UTC):
    /// 16 for "at least 16 years old" on a birth date (date fields).
    public var minimumYearsBefore: Int?

    /// Creates rules; every rule is off unless given.
    public init(
        required: Bool = false, minimumLength: Int? = nil, maximumLength: Int? = nil, minimum: Double? = nil,
        maximum: Double? = nil, wholeNumber: Bool = false, choices: [String] = [], defaultChoice: String? = nil,
        maximumChoices: Int? = nil, earliest: CalendarDate? = nil, latest: CalendarDate? = nil,
        minimumYearsBefore: Int? = nil
    ) {
        self.required = required
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.minimum = minimum
        self.maximum = maximum
        self.wholeNumber = wholeNumber
        self.choices = choices
        self.defaultChoice = defaultChoice
        self.maximumChoices = maximumChoices
        self.earliest = earliest
        self.latest = latest
        self.minimumYearsBefore = minimumYearsBefore
    }
}
