import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceListValidationTests {
    func valid() throws -> PriceList {
        try F.list("L-b2b", validFrom: now, validTo: now + day, audience: .groups(["b2b"]), entries: [
            F.entry("e1", .allProducts, F.percentOff(1_000)),
            F.entry("e2", F.product("P1"), minimumQuantity: 5, F.fixed("9.00")),
        ])
    }

    @Test func aValidListPasses() throws {
        try valid().validate()
        _ = try PriceBook(lists: [valid()])
    }

    @Test func everyInvalidListNamesTheListAndTheEntry() throws {
        var emptyWindow = try valid()
        emptyWindow.validTo = now
        var reversedWindow = try valid()
        reversedWindow.validTo = now - 1
        var zeroQuantity = try valid()
        zeroQuantity.entries[1].minimumQuantity = 0
        var otherCurrency = try valid()
        otherCurrency.entries[1].adjustment = .fixedPrice(Money(minorUnits: 900, currency: .usd))
        var negativeFixed = try valid()
        negativeFixed.entries[1].adjustment = .fixedPrice(Money(minorUnits: -1, currency: .eur))
        var negativeOff = try valid()
        negativeOff.entries[0].adjustment = .amountOff(Money(minorUnits: -100, currency: .eur))
        var duplicateEntry = try valid()
        duplicateEntry.entries[1].id = duplicateEntry.entries[0].id
        var noGroups = try valid()
        noGroups.audience = .groups([])
        var noCustomers = try valid()
        noCustomers.audience = .customers([])
        var badGroup = try valid()
        badGroup.audience = .groups(["b2b", "not valid"])

        let cases: [(PriceList, PricingErrorCode, String)] = [
            (emptyWindow, .emptyValidity, "validTo"),
            (reversedWindow, .emptyValidity, "validTo"),
            (zeroQuantity, .invalidMinimumQuantity, "entries[e2].minimumQuantity"),
            (otherCurrency, .currencyMismatch, "entries[e2].adjustment"),
            (negativeFixed, .negativeAmount, "entries[e2].adjustment"),
            (negativeOff, .negativeAmount, "entries[e1].adjustment"),
            (duplicateEntry, .duplicateEntry, "entries[e1]"),
            (noGroups, .emptyAudience, "audience.groups"),
            (noCustomers, .emptyAudience, "audience.customers"),
            (badGroup, .invalidIdentifier, "audience.groups"),
        ]
        for (list, code, field) in cases {
            for operation in [{ try list.validate() }, { _ = try PriceBook(lists: [list]) }] as [() throws -> Void] {
                #expect {
                    try operation()
                } throws: { error in
                    guard let error = error as? PricingError else { return false }
                    return error.code == code && error.context.item == "L-b2b" && error.context.field == field
                }
            }
        }
    }

    @Test func percentagesOutsideTheRangeCannotBeMade() {
        // A percent-off entry holds BasisPoints, which cannot be outside 0–10,000.
        #expect(throws: CoreError.self) { try F.percentOff(10_001) }
        #expect(throws: CoreError.self) { try F.percentOff(-1) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PriceAdjustment.self, from: Data(#"{"percentOff":{"_0":12000}}"#.utf8))
        }
    }

    @Test func aBookRefusesTwoListsWithOneID() throws {
        #expect {
            _ = try PriceBook(lists: [try valid(), try F.list("other"), try valid()])
        } throws: { error in
            guard let error = error as? PricingError else { return false }
            return error.code == .duplicateList && error.context.item == "L-b2b"
        }
    }

    @Test(arguments: ["", " P1", "P 1", "é", String(repeating: "x", count: 129)])
    func identifiersAreVisibleASCII(_ text: String) {
        #expect(ProductID(rawValue: text) == nil)
        #expect {
            try PriceListID(validating: text)
        } throws: { error in
            (error as? PricingError)?.code == .invalidIdentifier
        }
    }

    @Test func listsRoundTripThroughJSON() throws {
        var list = try valid()
        list.entries.append(try F.entry("e3", F.category("K1"), F.off("1.25")))
        list.audience = .customers([try CustomerID(validating: "C1")])
        let data = try JSONEncoder().encode(list)
        #expect(try JSONDecoder().decode(PriceList.self, from: data) == list)
    }
}
