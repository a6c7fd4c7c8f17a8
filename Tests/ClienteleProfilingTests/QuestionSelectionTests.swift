import ClienteleProfiling
import Foundation
import Testing

/// Question selection: which fields are asked at a moment, given what is known, what was
/// declined, which consent is held and how often the customer was prompted.
@Suite struct QuestionSelectionTests {
    /// One row of the selection table.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let moment: Moment
        var known: [FieldKey: ProfileValue] = [:]
        var declines: [(FieldKey, Double)] = []
        var purposes: Set<String> = []
        var prompts: [Double] = []
        var limit = 10
        let expected: [FieldKey]

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "registration step 1 asks only the e-mail address", moment: .registrationStep1, expected: ["email"]),
        Row(name: "a known e-mail address leaves nothing for step 1", moment: .registrationStep1, known: ["email": .text("a@b.nl")], expected: []),
        Row(name: "registration step 2 asks the name, by priority then key", moment: .registrationStep2, expected: ["first-name", "last-name"]),
        Row(
            name: "the account page asks every unknown ungated field", moment: .accountPage,
            expected: ["first-name", "last-name", "phone", "has-pets", "household-size"]),
        Row(name: "the limit keeps the first fields in asking order", moment: .accountPage, limit: 2, expected: ["first-name", "last-name"]),
        Row(name: "a limit of zero asks nothing", moment: .accountPage, limit: 0, expected: []),
        Row(name: "a negative limit asks nothing", moment: .accountPage, limit: -3, expected: []),
        Row(
            name: "held consent opens the fields of its purpose", moment: .accountPage, purposes: ["personalisation"],
            expected: ["first-name", "last-name", "phone", "birth-date", "has-pets", "interests", "household-size"]),
        Row(
            name: "consent for another purpose opens only that purpose's fields", moment: .accountPage, purposes: ["health"],
            expected: ["first-name", "last-name", "phone", "has-pets", "household-size", "health-notes"]),
        Row(
            name: "known values are skipped and a met prerequisite opens its follow-up", moment: .accountPage,
            known: ["first-name": .text("Ann"), "has-pets": .boolean(true)], expected: ["last-name", "phone", "pet-kind", "household-size"]),
        Row(
            name: "an unmet value prerequisite keeps the follow-up closed", moment: .accountPage,
            known: ["first-name": .text("Ann"), "has-pets": .boolean(false)], expected: ["last-name", "phone", "household-size"]),
        Row(
            name: "a field declined within its cool-down is not asked", moment: .accountPage, declines: [("phone", 10)],
            expected: ["first-name", "last-name", "has-pets", "household-size"]),
        Row(
            name: "a field declined just inside a 30-day cool-down is not asked", moment: .accountPage, declines: [("has-pets", 29)],
            expected: ["first-name", "last-name", "phone", "household-size"]),
        Row(
            name: "a field is asked again once its cool-down has passed", moment: .accountPage, declines: [("has-pets", 30)],
            expected: ["first-name", "last-name", "phone", "has-pets", "household-size"]),
        Row(name: "a prompt two days ago blocks the account page", moment: .accountPage, prompts: [2], expected: []),
        Row(
            name: "a prompt eight days ago no longer counts", moment: .accountPage, prompts: [8],
            expected: ["first-name", "last-name", "phone", "has-pets", "household-size"]),
        Row(
            name: "checkout is exempt from the prompt cap", moment: .checkout, prompts: [2, 1],
            expected: ["first-name", "last-name", "delivery-address", "phone"]),
        Row(name: "registration is exempt from the prompt cap", moment: .registrationStep2, prompts: [0], expected: ["first-name", "last-name"]),
        Row(name: "the third login asks the birth date with consent", moment: .login(3), purposes: ["personalisation"], expected: ["birth-date"]),
        Row(name: "the birth date without consent is not asked at the third login", moment: .login(3), expected: []),
        Row(name: "the second login asks nothing", moment: .login(2), purposes: ["personalisation"], expected: []),
        Row(name: "the third order asks the household size", moment: .afterOrder(3), expected: ["household-size"]),
        Row(name: "the fourth order asks nothing", moment: .afterOrder(4), expected: []),
        Row(
            name: "after the first order the birth date and pets are asked", moment: .afterFirstOrder, purposes: ["personalisation"],
            expected: ["birth-date", "has-pets"]),
        Row(name: "a newsletter sign-up asks interests with consent", moment: .newsletterSignUp, purposes: ["personalisation"], expected: ["interests"]),
        Row(
            name: "known, declined, gated and capped together", moment: .checkout,
            known: ["first-name": .text("Ann")], declines: [("delivery-address", 5)], purposes: ["personalisation"], prompts: [1],
            limit: 5, expected: ["last-name", "phone"]),
    ]

    @Test(arguments: rows)
    func selectionTable(_ row: Row) throws {
        let selection = QuestionSelection(catalog: try Fixture.catalog())
        let profile = Fixture.profile(row.known, declines: row.declines, prompts: row.prompts)
        let questions = selection.nextQuestions(for: profile, holding: row.purposes, at: Fixture.now, moment: row.moment, limit: row.limit)
        #expect(questions.map(\.field) == row.expected)
        let plan = selection.plan(for: profile, holding: row.purposes, at: Fixture.now, moment: row.moment, limit: row.limit)
        #expect(plan.questions == questions)
        // Every catalog field is either asked or skipped with a reason, exactly once.
        let accounted = plan.questions.map(\.field) + plan.skipped.map(\.field)
        #expect(accounted.sorted() == Fixture.fields.map(\.key).sorted())
    }

    @Test func eachAskedFieldSaysWhyItIsAsked() throws {
        let selection = QuestionSelection(catalog: try Fixture.catalog())
        let profile = Fixture.profile(["has-pets": .boolean(true)], declines: [("phone", 91)])
        let questions = selection.nextQuestions(
            for: profile, holding: ["personalisation"], at: Fixture.now, moment: .accountPage, limit: 10)
        let reasons = Dictionary(uniqueKeysWithValues: questions.map { ($0.field, $0.reason) })
        #expect(reasons["first-name"] == .unanswered)
        #expect(reasons["birth-date"] == .servesPurpose("personalisation"))
        #expect(reasons["pet-kind"] == .followsUp("has-pets"))
        #expect(reasons["phone"] == .askedAgainAfterDecline(declinedAt: Fixture.daysAgo(91)))
        #expect(questions.first { $0.field == "pet-kind" }?.definition.rules.choices == ["dog", "cat", "other"])
    }

    @Test func thePlanSaysWhyEachOtherFieldIsSkipped() throws {
        let selection = QuestionSelection(catalog: try Fixture.catalog())
        let profile = Fixture.profile(["email": .text("a@b.nl")], declines: [("phone", 10)])
        let plan = selection.plan(for: profile, holding: [], at: Fixture.now, moment: .accountPage, limit: 2)
        #expect(plan.questions.map(\.field) == ["first-name", "last-name"])
        #expect(plan.skipReason(for: "email") == .known)
        #expect(plan.skipReason(for: "customer-tier") == .notEditableByCustomer)
        #expect(plan.skipReason(for: "delivery-address") == .notAskedAtThisMoment)
        #expect(plan.skipReason(for: "health-notes") == .consentNotHeld(purpose: "health"))
        #expect(plan.skipReason(for: "birth-date") == .consentNotHeld(purpose: "personalisation"))
        #expect(plan.skipReason(for: "pet-kind") == .prerequisiteNotMet("has-pets"))
        #expect(plan.skipReason(for: "phone") == .declined(until: Fixture.daysAgo(10).addingTimeInterval(90 * Fixture.day)))
        #expect(plan.skipReason(for: "has-pets") == .limitReached)
        #expect(plan.skipReason(for: "household-size") == .limitReached)
        #expect(plan.skipReason(for: "first-name") == nil)
        // Skips are listed in asking order.
        #expect(plan.skipped.first?.field == "email")
    }

    @Test func aCappedPromptSaysWhenPromptingIsAllowedAgain() throws {
        let selection = QuestionSelection(catalog: try Fixture.catalog())
        let profile = Fixture.profile(prompts: [2])
        let plan = selection.plan(for: profile, holding: [], at: Fixture.now, moment: .accountPage, limit: 3)
        #expect(plan.questions.isEmpty)
        #expect(plan.skipReason(for: "first-name") == .promptCapReached(until: Fixture.daysAgo(2).addingTimeInterval(7 * Fixture.day)))
        #expect(selection.promptBlockedUntil(for: profile, at: Fixture.now, moment: .checkout) == nil)
    }

    /// Prompts (days ago) under a cap of two a week, and when prompting is allowed again (in days from now).
    static let capRows: [(prompts: [Double], allowedAgainIn: Double?)] = [
        ([], nil), ([6], nil), ([6, 1], 1), ([6, 5, 1], 2), ([9, 8], nil), ([9, 6.5, 0.5], 0.5),
    ]

    @Test(arguments: capRows.indices)
    func aCapOfTwoAWeekCountsOnlyTheRollingPeriod(index: Int) throws {
        let (prompts, allowedAgainIn) = Self.capRows[index]
        let configuration = try ProfilingConfiguration(promptCap: PromptCap(maximumPrompts: 2, period: .seconds(7 * 86_400)))
        let selection = QuestionSelection(catalog: try Fixture.catalog(), configuration: configuration)
        let profile = Fixture.profile(prompts: prompts)
        let until = selection.promptBlockedUntil(for: profile, at: Fixture.now, moment: .accountPage)
        #expect(until == allowedAgainIn.map { Fixture.now.addingTimeInterval($0 * Fixture.day) })
        let asked = selection.nextQuestions(for: profile, holding: [], at: Fixture.now, moment: .accountPage, limit: 1)
        #expect(asked.isEmpty == (allowedAgainIn != nil))
    }

    @Test func withoutACapEveryPromptIsAllowed() throws {
        let configuration = try ProfilingConfiguration(promptCap: nil)
        let selection = QuestionSelection(catalog: try Fixture.catalog(), configuration: configuration)
        let profile = Fixture.profile(prompts: [0, 0.5, 1, 2])
        #expect(selection.nextQuestions(for: profile, holding: [], at: Fixture.now, moment: .accountPage, limit: 1).map(\.field) == ["first-name"])
    }

    @Test func aValueOfAChangedTypeCountsAsKnownAndIsNotAskedAgain() throws {
        let selection = QuestionSelection(catalog: try Fixture.catalog())
        let profile = Fixture.profile(["first-name": .number(3)])
        let plan = selection.plan(for: profile, holding: [], at: Fixture.now, moment: .registrationStep2, limit: 5)
        #expect(plan.questions.map(\.field) == ["last-name"])
        #expect(plan.skipReason(for: "first-name") == .known)
    }
}

