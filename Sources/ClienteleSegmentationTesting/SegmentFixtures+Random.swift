public import ClienteleSegmentation
public import Foundation

/// Seeded random customers and queries for agreement tests: an implementation of segment
/// queries (the columnar fact table, or a host's SQL compiler) must select exactly the
/// customers ``SegmentEvaluator`` selects, for every customer and query these produce.
///
/// ```swift
/// var random = SegmentFixtures.SeededGenerator(seed: 2026)
/// let schema = try SegmentFixtures.randomSchema()
/// let customers = try (0..<500).map { try SegmentFixtures.randomFacts($0, using: &random) }
/// let query = SegmentFixtures.randomQuery(using: &random)   // text, such as "(country = 'NL' OR NOT …)"
/// ```
///
/// The customers mix NULLs, empty and filled lists, every consent state, profile values of
/// every type (and now and then one of the wrong type, which reads as NULL), instants up to
/// 900 days before ``randomNow``; the queries combine ``randomPredicates`` (every attribute
/// kind and operator) with `AND`, `OR` and `NOT` up to three levels deep.
extension SegmentFixtures {
    /// A deterministic generator (SplitMix64): the same seed gives the same sequence on every
    /// platform.
    public struct SeededGenerator: RandomNumberGenerator, Sendable {
        /// The state; the next value derives from it.
        public var state: UInt64

        /// A generator starting from `seed`.
        public init(seed: UInt64) { state = seed }

