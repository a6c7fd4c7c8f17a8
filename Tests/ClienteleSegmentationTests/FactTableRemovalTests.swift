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
        #expect(table.profile["pet"]?[row] == nil)
        // The other customer is untouched.
        let other = try #require(table.row(of: piet))
        #expect(table.facts(at: other)?.country == "NL" && table.facts(at: other)?.profile["pet"] == .text("dog"))
    }
}
