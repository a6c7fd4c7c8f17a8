import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceBookBatchTests {
    func book() throws -> PriceBook {
        try PriceBook(lists: [
            F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.percentOff(1_000))]),
            F.list("tiers", entries: [F.entry("t10", .allProducts, minimumQuantity: 10, F.percentOff(2_000))]),
        ])
    }

    @Test func aCartIsPricedLineByLineWithItsTotal() throws {
        let vip = try F.customer("C1", groups: ["vip"])
        let lines = [
            CartLine(item: try F.item("P1", base: "12.35"), quantity: 2),  // 11.12 × 2 = 22.24
            CartLine(item: try F.item("P2", base: "1.00"), quantity: 10),  // 0.80 × 10 = 8.00
            CartLine(item: try F.item("P3", base: "5.00", floor: "4.80"), quantity: 1),  // 4.50 → floor 4.80
        ]
        let cart = try book().resolveCart(lines, for: vip, at: now)
        #expect(cart.lines.map(\.unitPrice) == [try eur("11.12"), try eur("0.80"), try eur("4.80")])
        #expect(cart.total == (try eur("35.04")))
        for (line, priced) in zip(lines, cart.lines) {
            #expect(priced == (try book().resolve(request(line.item, quantity: line.quantity, customer: vip))))
        }
        #expect(try book().resolveCart([], for: vip, at: now).total == nil)
    }

    @Test func aBadCartLineIsNamedAndNothingIsReturned() throws {
        let lines = [
            CartLine(item: try F.item("P1", base: "1.00"), quantity: 1),
            CartLine(item: try F.item("P2", base: "1.00"), quantity: 0),
        ]
        #expect {
            try book().resolveCart(lines, for: .anonymous, at: now)
        } throws: { error in
            (error as? PricingError)?.context.field == "lines[1].quantity"
        }
        let mixed = [
            CartLine(item: try F.item("P1", base: "1.00"), quantity: 1),
            CartLine(item: try F.item("P2", base: "1.00", currency: .usd), quantity: 1),
        ]
        #expect {
            try book().resolveCart(mixed, for: .anonymous, at: now)
        } throws: { error in
            (error as? PricingError)?.code == .currencyMismatch
        }
    }

    @Test func manyRequestsResolveInOrderAsOneByOne() throws {
        let vip = try F.customer("C1", groups: ["vip"])
        let requests = try (1...20).map { n in
            request(try F.item("P\(n)", base: "\(n).00"), quantity: n, customer: n.isMultiple(of: 3) ? .anonymous : vip)
        }
        let batch = try book().resolveAll(requests)
        #expect(batch == (try requests.map { try book().resolve($0) }))
        #expect(batch[0].unitPrice == (try eur("0.90")))  // VIP 10 % off
        #expect(batch[2].unitPrice == (try eur("3.00")))  // anonymous, quantity 3: base price
        #expect(batch[9].unitPrice == (try eur("8.00")))  // C1 buys 10: tiers 20 % off beats VIP 10 %
        #expect(try book().resolveAll([]).isEmpty)
    }

    @Test func aBadRequestInABatchIsNamedAndNothingIsReturned() throws {
        let requests = [
            request(try F.item("P1", base: "1.00"), quantity: 1, customer: .anonymous),
            request(try F.item("P2", base: "1.00"), quantity: 0, customer: .anonymous),
        ]
        #expect {
            try book().resolveAll(requests)
        } throws: { error in
            (error as? PricingError)?.context.field == "requests[1].quantity"
        }
    }

    @Test func aRequestWithMoreCategoriesThanFitOnTheStackIsStillPricedByEveryCategory() throws {
        // Past 16 categories, groups and segments the resolver takes its general path.
        let book = try PriceBook(lists: [
            F.list("b2b", audience: .groups(["b2b"]), entries: [F.entry("k19", .category(try CategoryID(validating: "K19")), F.percentOff(2_500))])
        ])
        let categories = try (0..<20).map { try CategoryID(validating: "K\($0)") }
        let item = CatalogItem(
            product: try ProductID(validating: "P1"), categories: categories, basePrice: try eur("10.00"))
        let b2b = try F.customer("C1", groups: ["b2b"])
        let priced = try book.resolve(request(item, quantity: 1, customer: b2b))
        #expect(priced.unitPrice == (try eur("7.50")))
        #expect(try book.resolveAll([request(item, quantity: 1, customer: b2b)]) == [priced])
    }

    @Test func aListingIsPricedAtQuantityOne() throws {
        let items = try (1...5).map { try F.item("P\($0)", base: "\($0).00") }
        let vip = try F.customer("C1", groups: ["vip"])
        let listing = try book().resolveListing(items, for: vip, at: now)
        #expect(listing.map(\.unitPrice) == [try eur("0.90"), try eur("1.80"), try eur("2.70"), try eur("3.60"), try eur("4.50")])
        #expect(listing.allSatisfy { $0.quantity == 1 })
        #expect {
            try book().resolveListing([try F.item("P1", base: "-1.00")], for: vip, at: now)
        } throws: { error in
            (error as? PricingError)?.context.field == "items[0].basePrice"
        }
    }
}