        /// The next 64 random bits.
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0..<bound` (`bound` must be positive; 0 otherwise).
        public mutating func below(_ bound: Int) -> Int { bound > 0 ? Int(next() % UInt64(bound)) : 0 }

        /// True `percent` times in a hundred.
        public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

        /// One of `items` (which must not be empty).
        public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// The instant random customers' facts count back from: 2026-11-01T00:00:00Z.
    public static let randomNow = Date(timeIntervalSince1970: 1_793_491_200)

    /// The schema of random customers' profile fields: `shoe_size` (number), `pet` (text),
    /// `has_pets` (boolean), `hobbies` (list), `anniversary` (date); currency EUR.
    public static func randomSchema() throws(SegmentationError) -> SegmentSchema {
        try SegmentSchema(
            currency: .eur,
            profileFields: ["shoe_size": .number, "pet": .text, "has_pets": .boolean, "hobbies": .list, "anniversary": .date])
    }

    /// The facts of customer `c<index>`, drawn from `random`.
    public static func randomFacts(_ index: Int, using random: inout SeededGenerator) throws -> CustomerFacts {
        func instant(maximumDaysAgo: Int) -> Date {
            randomNow.addingTimeInterval(-Double(random.below(maximumDaysAgo * 86_400)) + Double(random.below(3) - 1))
        }
        let orders = Int64(random.chance(30) ? 0 : random.below(30))
        var facts = CustomerFacts(
            customer: try CustomerID(validating: "c\(index)"), createdAt: instant(maximumDaysAgo: 900), numberOfOrders: orders,
            amountSpentMinorUnits: orders == 0 ? 0 : Int64(random.below(2_000_000)),
            firstOrderDate: orders == 0 ? nil : instant(maximumDaysAgo: 800),
            lastOrderDate: orders == 0 ? nil : instant(maximumDaysAgo: 400),
            lastVisitDate: random.chance(20) ? nil : instant(maximumDaysAgo: 200),
            country: random.chance(10) ? nil : random.pick(["NL", "BE", "DE", "nl", "FR"]),
            emailDomain: random.chance(5) ? nil : random.pick(["example.nl", "mail.example", "café.example"]),
            groups: random.chance(50) ? [] : [random.pick(["vip", "b2b", "wholesale"])] + (random.chance(20) ? ["staff"] : []),
            tags: random.chance(70) ? [] : [random.pick(["sale", "gift"])],
            accountStatus: random.chance(10) ? nil : random.pick(["active", "pending", "closed"]),
            lifecycleStage: random.chance(30) ? nil : random.pick(["new", "repeat", "loyal", "at_risk"]),
            birthDate: random.chance(40)
                ? nil
                : try BirthDate(
                    month: random.below(12) + 1, day: random.below(28) + 1, year: random.chance(50) ? nil : 1950 + random.below(50)))
        if random.chance(80) { facts.consents["newsletter"] = random.pick(ConsentFact.allCases) }
        if random.chance(30) { facts.consents["sms"] = random.pick(ConsentFact.allCases) }
        if random.chance(60) { facts.profile["shoe_size"] = .number(Double(35 + random.below(12)) + (random.chance(20) ? 0.5 : 0)) }
        if random.chance(50) { facts.profile["pet"] = .text(random.pick(["dog", "cat", "Ünicorn"])) }
        if random.chance(50) { facts.profile["has_pets"] = .boolean(random.chance(50)) }
        if random.chance(50) { facts.profile["hobbies"] = .choices(random.chance(30) ? [] : [random.pick(["garden", "books"])]) }
        if random.chance(40) { facts.profile["anniversary"] = .date(UTCDay(utcDayOf: instant(maximumDaysAgo: 3_000))) }
        if random.chance(5) { facts.profile["shoe_size"] = .text("large") }  // a value of the wrong type reads as NULL
        return facts
    }

    /// Predicates over every attribute kind and operator, each true for some random
    /// customers and false or unknown for others.
    public static let randomPredicates = [
        "number_of_orders >= 2", "number_of_orders = 0", "number_of_orders BETWEEN 3 AND 9", "number_of_orders NOT IN (1, 2, 3)",
        "amount_spent >= 500.00", "amount_spent < 1000", "average_order_value > 250.50", "average_order_value IS NULL",
        "average_order_value <= 100", "average_order_value BETWEEN 10.5 AND 500", "average_order_value IN (1000.00, 500)",
        "last_order_date < -180d", "last_order_date >= -365d", "last_visit_date < -56d", "last_visit_date IS NULL",
        "created_at >= -30d", "created_at = today", "first_order_date BETWEEN '2025-01-01' AND '2025-12-31'",
        "first_order_date NOT BETWEEN -2y AND -1m", "last_visit_date != -3d", "created_at > -3m", "last_order_date <= -2w",
        "country = 'NL'", "country != 'NL'", "country IN ('BE', 'DE')", "country NOT IN ('NL', 'XX')", "country IS NOT NULL",
        "country > 'DE'", "country < 'nl'", "email_domain = 'café.example'", "email_domain >= 'd'", "account_status = 'active'",
        "lifecycle_stage IN ('loyal', 'repeat')", "lifecycle_stage IS NULL",
        "groups CONTAINS 'vip'", "groups NOT CONTAINS 'b2b'", "tags CONTAINS 'gift'", "groups CONTAINS 'nobody'", "tags IS NULL",
        "consent.newsletter = 'granted'", "consent.newsletter != 'none'", "consent.sms IN ('withdrawn', 'refused')",
        "consent.fax = 'none'", "consent.sms NOT IN ('none')", "days_until_birthday <= 7", "days_until_birthday IS NULL",
        "days_until_birthday = 0", "days_until_birthday BETWEEN 30 AND 200", "days_until_birthday > 300",
        "profile.shoe_size >= 40", "profile.shoe_size BETWEEN 38.5 AND 42", "profile.shoe_size IN (36, 40.5)",
        "profile.pet = 'dog'", "profile.pet > 'cat'", "profile.has_pets = TRUE", "profile.has_pets != FALSE",
        "profile.hobbies CONTAINS 'books'", "profile.hobbies NOT CONTAINS 'garden'", "profile.hobbies IS NULL",
        "profile.anniversary < -1y", "profile.anniversary BETWEEN -5y AND -2y", "profile.shoe_size IS NULL",
    ]

    /// A query combining ``randomPredicates`` with `AND`, `OR` and `NOT`, at most three levels
    /// deep below `depth`.
    public static func randomQuery(using random: inout SeededGenerator, depth: Int = 0) -> String {
        guard depth < 3, random.chance(60) else { return random.pick(randomPredicates) }
        switch random.below(3) {
        case 0: return "(\(randomQuery(using: &random, depth: depth + 1)) AND \(randomQuery(using: &random, depth: depth + 1)))"
        case 1: return "(\(randomQuery(using: &random, depth: depth + 1)) OR \(randomQuery(using: &random, depth: depth + 1)))"
        default: return "NOT \(randomQuery(using: &random, depth: depth + 1))"
        }
    }
}