/// The fast path (`nextQuestions`) and the explained path (`plan`) are two walks over the
/// catalog; on many seeded random situations they must ask exactly the same questions.
@Suite struct QuestionSelectionAgreementTests {
    /// A small deterministic generator (SplitMix64), so every run sees the same situations.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let moments: [Moment] = [
        .registrationStep1, .registrationStep2, .checkout, .afterFirstOrder, .afterOrder(3), .afterOrder(4), .accountPage,
        .newsletterSignUp, .login(2), .login(3),
    ]
    static let sampleValues: [FieldKey: [ProfileValue]] = [
        "has-pets": [.boolean(true), .boolean(false)], "pet-kind": [.choice("dog")], "first-name": [.text("Ann"), .number(1)],
    ]

    @Test(arguments: [1, 2, 3, 4])
    func fastAndExplainedSelectionAgree(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        let catalog = try Fixture.catalog()
        let cap = try ProfilingConfiguration(promptCap: PromptCap(maximumPrompts: 2, period: .seconds(7 * 86_400)))
        let selection = QuestionSelection(catalog: catalog, configuration: cap)
        for _ in 0..<500 {
            var known: [FieldKey: ProfileValue] = [:]
            var declines: [(FieldKey, Double)] = []
            for field in Fixture.fields {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: known[field.key] = Self.sampleValues[field.key]?.randomElement(using: &random) ?? .text("x")
                case 1: declines.append((field.key, Double.random(in: 0..<120, using: &random).rounded()))
                default: break
                }
            }
            let prompts = (0..<Int.random(in: 0..<4, using: &random)).map { _ in Double.random(in: 0..<10, using: &random).rounded() }
            let purposes = Set(["personalisation", "health"].filter { _ in Bool.random(using: &random) })
            let moment = Self.moments.randomElement(using: &random) ?? .accountPage
            let limit = Int.random(in: -1..<6, using: &random)
            let profile = Fixture.profile(known, declines: declines, prompts: prompts)
            let fast = selection.nextQuestions(for: profile, holding: purposes, at: Fixture.now, moment: moment, limit: limit)
            let plan = selection.plan(for: profile, holding: purposes, at: Fixture.now, moment: moment, limit: limit)
            #expect(fast == plan.questions, "moment \(moment), limit \(limit)")
            #expect(fast.count <= max(0, limit))
        }
    }
}
