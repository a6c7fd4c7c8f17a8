import ClienteleProfiling
import Foundation
import Testing

/// Building a catalog: every way a catalog can be wrong fails with a typed error naming the field.
@Suite struct FieldCatalogTests {
    static func field(
        _ key: FieldKey, type: FieldType = .text, rules: FieldRules = FieldRules(), purpose: String? = nil, weight: Int = 1,
        prerequisites: [Prerequisite] = [], moments: Set<Moment> = [.accountPage], labelKey: String = "label",
        coolDown: Duration = FieldDefinition.defaultDeclineCoolDown
    ) -> FieldDefinition {
        FieldDefinition(
            key: key, labelKey: labelKey, type: type, rules: rules, purpose: purpose, weight: weight, prerequisites: prerequisites,
            moments: moments, declineCoolDown: coolDown)
    }

    /// A broken catalog, the code it fails with and the field it names.
    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let fields: [FieldDefinition]
        let code: ProfilingErrorCode
        let item: String

        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "a duplicate key", fields: [field("a"), field("b"), field("a")], code: .duplicateField, item: "a"),
        Broken(name: "an unknown prerequisite", fields: [field("a"), field("b", prerequisites: [.known("c")])], code: .unknownPrerequisite, item: "b"),
        Broken(name: "a field that needs itself", fields: [field("a", prerequisites: [.known("a")])], code: .prerequisiteCycle, item: "a"),
        Broken(
            name: "a two-field cycle", fields: [field("a", prerequisites: [.known("b")]), field("b", prerequisites: [.known("a")])],
            code: .prerequisiteCycle, item: "a"),
        Broken(
            name: "a three-field cycle behind a chain",
            fields: [
                field("start", prerequisites: [.known("x")]), field("x", prerequisites: [.known("y")]),
                field("y", prerequisites: [.known("z")]), field("z", prerequisites: [.known("x")]),
            ],
            code: .prerequisiteCycle, item: "x"),
        Broken(
            name: "a default outside the choices",
            fields: [field("pet", type: .singleChoice, rules: FieldRules(choices: ["dog", "cat"], defaultChoice: "fish"))],
            code: .invalidChoiceDefault, item: "pet"),
        Broken(name: "an invalid key", fields: [field("Bad Key")], code: .invalidFieldKey, item: "#0"),
        Broken(name: "a choice field without choices", fields: [field("pet", type: .singleChoice)], code: .invalidField, item: "pet"),
        Broken(
            name: "duplicate choices", fields: [field("pet", type: .multipleChoice, rules: FieldRules(choices: ["dog", "dog"]))],
            code: .invalidField, item: "pet"),
        Broken(name: "choices on a text field", fields: [field("name", rules: FieldRules(choices: ["a"]))], code: .invalidField, item: "name"),
        Broken(
            name: "a default on a multiple-choice field",
            fields: [field("pet", type: .multipleChoice, rules: FieldRules(choices: ["dog"], defaultChoice: "dog"))], code: .invalidField,
            item: "pet"),
        Broken(name: "length rules on a number", fields: [field("n", type: .number, rules: FieldRules(maximumLength: 3))], code: .invalidField, item: "n"),
        Broken(
            name: "a minimum length above the maximum", fields: [field("name", rules: FieldRules(minimumLength: 10, maximumLength: 5))],
            code: .invalidField, item: "name"),
        Broken(name: "number rules on text", fields: [field("name", rules: FieldRules(minimum: 1))], code: .invalidField, item: "name"),
        Broken(name: "a minimum above the maximum", fields: [field("n", type: .number, rules: FieldRules(minimum: 5, maximum: 1))], code: .invalidField, item: "n"),
        Broken(
            name: "an infinite bound", fields: [field("n", type: .number, rules: FieldRules(maximum: .infinity))], code: .invalidField, item: "n"),
        Broken(
            name: "date rules on text", fields: [field("name", rules: FieldRules(minimumYearsBefore: 16))], code: .invalidField, item: "name"),
        Broken(
            name: "a bound that does not exist",
            fields: [field("d", type: .date, rules: FieldRules(earliest: CalendarDate(year: 2026, month: 2, day: 30)))], code: .invalidField,
            item: "d"),
        Broken(
            name: "an earliest date after the latest",
            fields: [
                field(
                    "d", type: .date,
                    rules: FieldRules(earliest: CalendarDate(year: 2000, month: 1, day: 1), latest: CalendarDate(year: 1990, month: 1, day: 1)))
            ], code: .invalidField, item: "d"),
        Broken(
            name: "a negative age", fields: [field("d", type: .date, rules: FieldRules(minimumYearsBefore: -1))], code: .invalidField, item: "d"),
        Broken(
            name: "a maximum of zero choices",
            fields: [field("i", type: .multipleChoice, rules: FieldRules(choices: ["a"], maximumChoices: 0))], code: .invalidField, item: "i"),
        Broken(name: "a negative weight", fields: [field("a", weight: -1)], code: .invalidField, item: "a"),
        Broken(name: "a purpose with a space", fields: [field("a", purpose: "my purpose")], code: .invalidField, item: "a"),
        Broken(name: "an empty label key", fields: [field("a", labelKey: "")], code: .invalidField, item: "a"),
        Broken(name: "an order moment counting from 0", fields: [field("a", moments: [.afterOrder(0)])], code: .invalidField, item: "a"),
        Broken(name: "a login moment below 1", fields: [field("a", moments: [.login(-1)])], code: .invalidField, item: "a"),
        Broken(name: "a negative cool-down", fields: [field("a", coolDown: .seconds(-1))], code: .invalidField, item: "a"),
        Broken(
            name: "a prerequisite value of the wrong type",
            fields: [field("flag", type: .boolean), field("b", prerequisites: [.equals("flag", .text("yes"))])], code: .invalidField, item: "b"),
        Broken(
            name: "an empty one-of prerequisite", fields: [field("flag", type: .boolean), field("b", prerequisites: [.oneOf("flag", [])])],
            code: .invalidField, item: "b"),
    ]

    @Test(arguments: broken)
    func aBrokenCatalogFailsNamingTheField(_ broken: Broken) {
        #expect {
            try FieldCatalog(broken.fields)
        } throws: { error in
            guard let error = error as? ProfilingError else { return false }
            return error.code == broken.code && error.context.item == broken.item
        }
    }

    @Test func theShopCatalogBuildsAndKnowsItsFields() throws {
        let catalog = try Fixture.catalog()
        #expect(catalog.fields.count == Fixture.fields.count)
        #expect(catalog.field("pet-kind")?.type == .singleChoice)
        #expect(catalog.field("nope") == nil)
        #expect(throws: ProfilingError.self) { try catalog.require("nope") }
        #expect(catalog.purposes == ["health", "personalisation"])
        #expect(catalog.fields(servingPurpose: "personalisation") == ["birth-date", "interests"])
        #expect(
            catalog.fieldsInAskingOrder.prefix(4).map(\.key) == ["email", "first-name", "last-name", "delivery-address"])
    }

    @Test func aLongPrerequisiteChainIsNoCycle() throws {
        let chain = (0..<2_000).map { index in
            Self.field(FieldKey(stringLiteral: "f\(index)"), prerequisites: index == 0 ? [] : [.known(FieldKey(stringLiteral: "f\(index - 1)"))])
        }
        #expect(try FieldCatalog(chain.reversed()).fields.count == 2_000)
    }

    @Test func anEmptyCatalogAsksNothing() {
        let selection = QuestionSelection(catalog: FieldCatalog())
        #expect(selection.nextQuestions(for: Fixture.profile(), holding: [], at: Fixture.now, moment: .accountPage, limit: 5).isEmpty)
    }

    @Test func fieldKeysFollowTheirSyntax() {
        #expect(FieldKey(rawValue: "birth-date") != nil)
        #expect(FieldKey(rawValue: "household.children_2") != nil)
        #expect(FieldKey(rawValue: "Birth-Date") == nil)
        #expect(FieldKey(rawValue: "") == nil)
        #expect(FieldKey(rawValue: String(repeating: "a", count: 65)) == nil)
        #expect(throws: ProfilingError.self) { try FieldKey(validating: "a b") }
    }
}
