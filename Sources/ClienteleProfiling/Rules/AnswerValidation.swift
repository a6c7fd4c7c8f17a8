public import Foundation

/// Checks a submission (answers by field key) against the catalog: a pure, synchronous
/// rule that reports every failing answer, never only the first.
///
/// Unknown field keys are errors (never silently dropped); a customer answering a field
/// only the shop may set is an error; text with control characters, days that do not exist
/// (`2026-02-30`) and phone numbers without a country code are refused. Messages name the
/// rule, never the value.
///
/// ```swift
/// let report = AnswerValidation(catalog: catalog).validate(answers, source: .customer, at: now)
/// for (field, value) in report.valuesToStore(.atomic) { profile.set(value, for: field, ...) }
/// ```
public struct AnswerValidation: Sendable {
    /// The catalog the answers are checked against.
    public let catalog: FieldCatalog

    /// Creates a validation over `catalog`.
    public init(catalog: FieldCatalog) {
        self.catalog = catalog
    }

    /// Checks every answer of a submission.
    ///
    /// - Parameters:
    ///   - answers: The answers by field key.
    ///   - source: Who answers; a ``Provenance/Source/customer`` may only answer fields
    ///     that are ``FieldDefinition/editableByCustomer``.
    ///   - instant: When the answers are given (the reference for "at least N years before").
    /// - Returns: The normalized valid values and declines, and the errors sorted by field key.
    public func validate(_ answers: [FieldKey: Answer], source: Provenance.Source, at instant: Date) -> AnswerReport {
        var values: [FieldKey: ProfileValue] = [:]
        var declines: [FieldKey] = []
        var errors: [FieldError] = []
        for (key, answer) in answers {
            guard let field = catalog.field(key) else {
                errors.append(FieldError(field: key, rule: .unknownField, message: "The field is not in the catalog."))
                continue
            }
            if source == .customer && !field.editableByCustomer {
                errors.append(FieldError(field: key, rule: .notEditable, message: "The customer may not edit this field; the shop sets it."))
                continue
            }
            switch answer {
            case .declined:
                if field.rules.required {
                    errors.append(FieldError(field: key, rule: .declineNotAllowed, message: "The field is required and cannot be declined."))
                } else {
                    declines.append(key)
                }
            case .value(let value):
                switch check(value, for: field, at: instant) {
                case .success(let normalized): values[key] = normalized
                case .failure(let error): errors.append(error)
                }
            }
        }
        declines.sort()
        errors.sort { $0.field < $1.field }
        return AnswerReport(values: values, declines: declines, errors: errors)
    }

