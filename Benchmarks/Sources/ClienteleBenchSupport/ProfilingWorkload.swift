import ClienteleProfiling
import Foundation

/// The profiling workload shared by `clientele-bench profiling` and the
/// `Profiling.nextQuestions.x1000` micro-benchmark: a 40-field catalog of the kind a shop
/// keeps (texts, choices, numbers, dates, addresses; three consent purposes; prerequisite
/// chains; eight moments; two shop-set fields) and deterministic, about half-filled
/// profiles with some declines and recent prompts.
///
/// Everything follows from a seed through ``ProfilingWorkload/Random``, so the same seed
/// gives the same profiles and situations on every machine.
public enum ProfilingWorkload {
    /// "Now" for every call: 2026-10-31 00:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_793_491_200)

    /// The consent purposes the catalog's fields serve.
    public static let purposes = ["personalisation", "marketing", "research"]

    /// The purpose sets a customer may hold, from none to all three.
    public static let purposeSets: [Set<String>] = [
        [], ["personalisation"], ["personalisation", "marketing"], ["personalisation", "marketing", "research"],
    ]

    /// The moments situations are drawn from: the catalog's eight and one it never asks at.
    public static let moments: [Moment] = [
        .registrationStep2, .checkout, .afterFirstOrder, .afterOrder(3), .accountPage, .newsletterSignUp, .login(2),
        .login(5), .afterOrder(7),
    ]

    /// The most questions one call asks for.
    public static let limit = 3

    /// One call's arguments: which profile, which purpose set, which moment.
    public struct Situation: Sendable, Hashable {
        /// The index of the profile.
        public var profile: Int
        /// The index in ``ProfilingWorkload/purposeSets``.
        public var purposes: Int
        /// The moment asked at.
        public var moment: Moment
    }

