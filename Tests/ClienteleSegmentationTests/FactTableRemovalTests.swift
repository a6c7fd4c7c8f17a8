@testable import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// A removed customer's facts do not linger in the table's columns (an erased customer's
/// country, birth date, consent states and profile values are gone from memory, not only
/// hidden from segments).
@Suite struct FactTableRemovalTests {
    @Test func aRemovedRowKeepsNoneOfTheCustomersFacts() throws {
        let schema = try SegmentSchema(currency: .eur, profileFields: ["pet": .text])
        var table = FactTable(schema: schema)
        let anna = try CustomerID(validating: "anna"), piet = try CustomerID(validating: "piet")
        let now = Date(timeIntervalSince1970: 1_793_491_200)
        for customer in [anna, piet] {
            table.upsert(CustomerFacts(
                customer: customer, createdAt: now, numberOfOrders: 4, amountSpentMinorUnits: 12_345, lastOrderDate: now,
                lastVisitDate: now, country: "NL", emailDomain: "example.nl", groups: ["vip"], tags: ["gift"],
                accountStatus: "active", lifecycleStage: "repeat", birthDate: try BirthDate(month: 5, day: 17, year: 1990),
                consents: ["newsletter": .granted], profile: ["pet": .text("dog")]))
        }
        let row = try #require(table.row(of: anna))
        table.remove(anna)
        #expect(table.facts(at: row) == nil && table.row(of: anna) == nil)
        #expect(table.numberOfOrders[row] == 0 && table.amountSpent[row] == 0)
        #expect(!table.lastOrder.valid.contains(row) && !table.lastVisit.valid.contains(row))
        #expect(!table.country.valid.contains(row) && !table.emailDomain.valid.contains(row))
        #expect(!table.accountStatus.valid.contains(row) && !table.lifecycleStage.valid.contains(row))
        #expect(table.groups.rows[row].isEmpty && table.tags.rows[row].isEmpty)
        #expect(table.birthDates[row] == 0)
        #expect(table.consents["newsletter"]?[row] == FactTable.code(.none))
        #expect(table.profileColumn("pet")?.fact(row) == nil && table.profileColumn("pet")?.holdsNothing(row) == true)
        // The other customer is untouched.
        let other = try #require(table.row(of: piet))
        #expect(table.facts(at: other)?.country == "NL" && table.facts(at: other)?.profile["pet"] == .text("dog"))
    }

    /// Each profile column keeps its schema type's values as they were set (a choice stays a
    /// choice, a NaN stays a NaN but compares as NULL); a value of another type is not kept,
    /// and reads as NULL as it did before.
    @Test func profileColumnsKeepTheirTypesValuesAndDropOthers() throws {
        let schema = try SegmentSchema(
            currency: .eur,
            profileFields: ["name": .text, "size": .number, "born": .date, "likes": .list, "opt-in": .boolean])
        var table = FactTable(schema: schema)
        let day = try UTCDay(year: 1984, month: 7, day: 9)
        let kept: [String: ProfileFact] = [
            "name": .choice("nl"), "size": .number(.nan), "born": .date(day), "likes": .choices(["a", "b"]), "opt-in": .boolean(false),
        ]
        let first = try CustomerID(validating: "first"), second = try CustomerID(validating: "second")
        let row = table.upsert(CustomerFacts(customer: first, createdAt: Date(timeIntervalSince1970: 0), profile: kept))
        let facts = try #require(table.facts(at: row))
        #expect(facts.profile.keys.sorted() == kept.keys.sorted())
        #expect(facts.profile["name"] == .choice("nl") && facts.profile["born"] == .date(day))
        #expect(facts.profile["likes"] == .choices(["a", "b"]) && facts.profile["opt-in"] == .boolean(false))
        let size: Double? = if case .number(let number)? = facts.profile["size"] { number } else { nil }
        #expect(size?.isNaN == true)
        // Values of another type than the schema's: not kept.
        let mismatched: [String: ProfileFact] = ["name": .number(3), "size": .text("L"), "born": .boolean(true), "likes": .text("a"), "opt-in": .date(day)]
        let other = table.upsert(CustomerFacts(customer: second, createdAt: Date(timeIntervalSince1970: 0), profile: mismatched))
        #expect(try #require(table.facts(at: other)).profile.isEmpty)
        for key in mismatched.keys { #expect(table.profileColumn(key)?.holdsNothing(other) == true, "\(key)") }
        let now = Date(timeIntervalSince1970: 1_793_491_200)
        for (query, expected) in [
            ("profile.name = 'nl'", [first]), ("profile.size IS NULL", [first, second]), ("profile.born < '1990-01-01'", [first]),
            ("profile.likes CONTAINS 'b'", [first]), ("profile.opt-in = FALSE", [first]), ("profile.name IS NULL", [second]),
        ] {
            let members = try SegmentEvaluator(query, schema: schema).members(of: table, at: now)
            #expect(table.customers(in: members) == expected, "\(query)")
        }
    }
}

/// The bytes a text profile column keeps its texts in: whatever mix of growing, shrinking
/// and clearing values (enough to reuse slots, append and rebuild the bytes), every row
/// reads back byte for byte, and a replaced or cleared value's bytes are gone.
@Suite struct TextArenaTests {
    @Test func everyRowReadsBackAndReplacedBytesAreGone() {
        var arena = TextArena()
        var model: [String] = []
        var state: UInt64 = 0xA11CE
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let samples = ["", "nl", "Chloé", "cafe\u{301}", "caf\u{E9}", "customer123456@example.nl", String(repeating: "ß", count: 40), "😀 text"]
        for step in 0..<20_000 {
            if model.count < 300, next(3) == 0 {
                arena.append()
                model.append("")
                continue
            }
            guard !model.isEmpty else { continue }
            let row = next(model.count)
            let text = samples[next(samples.count)] + (next(4) == 0 ? "#\(step)" : "")
            let kept = arena.set(row, text)
            #expect(kept)
            model[row] = text
        }
        for (row, text) in model.enumerated() {
            #expect(Array(arena[row].utf8) == Array(text.utf8), "row \(row)")
            #expect(arena.isEmpty(row) == text.isEmpty)
        }
        // A value set and then replaced leaves no trace of its bytes.
        arena.append()
        let secret = "secret-value-\(UInt64.max)"
        arena.set(model.count, secret)
        arena.set(model.count, "x")
        #expect(!arena.holds(Array(secret.utf8.dropFirst())), "not even the bytes past the new value's")
        #expect(arena.holds(Array("x".utf8)))
    }
}
