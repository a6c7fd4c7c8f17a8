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
