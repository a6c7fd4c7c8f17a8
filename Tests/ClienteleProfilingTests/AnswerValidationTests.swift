import ClienteleProfiling
import Foundation
import Testing

/// Answer validation: every field type with bad input, normalization, unknown and
/// shop-only fields, declines, atomic and partial submissions, and messages without values.
@Suite struct AnswerValidationTests {
    /// One bad answer and the rule it must break.
    struct Bad: Sendable, CustomTestStringConvertible {
        let field: FieldKey
        let value: ProfileValue
        let rule: AnswerRule
        let name: String

        var testDescription: String { "\(field) refuses \(name) as \(rule.rawValue)" }
    }

    static let bad: [Bad] = [
        Bad(field: "email", value: .text("not-an-address"), rule: .invalidEmail, name: "text without @"),
        Bad(field: "email", value: .text("a@b@c.nl"), rule: .invalidEmail, name: "two @"),
        Bad(field: "email", value: .number(1), rule: .wrongType, name: "a number"),
        Bad(field: "first-name", value: .text(String(repeating: "a", count: 51)), rule: .tooLong, name: "51 characters"),
        Bad(field: "first-name", value: .text("Ann\u{0}"), rule: .controlCharacters, name: "a NUL"),
        Bad(field: "first-name", value: .text("Ann\nMarie"), rule: .controlCharacters, name: "a line break"),
        Bad(field: "first-name", value: .text("Ann\u{1B}[31m"), rule: .controlCharacters, name: "an escape sequence"),
        Bad(field: "first-name", value: .text("  "), rule: .empty, name: "blanks"),
        Bad(field: "first-name", value: .text(""), rule: .empty, name: "nothing"),
        Bad(field: "first-name", value: .choice("Ann"), rule: .wrongType, name: "a choice"),
        Bad(field: "last-name", value: .text("B"), rule: .tooShort, name: "one character"),
        Bad(field: "last-name", value: .text(String(repeating: "b", count: 201)), rule: .tooLong, name: "201 characters by default"),
        Bad(field: "phone", value: .text("06 12345678"), rule: .invalidPhone, name: "a national number"),
        Bad(field: "phone", value: .text("0031 6 12345678"), rule: .invalidPhone, name: "an 00 prefix"),
        Bad(field: "phone", value: .text("+0 612345678"), rule: .invalidPhone, name: "country code 0"),
        Bad(field: "phone", value: .text("+31 6 1234"), rule: .invalidPhone, name: "too few digits"),
        Bad(field: "phone", value: .text("+31 6 1234 5678 9012 3"), rule: .invalidPhone, name: "more than 15 digits"),
        Bad(field: "phone", value: .text("+31 6 CALL ME"), rule: .invalidPhone, name: "letters"),
        Bad(field: "phone", value: .text("+31 6+12345678"), rule: .invalidPhone, name: "a second plus"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 2026, month: 2, day: 30)), rule: .invalidDate, name: "30 February"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 2023, month: 2, day: 29)), rule: .invalidDate, name: "29 February of 2023"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 1990, month: 13, day: 1)), rule: .invalidDate, name: "month 13"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 1990, month: 4, day: 31)), rule: .invalidDate, name: "31 April"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 1990, month: 1, day: 0)), rule: .invalidDate, name: "day 0"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 1899, month: 12, day: 31)), rule: .tooEarly, name: "a date before 1900"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 2010, month: 3, day: 2)), rule: .tooRecent, name: "someone a day short of 16"),
        Bad(field: "birth-date", value: .date(CalendarDate(year: 2030, month: 1, day: 1)), rule: .tooRecent, name: "a future date"),
        Bad(field: "birth-date", value: .text("1990-01-01"), rule: .wrongType, name: "text"),
        Bad(field: "household-size", value: .number(0), rule: .belowMinimum, name: "0"),
        Bad(field: "household-size", value: .number(21), rule: .aboveMaximum, name: "21"),
        Bad(field: "household-size", value: .number(2.5), rule: .notWholeNumber, name: "2.5"),
        Bad(field: "household-size", value: .number(.infinity), rule: .notFinite, name: "infinity"),
        Bad(field: "household-size", value: .number(.nan), rule: .notFinite, name: "NaN"),
        Bad(field: "household-size", value: .text("3"), rule: .wrongType, name: "text"),
        Bad(field: "has-pets", value: .text("yes"), rule: .wrongType, name: "text"),
        Bad(field: "pet-kind", value: .choice("hamster"), rule: .notAChoice, name: "an unknown choice"),
        Bad(field: "pet-kind", value: .choices(["dog"]), rule: .wrongType, name: "several choices"),
        Bad(field: "interests", value: .choices(["garden", "cars"]), rule: .notAChoice, name: "an unknown choice"),
        Bad(field: "interests", value: .choices(["garden", "garden"]), rule: .duplicateChoice, name: "a choice twice"),
        Bad(field: "interests", value: .choices(["garden", "books", "kitchen", "sports"]), rule: .tooManyChoices, name: "four choices"),
        Bad(field: "interests", value: .choice("garden"), rule: .wrongType, name: "a single choice"),
        Bad(
            field: "delivery-address", value: .address(PostalAddress(line1: "Main 1", postalCode: "1234 AB", city: " ", country: "NL")),
            rule: .incompleteAddress, name: "a blank city"),
        Bad(
            field: "delivery-address", value: .address(PostalAddress(line1: "Main\t1", postalCode: "1234 AB", city: "Utrecht", country: "NL")),
            rule: .controlCharacters, name: "a tab"),
        Bad(
            field: "delivery-address",
            value: .address(PostalAddress(line1: "Main 1", postalCode: "1234 AB", city: "Utrecht", country: "Netherlands")),
            rule: .invalidCountry, name: "a country name"),
        Bad(
            field: "delivery-address",
            value: .address(PostalAddress(line1: String(repeating: "x", count: 201), postalCode: "1", city: "Utrecht", country: "NL")),
            rule: .tooLong, name: "a long line"),
        Bad(field: "delivery-address", value: .text("Main 1, Utrecht"), rule: .wrongType, name: "text"),
    ]

    @Test(arguments: bad)
    func badAnswersAreRefusedByTheirRule(_ bad: Bad) throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            [bad.field: .value(bad.value)], source: .customer, at: Fixture.now)
        #expect(report.errors.map(\.rule) == [bad.rule])
        #expect(report.errors.first?.field == bad.field)
        #expect(report.values.isEmpty)
        #expect(!report.isValid)
    }

    /// Good answers and their normalized form.
    static let good: [(field: FieldKey, value: ProfileValue, stored: ProfileValue)] = [
        ("phone", .text("+31 6 1234-5678"), .text("+31612345678")),
        ("phone", .text("+1 (415) 555.2671"), .text("+14155552671")),
        ("first-name", .text("Zoë"), .text("Zoë")),
        ("first-name", .text(String(repeating: "é", count: 50)), .text(String(repeating: "é", count: 50))),
        ("birth-date", .date(CalendarDate(year: 2010, month: 3, day: 1)), .date(CalendarDate(year: 2010, month: 3, day: 1))),
        ("birth-date", .date(CalendarDate(year: 2000, month: 2, day: 29)), .date(CalendarDate(year: 2000, month: 2, day: 29))),
        ("household-size", .number(4), .number(4)),
        ("has-pets", .boolean(false), .boolean(false)),
        ("pet-kind", .choice("cat"), .choice("cat")),
        ("interests", .choices([]), .choices([])),
        ("interests", .choices(["books", "garden"]), .choices(["books", "garden"])),
        (
            "delivery-address", .address(PostalAddress(line1: "Main 1", postalCode: "1234 AB", city: "Utrecht", country: "nl")),
            .address(PostalAddress(line1: "Main 1", postalCode: "1234 AB", city: "Utrecht", country: "NL"))
        ),
    ]

    @Test(arguments: good.indices)
    func goodAnswersPassInTheirNormalizedForm(index: Int) throws {
        let (field, value, stored) = Self.good[index]
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate([field: .value(value)], source: .customer, at: Fixture.now)
        #expect(report.errors.isEmpty)
        #expect(report.values == [field: stored])
    }

    @Test func anEmailAddressIsStoredInItsDisplayForm() throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            ["email": .value(.text("Ann@Example.NL"))], source: .customer, at: Fixture.now)
        #expect(report.values == ["email": .text(try EmailAddress(parsing: "Ann@Example.NL").displayForm)])
    }

    @Test func aLongValidEmailAddressIsNotCutAtTheTextDefault() throws {
        let long = String(repeating: "a", count: 64) + "@" + String(repeating: "b", count: 63) + "." + String(repeating: "c", count: 63)
            + "." + String(repeating: "d", count: 30) + ".nl"
        #expect(long.count == 226)
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(["email": .value(.text(long))], source: .customer, at: Fixture.now)
        #expect(report.errors.isEmpty)
        #expect(report.values.count == 1)
    }

    @Test func unknownFieldsAreErrorsNotDropped() throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            ["favourite-colour": .value(.text("blue")), "first-name": .value(.text("Ann"))], source: .customer, at: Fixture.now)
        #expect(report.errors.map(\.rule) == [.unknownField])
        #expect(report.errors.first?.error.code == .unknownField)
        #expect(report.valuesToStore(.atomic).isEmpty)
        #expect(report.valuesToStore(.partial) == ["first-name": .text("Ann")])
    }

    @Test func aCustomerCannotAnswerAShopField() throws {
        let validation = AnswerValidation(catalog: try Fixture.catalog())
        let byCustomer = validation.validate(["customer-tier": .value(.choice("vip"))], source: .customer, at: Fixture.now)
        #expect(byCustomer.errors.map(\.rule) == [.notEditable])
        #expect(byCustomer.errors.first?.error.code == .fieldNotEditable)
        let byShop = validation.validate(["customer-tier": .value(.choice("vip"))], source: .shop, at: Fixture.now)
        #expect(byShop.values == ["customer-tier": .choice("vip")])
    }

    @Test func declinesAreRecordedButARequiredFieldCannotBeDeclined() throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            ["has-pets": .declined, "phone": .declined, "email": .declined], source: .customer, at: Fixture.now)
        #expect(report.declines == ["has-pets", "phone"])
        #expect(report.errors.map(\.rule) == [.declineNotAllowed])
        #expect(report.declinesToStore(.atomic).isEmpty)
        #expect(report.declinesToStore(.partial) == ["has-pets", "phone"])
    }

    @Test func anAtomicSubmissionStoresNothingWhenOneAnswerFails() throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            [
                "first-name": .value(.text("Ann")), "phone": .value(.text("0612345678")), "has-pets": .declined,
                "household-size": .value(.number(99)),
            ], source: .customer, at: Fixture.now)
        #expect(report.errors.map(\.field) == ["household-size", "phone"])
        #expect(report.valuesToStore(.atomic).isEmpty)
        #expect(report.declinesToStore(.atomic).isEmpty)
        #expect(report.valuesToStore(.partial) == ["first-name": .text("Ann")])
        #expect(report.declinesToStore(.partial) == ["has-pets"])
        #expect(throws: ProfilingError.self) { try report.requireValid() }
        do {
            try report.requireValid()
        } catch {
            #expect(error.code == .invalidAnswer)
            #expect(error.context.item == "household-size")
            #expect(error.context.field == "aboveMaximum")
        }
    }

    @Test func aValidSubmissionStoresEverythingInEitherMode() throws {
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            ["first-name": .value(.text("Ann")), "has-pets": .declined], source: .customer, at: Fixture.now)
        #expect(report.isValid)
        #expect(report.valuesToStore(.atomic) == report.valuesToStore(.partial))
        #expect(report.declinesToStore(.atomic) == ["has-pets"])
        try report.requireValid()
    }

    @Test(arguments: bad)
    func messagesNeverContainTheValue(_ bad: Bad) throws {
        let secret = "S3CRET-VALUE"
        let value: ProfileValue =
            switch bad.value {
            case .text(let text): .text(text + secret)
            case .choice(let choice): .choice(choice + secret)
            case .choices(let choices): .choices(choices.map { $0 + secret })
            default: bad.value
            }
        let report = AnswerValidation(catalog: try Fixture.catalog()).validate(
            [bad.field: .value(value)], source: .customer, at: Fixture.now)
        for error in report.errors {
            #expect(!error.message.contains(secret))
            #expect(!error.error.description.contains(secret))
        }
    }
}
