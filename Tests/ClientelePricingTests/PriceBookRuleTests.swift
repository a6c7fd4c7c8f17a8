import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

/// Every rule of DESIGN.md "Customer-specific pricing", with values worked out by hand.
@Suite struct PriceBookRuleTests {
    let vip: CustomerContext
    let plain: CustomerContext

    init() throws {
        vip = try F.customer("C1", groups: ["vip"])
        plain = try F.customer("C2")
    }

    // MARK: No lists

    @Test func basePriceStandsWithoutLists() throws {
        let item = try F.item("P1", base: "10.00")
        let price = try PriceBook.empty.price(request(item, quantity: 3))
        #expect(price.unitPrice == (try eur("10.00")))
        #expect(price.originalPrice == (try eur("10.00")))
        #expect(price.referencePrice == (try eur("10.00")))
        #expect(price.lineTotal == (try eur("30.00")))
        #expect(price.winner == nil)
        #expect(!price.isDiscounted)
    }

    // MARK: Adjustment arithmetic

    @Test func percentOffRoundsHalfUpToTheCent() throws {
        // 12.35 × 0.9 = 11.115 → 11.12 (half up); 12.34 × 0.9 = 11.106 → 11.11.
        let book = try PriceBook(lists: [
            F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))])
        ])
        #expect(try book.price(request(F.item("P1", base: "12.35"), customer: vip)).unitPrice == (try eur("11.12")))
        #expect(try book.price(request(F.item("P1", base: "12.34"), customer: vip)).unitPrice == (try eur("11.11")))
        // 0.05 × 0.5 = 0.025 → 0.03.
        let half = try PriceBook(lists: [F.list("half", entries: [F.entry("all", .allProducts, F.percentOff(5_000))])])
        #expect(try half.price(request(F.item("P1", base: "0.05"))).unitPrice == (try eur("0.03")))
    }

    @Test func percentOffRoundsHalfUpInAZeroDecimalCurrency() throws {
        // ¥1,005 × 0.5 = 502.5 → ¥503.
        let book = try PriceBook(lists: [
            F.list("yen", currency: .jpy, entries: [F.entry("all", .allProducts, F.percentOff(5_000))])
        ])
        let price = try book.price(request(F.item("P1", base: "1005", currency: .jpy)))
        #expect(price.unitPrice == Money(minorUnits: 503, currency: .jpy))
    }

    @Test func amountOffAboveThePriceGivesZero() throws {
        let book = try PriceBook(lists: [F.list("gift", entries: [F.entry("e", .allProducts, F.off("15.00"))])])
        let price = try book.price(request(F.item("P1", base: "10.00"), quantity: 2))
        #expect(price.unitPrice == (try eur("0.00")))
        #expect(price.lineTotal == (try eur("0.00")))
        #expect(price.winner?.list.rawValue == "gift")
    }

    @Test func hundredPercentOffIsFreeAndZeroPercentNeverWins() throws {
        let free = try PriceBook(lists: [F.list("free", entries: [F.entry("e", .allProducts, F.percentOff(10_000))])])
        #expect(try free.price(request(F.item("P1", base: "10.00"))).unitPrice == (try eur("0.00")))
        let nothing = try PriceBook(lists: [F.list("zero", entries: [F.entry("e", .allProducts, F.percentOff(0))])])
        let price = try nothing.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("10.00")))
        #expect(price.winner == nil)  // 10.00 is not below the reference 10.00
    }

    // MARK: Within one list

    @Test func productBeatsCategoryBeatsAllEvenAtAHigherPrice() throws {
        let book = try PriceBook(lists: [
            F.list("L", entries: [
                F.entry("all", .allProducts, F.percentOff(1_000)),  // 40.00 → 36.00
                F.entry("shoes", F.category("shoes"), F.fixed("30.00")),
                F.entry("p1", F.product("P1"), F.fixed("35.00")),
            ])
        ])
        let p1 = try book.price(request(F.item("P1", categories: ["shoes"], base: "40.00")))
        #expect(p1.unitPrice == (try eur("35.00")))
        #expect(p1.winner?.entry.rawValue == "p1")
        let p2 = try book.price(request(F.item("P2", categories: ["shoes"], base: "40.00")))
        #expect(p2.unitPrice == (try eur("30.00")))
        #expect(p2.winner?.entry.rawValue == "shoes")
        let p3 = try book.price(request(F.item("P3", categories: ["hats"], base: "40.00")))
        #expect(p3.unitPrice == (try eur("36.00")))
        #expect(p3.winner?.entry.rawValue == "all")
    }

    @Test(arguments: [
        // Wholesale tiers on 10.00: 5 % from 1, 15 % from 10, 25 % from 50; P1 costs 1.00 from 100.
        (1, "9.50", "t1"), (9, "9.50", "t1"), (10, "8.50", "t10"), (49, "8.50", "t10"), (50, "7.50", "t50"),
        (99, "7.50", "t50"), (100, "1.00", "p1"),
    ])
    func highestMinimumQuantityWinsWithinATarget(_ quantity: Int, _ expected: String, _ entry: String) throws {
        let book = try PriceBook(lists: [
            F.list("wholesale", audience: .groups(["wholesale"]), entries: [
                F.entry("t1", .allProducts, F.percentOff(500)),
                F.entry("t10", .allProducts, minimumQuantity: 10, F.percentOff(1_500)),
                F.entry("t50", .allProducts, minimumQuantity: 50, F.percentOff(2_500)),
                F.entry("p1", F.product("P1"), minimumQuantity: 100, F.fixed("1.00")),
            ])
        ])
        let customer = try F.customer("C9", groups: ["wholesale"])
        let price = try book.price(request(F.item("P1", base: "10.00"), quantity: quantity, customer: customer))
        #expect(price.unitPrice == (try eur(expected)))
        #expect(price.winner?.entry.rawValue == entry)
    }

    @Test func remainingTiesWithinAListGoToTheLowestPriceThenTheFirstEntry() throws {
        // Same target and minimum quantity: 10 % off (9.00) vs 1.50 off (8.50) → 8.50.
        let book = try PriceBook(lists: [
            F.list("L", entries: [
                F.entry("a", .allProducts, F.percentOff(1_000)),
                F.entry("b", .allProducts, F.off("1.50")),
                F.entry("c", .allProducts, F.fixed("8.50")),
            ])
        ])
        let price = try book.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("8.50")))
        #expect(price.winner?.entry.rawValue == "b")  // b and c tie at 8.50; b is listed first
    }

    @Test func severalCategoriesCompeteByMinimumQuantityThenPrice() throws {
        let book = try PriceBook(lists: [
            F.list("L", entries: [
                F.entry("shoes", F.category("shoes"), F.percentOff(2_000)),  // 10.00 → 8.00
                F.entry("sale", F.category("sale"), F.percentOff(2_500)),  // 10.00 → 7.50
                F.entry("bulk", F.category("shoes"), minimumQuantity: 5, F.fixed("9.00")),
            ])
        ])
        let item = try F.item("P1", categories: ["shoes", "sale"], base: "10.00")
        let one = try book.price(request(item))
        #expect(one.unitPrice == (try eur("7.50")))
        #expect(one.winner?.entry.rawValue == "sale")
        // At 5 the shoes entry with minimum 5 is the highest minimum quantity: 9.00, though dearer.
        let five = try book.price(request(item, quantity: 5))
        #expect(five.unitPrice == (try eur("9.00")))
        #expect(five.winner?.entry.rawValue == "bulk")
        // The order of the categories in the request does not matter.
        let reversed = try F.item("P1", categories: ["sale", "shoes"], base: "10.00")
        #expect(try book.price(request(reversed)).winner?.entry.rawValue == "sale")
    }

    // MARK: Across lists: overrides

    @Test func highestPriorityOverrideSetsTheReferenceEvenWhenDearer() throws {
        let book = try PriceBook(lists: [
            F.list("A", priority: 10, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
            F.list("B", priority: 20, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
        ])
        let price = try book.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("9.00")))
        #expect(price.winner == PriceWinner(list: try PriceListID(validating: "B"), entry: try PriceEntryID(validating: "e"), mode: .override))
    }

    @Test func overrideTiesGoToTheLowestPriceThenTheLowestListID() throws {
        let book = try PriceBook(lists: [
            F.list("A", priority: 10, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
            F.list("B", priority: 10, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
        ])
        #expect(try book.price(request(F.item("P1", base: "10.00"))).winner?.list.rawValue == "B")
        let tied = try PriceBook(lists: [
            F.list("D", priority: 10, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
            F.list("C", priority: 10, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
        ])
        #expect(try tied.price(request(F.item("P1", base: "10.00"))).winner?.list.rawValue == "C")
    }

    @Test func anOverrideMayRaiseThePriceAboveTheBase() throws {
        let book = try PriceBook(lists: [
            F.list("B2B", mode: .override, entries: [F.entry("e", F.product("P1"), F.fixed("12.00"))])
        ])
        let price = try book.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("12.00")))
        #expect(price.referencePrice == (try eur("12.00")))
        #expect(price.winner?.mode == .override)
        #expect(!price.isDiscounted)
    }

    @Test func anOverrideWithoutAMatchingEntryLeavesTheReferenceToTheNextList() throws {
        let book = try PriceBook(lists: [
            F.list("high", priority: 50, mode: .override, entries: [F.entry("e", F.product("P9"), F.fixed("1.00"))]),
            F.list("low", priority: 1, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
        ])
        #expect(try book.price(request(F.item("P1", base: "10.00"))).winner?.list.rawValue == "low")
    }

    // MARK: Across lists: sales

    @Test func salesCompeteAgainstTheOverrideReference() throws {
        // B2B override 8.00; a 10 % sale applies to the reference: 7.20.
        let book = try PriceBook(lists: [
            F.list("B2B", priority: 20, mode: .override, entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
            F.list("sale", priority: 1, mode: .sale, entries: [F.entry("e", .allProducts, F.percentOff(1_000))]),
        ])
        let price = try book.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("7.20")))
        #expect(price.referencePrice == (try eur("8.00")))
        #expect(price.originalPrice == (try eur("10.00")))
        #expect(price.winner?.list.rawValue == "sale")
    }

    @Test func lowestSaleWinsThenHigherPriorityThenLowestListID() throws {
        let book = try PriceBook(lists: [
            F.list("S1", priority: 1, entries: [F.entry("e", .allProducts, F.percentOff(1_000))]),  // 9.00
            F.list("S2", priority: 5, entries: [F.entry("e", .allProducts, F.off("1.00"))]),  // 9.00
            F.list("S0", priority: 9, entries: [F.entry("e", .allProducts, F.fixed("9.50"))]),  // dearer
        ])
        #expect(try book.price(request(F.item("P1", base: "10.00"))).winner?.list.rawValue == "S2")
        let tied = try PriceBook(lists: [
            F.list("S4", priority: 5, entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
            F.list("S3", priority: 5, entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
        ])
        #expect(try tied.price(request(F.item("P1", base: "10.00"))).winner?.list.rawValue == "S3")
    }

    @Test func aSaleAppliesOnlyBelowTheReference() throws {
        let book = try PriceBook(lists: [
            F.list("dear", entries: [F.entry("e", F.product("P1"), F.fixed("11.00"))]),
            F.list("same", entries: [F.entry("e", F.product("P2"), F.fixed("10.00"))]),
        ])
        for product in ["P1", "P2"] {
            let price = try book.price(request(F.item(product, base: "10.00")))
            #expect(price.unitPrice == (try eur("10.00")))
            #expect(price.winner == nil)
        }
    }

    @Test func aSaleAboveTheOverrideReferenceLeavesTheOverrideWinning() throws {
        let book = try PriceBook(lists: [
            F.list("contract", mode: .override, entries: [F.entry("e", .allProducts, F.fixed("6.00"))]),
            F.list("sale", entries: [F.entry("e", .allProducts, F.fixed("7.00"))]),
        ])
        let price = try book.price(request(F.item("P1", base: "10.00")))
        #expect(price.unitPrice == (try eur("6.00")))
        #expect(price.winner?.list.rawValue == "contract")
    }

    // MARK: Floor

    @Test func theFloorBoundsTheResultFromBelow() throws {
        let book = try PriceBook(lists: [F.list("half", entries: [F.entry("e", .allProducts, F.percentOff(5_000))])])
        let floored = try book.price(request(F.item("P1", base: "10.00", floor: "6.00"), quantity: 2))
        #expect(floored.unitPrice == (try eur("6.00")))
        #expect(floored.lineTotal == (try eur("12.00")))
        #expect(floored.isFloored)
        #expect(floored.winner?.list.rawValue == "half")
        let above = try book.price(request(F.item("P1", base: "10.00", floor: "4.00")))
        #expect(above.unitPrice == (try eur("5.00")))
        #expect(!above.isFloored)
    }

    // MARK: Eligibility

    @Test(arguments: [
        (-1.0, false), (0.0, true), (day - 1, true), (day, false),
    ])
    func validityIsFromInclusiveToExclusive(_ offset: TimeInterval, _ applies: Bool) throws {
        let book = try PriceBook(lists: [
            F.list("window", validFrom: now, validTo: now + day, entries: [F.entry("e", .allProducts, F.fixed("5.00"))])
        ])
        let price = try book.price(request(F.item("P1", base: "10.00"), at: now + offset))
        #expect(price.unitPrice == (try eur(applies ? "5.00" : "10.00")))
    }

    @Test func anonymousVisitorsMatchOnlyEveryone() throws {
        let book = try PriceBook(lists: [
            F.list("everyone", entries: [F.entry("e", F.product("P1"), F.fixed("9.00"))]),
            F.list("login", audience: .identified, entries: [F.entry("e", F.product("P2"), F.fixed("9.00"))]),
            F.list("vip", audience: .groups(["vip"]), entries: [F.entry("e", F.product("P3"), F.fixed("9.00"))]),
            F.list("c1", audience: .customers([try CustomerID(validating: "C1")]), entries: [F.entry("e", F.product("P4"), F.fixed("9.00"))]),
            F.list("loyal", audience: .segments(["loyal"]), entries: [F.entry("e", F.product("P5"), F.fixed("9.00"))]),
        ])
        // An anonymous context with groups and segments still counts as anonymous.
        let anonymous = CustomerContext(customer: nil, groups: [.vip], segments: ["loyal"])
        let member = try F.customer("C1", groups: ["vip"], segments: ["loyal"])
        for (product, forAnonymous) in [("P1", true), ("P2", false), ("P3", false), ("P4", false), ("P5", false)] {
            let item = try F.item(product, base: "10.00")
            #expect(try book.price(request(item, customer: anonymous)).unitPrice == (try eur(forAnonymous ? "9.00" : "10.00")))
            #expect(try book.price(request(item, customer: member)).unitPrice == (try eur("9.00")))
        }
    }

    @Test func aSaleSwitchesOnAtLogin() throws {
        let book = try PriceBook(lists: [
            F.list("members", audience: .identified, entries: [F.entry("e", .allProducts, F.percentOff(500))])
        ])
        let item = try F.item("P1", base: "20.00")
        #expect(try book.price(request(item)).unitPrice == (try eur("20.00")))
        #expect(try book.price(request(item, customer: plain)).unitPrice == (try eur("19.00")))
    }

    @Test func contractPricesApplyToTheirCustomersOnly() throws {
        let book = try PriceBook(lists: [
            F.list("acme", audience: .customers([try CustomerID(validating: "C1"), try CustomerID(validating: "C7")]),
                   priority: 100, mode: .override, entries: [F.entry("e", F.product("P1"), F.fixed("7.00"))])
        ])
        let item = try F.item("P1", base: "10.00")
        #expect(try book.price(request(item, customer: F.customer("C7"))).unitPrice == (try eur("7.00")))
        #expect(try book.price(request(item, customer: vip)).unitPrice == (try eur("7.00")))
        #expect(try book.price(request(item, customer: plain)).unitPrice == (try eur("10.00")))
    }

    @Test func groupAndSegmentAudiencesNeedAnOverlap() throws {
        let book = try PriceBook(lists: [
            F.list("trade", audience: .groups(["b2b", "wholesale"]), entries: [F.entry("e", .allProducts, F.fixed("8.00"))]),
            F.list("loyal", audience: .segments(["loyal"]), entries: [F.entry("e", .allProducts, F.fixed("9.00"))]),
        ])
        let item = try F.item("P1", base: "10.00")
        #expect(try book.price(request(item, customer: F.customer("C1", groups: ["retail", "wholesale"]))).unitPrice == (try eur("8.00")))
        #expect(try book.price(request(item, customer: F.customer("C1", segments: ["loyal"]))).unitPrice == (try eur("9.00")))
        #expect(try book.price(request(item, customer: F.customer("C1", groups: ["retail"], segments: ["new"]))).unitPrice == (try eur("10.00")))
    }

    @Test func draftListsAndListsInAnotherCurrencyNeverApply() throws {
        let book = try PriceBook(lists: [
            F.list("draft", status: .draft, entries: [F.entry("e", .allProducts, F.fixed("1.00"))]),
            F.list("dollars", currency: .usd, entries: [F.entry("e", .allProducts, F.fixed("2.00", .usd))]),
        ])
        #expect(try book.price(request(F.item("P1", base: "10.00"))).unitPrice == (try eur("10.00")))
        let dollars = try book.price(request(F.item("P1", base: "10.00", currency: .usd)))
        #expect(dollars.unitPrice == Money(minorUnits: 200, currency: .usd))
    }

    @Test func unknownProductsCategoriesAndCustomersSimplyMatchNothingSpecific() throws {
        let book = try PriceBook(lists: [
            F.list("L", audience: .customers([try CustomerID(validating: "C1")]), entries: [F.entry("e", F.product("P1"), F.fixed("1.00"))]),
            F.list("M", entries: [F.entry("e", F.category("K1"), F.fixed("2.00"))]),
        ])
        let price = try book.price(request(F.item("P-unknown", categories: ["K-unknown"], base: "10.00"), customer: plain))
        #expect(price.unitPrice == (try eur("10.00")))
    }

    // MARK: Request validation

    @Test func badRequestsFailWithTypedErrorsNamingTheField() throws {
        let book = PriceBook.empty
        let cases: [(PriceRequest, PricingErrorCode, String)] = [
            (request(try F.item("P1", base: "1.00"), quantity: 0), .invalidQuantity, "quantity"),
            (request(try F.item("P1", base: "-1.00")), .negativeAmount, "basePrice"),
            (request(try F.item("P1", base: "1.00", floor: "-0.01")), .negativeAmount, "floor"),
            (request(CatalogItem(product: try ProductID(validating: "P1"), basePrice: try eur("1.00"), floor: Money(minorUnits: 1, currency: .usd))), .currencyMismatch, "floor"),
            (request(try F.item("P1", base: "92233720368547758.07"), quantity: 2), .amountOverflow, "quantity"),
        ]
        for (bad, code, field) in cases {
            for operation in [{ _ = try book.resolve(bad) }, { _ = try book.explain(bad) }] as [() throws -> Void] {
                #expect {
                    try operation()
                } throws: { error in
                    guard let error = error as? PricingError else { return false }
                    return error.code == code && error.context.field == field
                }
            }
        }
    }
}