    /// Checks one value against `field`'s type and rules.
    ///
    /// - Returns: The normalized value (an e-mail address in its display form, a phone
    ///   number in E.164, a country code in upper case), or the first rule it breaks.
    public func check(_ value: ProfileValue, for field: FieldDefinition, at instant: Date) -> Result<ProfileValue, FieldError> {
        func failure(_ rule: AnswerRule, _ message: String) -> Result<ProfileValue, FieldError> {
            .failure(FieldError(field: field.key, rule: rule, message: message))
        }
        guard value.fits(field.type) else {
            return failure(.wrongType, "The field takes a value of type \(field.type.rawValue), not \(value.kind).")
        }
        let rules = field.rules
        switch value {
        case .text(let text):
            if let broken = Self.checkText(text, rules: rules, type: field.type) { return failure(broken.rule, broken.message) }
            switch field.type {
            case .email:
                guard let address = try? EmailAddress(parsing: text) else {
                    return failure(.invalidEmail, "The answer is not a valid e-mail address.")
                }
                return .success(.text(address.displayForm))
            case .phone:
                guard let phone = Self.e164(text) else {
                    return failure(.invalidPhone, "Write the phone number in international form with its country code, such as +31 6 12345678.")
                }
                return .success(.text(phone))
            default:
                return .success(value)
            }
        case .number(let number):
            guard number.isFinite else { return failure(.notFinite, "The number must be finite.") }
            if let minimum = rules.minimum, number < minimum { return failure(.belowMinimum, "The number is below the minimum of \(minimum).") }
            if let maximum = rules.maximum, number > maximum { return failure(.aboveMaximum, "The number is above the maximum of \(maximum).") }
            if rules.wholeNumber && number.rounded(.towardZero) != number {
                return failure(.notWholeNumber, "The number must be a whole number.")
            }
            return .success(value)
        case .boolean:
            return .success(value)
        case .date(let date):
            guard date.isValid else { return failure(.invalidDate, "The date does not exist.") }
            if let earliest = rules.earliest, date < earliest { return failure(.tooEarly, "The date lies before \(earliest.iso8601).") }
            if let latest = rules.latest, latest < date { return failure(.tooLate, "The date lies after \(latest.iso8601).") }
            if let years = rules.minimumYearsBefore, CalendarDate(utcDayOf: instant).adding(years: -years) < date {
                return failure(.tooRecent, "The date must lie at least \(years) years before today.")
            }
            return .success(value)
        case .choice(let choice):
            guard rules.choices.contains(choice) else { return failure(.notAChoice, "The answer is not one of the field's choices.") }
            return .success(value)
        case .choices(let choices):
            if rules.required && choices.isEmpty { return failure(.empty, "The field is required; pick at least one choice.") }
            guard choices.allSatisfy(rules.choices.contains) else {
                return failure(.notAChoice, "An answer is not one of the field's choices.")
            }
            guard Set(choices).count == choices.count else { return failure(.duplicateChoice, "A choice appears twice.") }
            if let maximum = rules.maximumChoices, choices.count > maximum {
                return failure(.tooManyChoices, "At most \(maximum) choices may be picked.")
            }
            return .success(value)
        case .address(var address):
            let parts: [(String?, Bool)] = [
                (address.line1, true), (address.line2, false), (address.postalCode, true), (address.city, true), (address.region, false),
            ]
            for (part, needed) in parts {
                guard let part else { continue }
                if Self.isBlank(part) {
                    if needed { return failure(.incompleteAddress, "An address needs a first line, a postal code and a city.") }
                    continue
                }
                if Self.hasControlCharacters(part) { return failure(.controlCharacters, "The address holds control characters.") }
                if part.count > FieldRules.defaultMaximumLength {
                    return failure(.tooLong, "An address part is longer than \(FieldRules.defaultMaximumLength) characters.")
                }
            }
            let country = address.country.uppercased()
            guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
                return failure(.invalidCountry, "The country must be an ISO 3166-1 alpha-2 code, such as NL.")
            }
            address.country = country
            return .success(.address(address))
        }
    }

    /// The first text rule `text` breaks: empty, control characters, length.
    static func checkText(_ text: String, rules: FieldRules, type: FieldType) -> (rule: AnswerRule, message: String)? {
        if isBlank(text) { return (.empty, "The answer is empty; leave the field out or decline it instead.") }
        if hasControlCharacters(text) { return (.controlCharacters, "The answer holds control characters (line breaks, tabs or others).") }
        let length = text.count
        let maximum = rules.maximumLength ?? (type == .email ? EmailAddress.maximumLength : FieldRules.defaultMaximumLength)
        if length > maximum { return (.tooLong, "The answer is longer than \(maximum) characters.") }
        if let minimum = rules.minimumLength, length < minimum { return (.tooShort, "The answer is shorter than \(minimum) characters.") }
        return nil
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The E.164 form of a phone number written with `+` and its country code, allowing
    /// spaces, hyphens, dots and parentheses between digits: `+` and 8–15 digits, the first
    /// not 0. `nil` for anything else (a national number such as `06 12345678`, `0031…`).
    static func e164(_ text: String) -> String? {
        var digits: [UInt8] = []
        var sawPlus = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "+"):
                guard !sawPlus, digits.isEmpty else { return nil }
                sawPlus = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard sawPlus else { return nil }
                digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
                continue
            default:
                return nil
            }
        }
        guard sawPlus, (8...15).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }
}
