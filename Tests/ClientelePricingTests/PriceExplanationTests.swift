import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

@Suite struct PriceExplanationTests {
    /// A B2B customer buying P1 (shoes, base 10.00) × 1, with one list for each outcome.
    func scenario() throws -> (PriceBook, PriceRequest) {
        let c9 = try CustomerID(validating: "C9")
        let book = try PriceBook(lists: [
            F.list("b2b", audience: .groups(["b2b"]), priority: 20, mode: .override, entries: [F.entry("shoes", F.category("shoes"), F.fixed("8.00"))]),
            F.list("b2b-old", audience: .groups(["b2b"]), priority: 10, mode: .override, entries: [F.entry("all", .allProducts, F.fixed("7.00"))]),
            F.list("sale", audience: .identified, priority: 1, entries: [F.entry("p1", F.product("P1"), F.percentOff(1_000))]),
            F.list("sale-b", audience: .identified, priority: 0, entries: [F.entry("p1", F.product("P1"), F.fixed("7.20"))]),
            F.list("sale-c", priority: 0, entries: [F.entry("p1", F.product("P1"), F.fixed("7.50"))]),
            F.list("dear", priority: 0, entries: [F.entry("p1", F.product("P1"), F.fixed("9.00"))]),
            F.list("bulk", entries: [F.entry("p1", F.product("P1"), minimumQuantity: 10, F.fixed("1.00"))]),
            F.list("draft", status: .draft, entries: [F.entry("all", .allProducts, F.fixed("1.00"))]),
            F.list("later", validFrom: now + day, entries: [F.entry("all", .allProducts, F.fixed("1.00"))]),
            F.list("gone", validTo: now, entries: [F.entry("all", .allProducts, F.fixed("1.00"))]),
            F.list("usd", currency: .usd, entries: [F.entry("all", .allProducts, F.fixed("1.00", .usd))]),
            F.list("vip", audience: .groups(["vip"]), entries: [F.entry("all", .allProducts, F.fixed("1.00"))]),
            F.list("other-customer", audience: .customers([try CustomerID(validating: "C1")]), entries: [F.entry("p2", F.product("P2"), F.fixed("1.00"))]),
            F.list("own-contract", audience: .customers([c9]), entries: [F.entry("p2", F.product("P2"), F.fixed("1.00"))]),
        ])
        let item = try F.item("P1", categories: ["shoes"], base: "10.00")
        return (book, request(item, customer: CustomerContext(customer: c9, groups: [.b2b])))
    }

    @Test func everyConsideredListSaysWhyItDidOrDidNotApply() throws {
        let (book, request) = try scenario()
        let explanation = try book.explain(request)
        #expect(explanation.resolution == (try book.resolve(request)))
        #expect(explanation.resolution.unitPrice == (try eur("7.20")))  // 8.00 − 10 % = 7.20 ties sale-b
        #expect(explanation.resolution.winner?.list.rawValue == "sale")  // equal price: higher priority
        let outcomes = Dictionary(uniqueKeysWithValues: explanation.considered.map { ($0.list.rawValue, $0.outcome) })
        let e = { (text: String) in try PriceEntryID(validating: text) }
        let l = { (text: String) in try PriceListID(validating: text) }
        #expect(outcomes["b2b"] == .setReference(entry: try e("shoes"), price: try eur("8.00")))
        #expect(outcomes["b2b-old"] == .lost(entry: try e("all"), price: try eur("7.00"), to: try l("b2b"), because: .lowerPriority))
        #expect(outcomes["sale"] == .won(entry: try e("p1"), price: try eur("7.20")))
        #expect(outcomes["sale-b"] == .lost(entry: try e("p1"), price: try eur("7.20"), to: try l("sale"), because: .samePriceLowerPriority))
        #expect(outcomes["sale-c"] == .lost(entry: try e("p1"), price: try eur("7.50"), to: try l("sale"), because: .higherPrice))
        #expect(outcomes["dear"] == .notBelowReference(entry: try e("p1"), price: try eur("9.00"), reference: try eur("8.00")))
        #expect(outcomes["bulk"] == .noMatchingEntry)
        #expect(outcomes["draft"] == .draft)
        #expect(outcomes["later"] == .notYetValid(from: now + day))
        #expect(outcomes["gone"] == .expired(at: now))
        #expect(outcomes["usd"] == .otherCurrency(.usd))
        #expect(outcomes["vip"] == .notInAudience)
        #expect(outcomes["own-contract"] == .noMatchingEntry)
        // Another customer's contract for another product is not worth a line.
        #expect(outcomes["other-customer"] == nil)
        #expect(explanation.omittedListCount == 1)
        #expect(explanation.considered.map(\.list.rawValue) == explanation.considered.map(\.list.rawValue).sorted())
    }

    @Test func anonymousVisitorsAreToldWhichListsNeedALogin() throws {
        let (book, loggedIn) = try scenario()
        let anonymous = request(loggedIn.item, customer: .anonymous)
        let explanation = try book.explain(anonymous)
        let outcomes = Dictionary(uniqueKeysWithValues: explanation.considered.map { ($0.list.rawValue, $0.outcome) })
        #expect(outcomes["b2b"] == .anonymousVisitor)
        #expect(outcomes["sale"] == .anonymousVisitor)
        #expect(outcomes["sale-c"] == .won(entry: try PriceEntryID(validating: "p1"), price: try eur("7.50")))
        #expect(explanation.resolution == (try book.resolve(anonymous)))
    }

    @Test func theReportReadsAsOneLinePerList() throws {
        let (book, request) = try scenario()
        let text = try book.explain(request).description
        #expect(text.hasPrefix("unit price 7.20 EUR × 1 = 7.20 (base 10.00, reference 8.00); set by sale entry p1"))
        #expect(text.contains("- b2b (override, priority 20): set the reference price 8.00 EUR with entry shoes"))
        #expect(text.contains("- sale-b (sale, priority 0): entry p1 at 7.20 EUR lost to sale (same price, lower priority)"))
        #expect(text.contains("- vip (sale, priority 0): customer not in its audience"))
        #expect(text.hasSuffix("(1 other lists neither address this customer nor price this product)"))
    }
}
