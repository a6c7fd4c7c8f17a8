/// The rule an answer broke, as a value a host can switch on (to pick a translated message).
public enum AnswerRule: String, Sendable, Hashable, CaseIterable {
    /// The field is not in the catalog.
    case unknownField
    /// The customer may not edit the field.
    case notEditable
    /// The field is required and cannot be declined.
    case declineNotAllowed
    /// The field serves a consent purpose the customer does not hold now, so its value may
    /// be neither asked nor kept (``ProfilingService`` checks this; the pure validation
    /// does not know the consent).
    case consentNotHeld
    /// The answer is empty (blank text, no choices for a required field).
    case empty
    /// The value is not of the field's type.
    case wrongType
    /// The text holds control characters (line breaks, tabs, NUL...).
    case controlCharacters
    /// The text is shorter than the field allows.
    case tooShort
    /// The text is longer than the field allows.
    case tooLong
    /// The text is not an e-mail address.
    case invalidEmail
    /// The text is not a phone number in international form with its country code.
    case invalidPhone
    /// The number is not finite.
    case notFinite
    /// The number is below the field's minimum.
    case belowMinimum
    /// The number is above the field's maximum.
    case aboveMaximum
    /// The number has a fraction where only whole numbers are allowed.
    case notWholeNumber
    /// The choice is not one of the field's choices.
    case notAChoice
    /// A choice appears twice.
    case duplicateChoice
    /// More choices than the field allows.
    case tooManyChoices
    /// The date does not exist (such as 30 February).
    case invalidDate
    /// The date lies before the field's earliest date.
    case tooEarly
    /// The date lies after the field's latest date.
    case tooLate
    /// The date lies fewer years before the answer than the field requires (an age check).
    case tooRecent
    /// The address lacks a line, postal code or city.
    case incompleteAddress
    /// The address's country is not an ISO 3166-1 alpha-2 code.
    case invalidCountry
}