    /// The 40 fields. Fields named in prerequisites come before the fields that need them,
    /// so ``profiles(count:catalog:seed:)`` can fill them in order.
    public static func catalog() throws -> FieldCatalog {
        func field(
            _ key: String, _ type: FieldType, _ moments: Set<Moment>, priority: Int, purpose: String? = nil,
            rules: FieldRules = FieldRules(), prerequisites: [Prerequisite] = [], editable: Bool = true,
            sensitivity: FieldSensitivity = .normal
        ) throws -> FieldDefinition {
            FieldDefinition(
                key: try FieldKey(validating: key), labelKey: "profile.\(key)", type: type, rules: rules,
                editableByCustomer: editable, purpose: purpose, sensitivity: sensitivity, priority: priority,
                prerequisites: prerequisites, moments: moments)
        }
        func choices(_ values: [String]) -> FieldRules { FieldRules(choices: values) }
        let (p, m, r) = ("personalisation", "marketing", "research")
        return try FieldCatalog([
            try field("email", .email, [.registrationStep1, .accountPage], priority: 100),
            try field("first-name", .text, [.registrationStep2, .accountPage], priority: 90),
            try field("last-name", .text, [.registrationStep2, .checkout, .accountPage], priority: 90),
            try field("shipping-address", .address, [.checkout], priority: 80),
            try field("phone", .phone, [.checkout, .accountPage], priority: 70),
            try field("country", .singleChoice, [.registrationStep2, .checkout], priority: 65, rules: choices(["NL", "BE", "DE", "FR", "GB"])),
            try field("language", .singleChoice, [.registrationStep2, .accountPage], priority: 60, rules: choices(["nl", "en", "de", "fr"])),
            try field(
                "birth-date", .date, [.afterFirstOrder, .accountPage], priority: 60, purpose: p,
                rules: FieldRules(minimumYearsBefore: 16)),
            try field("newsletter-topics", .multipleChoice, [.newsletterSignUp, .accountPage], priority: 55, purpose: m,
                rules: choices(["new", "sale", "events", "tips"])),
            try field("billing-differs", .boolean, [.checkout], priority: 50),
            try field("billing-address", .address, [.checkout], priority: 50, prerequisites: [.equals("billing-differs", .boolean(true))]),
            try field(
                "favourite-categories", .multipleChoice, [.afterOrder(3), .accountPage, .newsletterSignUp], priority: 45, purpose: p,
                rules: choices(["garden", "kitchen", "pets", "toys", "books", "sport", "fashion", "tools"])),
            try field("preferred-channel", .singleChoice, [.newsletterSignUp, .accountPage], priority: 44, purpose: m,
                rules: choices(["email", "sms", "post"])),
            try field("sms-phone", .phone, [.newsletterSignUp, .accountPage], priority: 43, purpose: m,
                prerequisites: [.equals("preferred-channel", .choice("sms"))]),
            try field("loyalty-opt-in", .boolean, [.afterFirstOrder, .login(2), .accountPage], priority: 42, purpose: m),
            try field("is-business", .boolean, [.registrationStep2, .accountPage], priority: 40),
            try field("vat-number", .text, [.checkout, .accountPage], priority: 40, prerequisites: [.equals("is-business", .boolean(true))]),
            try field("has-pets", .boolean, [.afterFirstOrder, .login(2), .accountPage], priority: 35, purpose: p),
            try field(
                "pet-kinds", .multipleChoice, [.afterOrder(3), .accountPage], priority: 34, purpose: p,
                rules: choices(["dog", "cat", "bird", "fish", "other"]), prerequisites: [.equals("has-pets", .boolean(true))]),
            try field(
                "dog-size", .singleChoice, [.afterOrder(3), .accountPage], priority: 33, purpose: p,
                rules: choices(["small", "medium", "large"]), prerequisites: [.known("pet-kinds")]),
            try field("company", .text, [.checkout, .accountPage], priority: 30),
            try field(
                "household-size", .number, [.accountPage, .login(5)], priority: 25, purpose: p,
                rules: FieldRules(minimum: 1, maximum: 20, wholeNumber: true)),
            try field("has-children", .boolean, [.afterOrder(3), .accountPage], priority: 24, purpose: p),
            try field(
                "children-ages", .multipleChoice, [.accountPage], priority: 23, purpose: p, rules: choices(["0-2", "3-5", "6-12", "13-17"]),
                prerequisites: [.equals("has-children", .boolean(true))], sensitivity: .sensitive),
            try field("shoe-size", .number, [.afterFirstOrder, .accountPage], priority: 22, purpose: p,
                rules: FieldRules(minimum: 16, maximum: 50)),
            try field(
                "clothing-size", .singleChoice, [.afterFirstOrder, .login(2), .accountPage], priority: 22, purpose: p,
                rules: choices(["XS", "S", "M", "L", "XL", "XXL"])),
            try field(
                "diet", .singleChoice, [.afterFirstOrder, .accountPage], priority: 21, purpose: p,
                rules: choices(["none", "vegetarian", "vegan", "halal", "kosher"])),
            try field(
                "allergies", .multipleChoice, [.accountPage], priority: 20, purpose: p, rules: choices(["nuts", "gluten", "lactose", "none"]),
                prerequisites: [.oneOf("diet", [.choice("none"), .choice("vegetarian"), .choice("vegan")])], sensitivity: .sensitive),
            try field("gender", .singleChoice, [.accountPage], priority: 20, purpose: p, rules: choices(["female", "male", "other", "unsaid"])),
            try field(
                "referral-source", .singleChoice, [.afterFirstOrder, .login(5)], priority: 15, purpose: r,
                rules: choices(["search", "social", "friend", "ad", "other"])),
            try field("satisfaction", .number, [.afterOrder(3), .login(5)], priority: 14, purpose: r,
                rules: FieldRules(minimum: 1, maximum: 10, wholeNumber: true)),
            try field("would-recommend", .boolean, [.afterOrder(3), .login(5)], priority: 13, purpose: r, prerequisites: [.known("satisfaction")]),
            try field(
                "contact-time", .singleChoice, [.accountPage], priority: 12, purpose: m, rules: choices(["morning", "afternoon", "evening"]),
                prerequisites: [.oneOf("preferred-channel", [.choice("sms"), .choice("post")])]),
            try field("anniversary", .date, [.accountPage, .login(5)], priority: 11, purpose: m, prerequisites: [.known("birth-date")]),
            try field(
                "company-size", .singleChoice, [.accountPage], priority: 10, purpose: r, rules: choices(["1", "2-10", "11-50", "51+"]),
                prerequisites: [.equals("is-business", .boolean(true))]),
            try field("occupation", .text, [.accountPage], priority: 5, purpose: r),
            try field(
                "income-band", .singleChoice, [.accountPage], priority: 4, purpose: r, rules: choices(["low", "middle", "high", "unsaid"]),
                prerequisites: [.known("occupation")], sensitivity: .sensitive),
            try field("website", .text, [.accountPage], priority: 3, prerequisites: [.equals("is-business", .boolean(true))]),
            try field("customer-tier", .singleChoice, [.accountPage], priority: 0, rules: choices(["bronze", "silver", "gold"]), editable: false),
            try field("account-manager", .text, [], priority: 0, editable: false),
        ])
    }

