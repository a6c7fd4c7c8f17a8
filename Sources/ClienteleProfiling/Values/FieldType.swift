/// The kind of value a profile field holds, which decides the ``ProfileValue`` case an
/// answer must have and the rules that apply to it.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Free text (a name, a company): a ``ProfileValue/text(_:)``.
    case text
    /// An e-mail address, checked with `EmailAddress`: a ``ProfileValue/text(_:)``.
    case email
    /// A phone number in E.164 form (`+31612345678`): a ``ProfileValue/text(_:)``.
    case phone
    /// A calendar date (a birth date): a ``ProfileValue/date(_:)``.
    case date
    /// A number (shoe size, household size): a ``ProfileValue/number(_:)``.
    case number
    /// Yes or no: a ``ProfileValue/boolean(_:)``.
    case boolean
    /// One of the field's choices: a ``ProfileValue/choice(_:)``.
    case singleChoice
    /// Any number of the field's choices: a ``ProfileValue/choices(_:)``.
    case multipleChoice
    /// A postal address: a ``ProfileValue/address(_:)``.
    case address
}
