@testable import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

/// The shortcuts of the hot path (the customer filter, contract fingerprints, skipping a
/// request's categories) against prices worked out from the lists.
@Suite struct PriceBookLookupTests {
    @Test func theCustomerFilterNeverForgetsACustomerAndRarelyGuesses() {
        let named = (0..<20_000).map { IdentifierKey.of("C\($0)").hash }
        let filter = CustomerFilter(hashes: named)
        #expect(named.allSatisfy { filter.mayContain($0) })
        let others = (20_000..<40_000).filter { filter.mayContain(IdentifierKey.of("C\($0)").hash) }.count
        #expect(others < 400, "\(others) of 20,000 customers no list names were let through")
        #expect(!CustomerFilter(hashes: []).mayContain(IdentifierKey.of("C1").hash))
    }

    /// 300 customers with a contract list each (prices for five products each, in the
    /// pair table), one with a contract list that also prices a category (found through
    /// the customer), and customers no list names: every pair gets exactly its contract
    /// price, through `resolve`, `resolveAll`, a cart and a listing.
    @Test func everyContractPricesExactlyItsCustomerAndProducts() throws {
        var lists: [PriceList] = []
        for c in 0..<300 {
            let entries = try (0..<5).map { k in
                try F.entry("e\(k)", F.product("P\((c + k) % 40)"), F.fixed("\(c / 4).\(10 + k)"))
            }
            lists.append(try F.list("L-C\(c)", audience: .customers([CustomerID(validating: "C\(c)")]), entries: entries))
        }
        lists.append(
            try F.list(
                "L-wide", audience: .customers([CustomerID(validating: "C7"), CustomerID(validating: "C-wide")]),
                entries: [F.entry("shoes", F.category("shoes"), F.percentOff(5_000))]))
        let book = try PriceBook(lists: lists)

        var requests: [PriceRequest] = []
        var expected: [Money] = []
        for c in [0, 1, 7, 150, 299, 300, 301, 5_000] {
            for p in 0..<40 {
                let item = try F.item("P\(p)", categories: ["shoes"], base: "100.00")
                requests.append(request(item, customer: try F.customer("C\(c)")))
                let k = (p - c % 40 + 40) % 40
                if c < 300, k < 5 {
                    expected.append(try eur("\(c / 4).\(10 + k)"))
                } else {
                    expected.append(try eur(c == 7 ? "50.00" : "100.00"))  // C7's wide list halves shoes
                }
            }
        }
        // The wide list's other customer: shoes at half price, nothing else.
        let wide = try F.customer("C-wide")
        requests.append(request(try F.item("P3", categories: ["shoes"], base: "100.00"), customer: wide))
        expected.append(try eur("50.00"))
        requests.append(request(try F.item("P3", base: "100.00"), customer: wide))
        expected.append(try eur("100.00"))

        for (priced, price) in zip(requests, expected) {
            #expect(try book.price(priced).unitPrice == price, "\(priced.customer.customer?.rawValue ?? "-") \(priced.item.product)")
        }
        #expect(try book.resolveAll(requests).map(\.unitPrice) == expected)
        let c150 = try F.customer("C150")
        let items = try (0..<40).map { try F.item("P\($0)", categories: ["shoes"], base: "100.00") }
        #expect(
            try book.resolveListing(items, for: c150, at: now).map(\.unitPrice)
                == expected[(3 * 40)..<(4 * 40)].map { $0 })
        #expect(
            try book.resolveCart(items.map { CartLine(item: $0, quantity: 1) }, for: c150, at: now).lines.map(\.unitPrice)
                == expected[(3 * 40)..<(4 * 40)].map { $0 })
    }

    /// A list with category entries that is not eligible (another group, outside its
    /// window) must not matter, and one that is eligible must.
    @Test func categoriesCountOnlyWhenAnEligibleListPricesThem() throws {
        let book = try PriceBook(lists: [
            F.list("b2b", audience: .groups(["b2b"]), entries: [F.entry("shoes", F.category("shoes"), F.percentOff(2_000))]),
            F.list(
                "later", validFrom: now + day,
                entries: [F.entry("shoes", F.category("shoes"), F.percentOff(5_000))]),
            F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))]),
        ])
        let shoe = try F.item("P1", categories: ["hats", "shoes"], base: "10.00")
        #expect(try book.price(request(shoe, customer: F.customer("C1", groups: ["vip"]))).unitPrice == (try eur("9.00")))
        #expect(try book.price(request(shoe, customer: F.customer("C2", groups: ["b2b"]))).unitPrice == (try eur("8.00")))
        #expect(
            try book.price(request(shoe, customer: F.customer("C3", groups: ["b2b", "vip"]))).unitPrice == (try eur("8.00")))
        #expect(try book.price(request(shoe)).unitPrice == (try eur("10.00")))
        #expect(try book.price(request(shoe, at: now + day)).unitPrice == (try eur("5.00")))
    }
}