    /// `count` profiles of customers `P0000000`, `P0000001`, …: each field is known with
    /// probability 3/5 once its prerequisites hold (the e-mail address always), which
    /// leaves about half of the 40 fields known (fewer of those behind prerequisites); an
    /// unknown field is declined with probability 1/8 at some point of the last 200 days
    /// (so some are in their 90-day cool-down and some past it), and one profile in eight
    /// was prompted two days ago (so the prompt cap holds at capped moments).
    public static func profiles(count: Int, catalog: FieldCatalog, seed: UInt64 = 42) throws -> [CustomerProfile] {
        var random = Random(seed: seed)
        let provenance = Provenance(source: .customer, collectionPoint: "account-page", at: now.addingTimeInterval(-86_400 * 30))
        return try (0..<count).map { number in
            var profile = CustomerProfile(customer: try customerID(number))
            for field in catalog.fields {
                let known =
                    field.key == "email"
                    || (random.chance(3, in: 5) && field.prerequisites.allSatisfy { $0.isMet(by: profile.value(for: $0.field)) })
                if known {
                    profile.set(value(for: field, number: number, random: &random), for: field.key, provenance: provenance, historyLimit: 50)
                } else if random.chance(1, in: 8) {
                    profile.decline(field.key, at: now.addingTimeInterval(-86_400 * Double(random.below(200))))
                }
            }
            if random.chance(1, in: 8) {
                profile.recordPrompt(at: now.addingTimeInterval(-2 * 86_400), cap: PromptCap())
            }
            return profile
        }
    }

    /// `count` situations over `profiles` profiles, all purpose sets and moments.
    public static func situations(count: Int, profiles: Int, seed: UInt64 = 7) -> [Situation] {
        var random = Random(seed: seed)
        return (0..<count).map { _ in
            Situation(
                profile: random.below(profiles), purposes: random.below(purposeSets.count),
                moment: moments[random.below(moments.count)])
        }
    }

    /// The profile of customer `number` as stored by the memory workload: five fields
    /// (e-mail address, first name, birth date, language, newsletter yes or no), each set
    /// with its provenance through ``CustomerProfile/set(_:for:provenance:historyLimit:)``
    /// (so with the default `historyLimit` of 50 the history holds the five changes too, as
    /// the service would keep them; 0 keeps none).
    public static func fiveFieldProfile(number: Int, historyLimit: Int = 50) throws -> CustomerProfile {
        var profile = CustomerProfile(customer: try customerID(number))
        let registration = Provenance(
            source: .customer, collectionPoint: "registration", at: now.addingTimeInterval(-Double(number % 100_000) * 60))
        let account = Provenance(
            source: .customer, collectionPoint: "account-page", at: now.addingTimeInterval(-Double(number % 50_000) * 30))
        let names = ["Anna", "Bram", "Chloé", "Daan", "Emma", "Finn", "Julia", "Sem"]
        let languages = ["nl", "en", "de", "fr"]
        profile.set(.text("customer\(number)@example.nl"), for: "email", provenance: registration, historyLimit: historyLimit)
        profile.set(.text(names[number % names.count]), for: "first-name", provenance: registration, historyLimit: historyLimit)
        profile.set(
            .date(CalendarDate(year: 1950 + number % 55, month: 1 + number % 12, day: 1 + number % 28)), for: "birth-date",
            provenance: account, historyLimit: historyLimit)
        profile.set(.choice(languages[number % languages.count]), for: "language", provenance: account, historyLimit: historyLimit)
        profile.set(.boolean(number % 3 == 0), for: "loyalty-opt-in", provenance: account, historyLimit: historyLimit)
        return profile
    }

    /// `P0000042` for 42.
    public static func customerID(_ number: Int) throws -> CustomerID {
        let digits = String(number)
        return try CustomerID(validating: "P" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    /// A value that fits `field`'s type and rules.
    private static func value(for field: FieldDefinition, number: Int, random: inout Random) -> ProfileValue {
        switch field.type {
        case .text: .text(["Anna", "de Vries", "Bakkerij Jansen", "Utrecht", "teacher"][random.below(5)])
        case .email: .text("customer\(number)@example.nl")
        case .phone: .text("+316\(10_000_000 + random.below(89_999_999))")
        case .date: .date(CalendarDate(year: 1950 + random.below(55), month: 1 + random.below(12), day: 1 + random.below(28)))
        case .number:
            .number((field.rules.minimum ?? 0) + Double(random.below(Int((field.rules.maximum ?? 10) - (field.rules.minimum ?? 0)) + 1)))
        case .boolean: .boolean(random.chance(1, in: 2))
        case .singleChoice: .choice(field.rules.choices[random.below(field.rules.choices.count)])
        case .multipleChoice: .choices([field.rules.choices[random.below(field.rules.choices.count)]])
        case .address: .address(PostalAddress(line1: "Kerkstraat \(1 + random.below(300))", postalCode: "3511 AB", city: "Utrecht", country: "NL"))
        }
    }

    /// A small seeded generator (SplitMix64): the workload is the same for the same seed.
    public struct Random: Sendable {
        private var state: UInt64

        /// A generator whose sequence is fixed by `seed`.
        public init(seed: UInt64) { state = seed }

        /// The next 64 random bits.
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0..<bound` (`bound` at least 1).
        public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

        /// True `chances` times in `total`.
        public mutating func chance(_ chances: Int, in total: Int) -> Bool { below(total) < chances }
    }
}
