import Clientele
import Foundation
import Testing

/// The README's usage example, verbatim inside `example()`: if it stops compiling or
/// stops giving the prices it claims, this test fails.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRunsAndPricesAsItSays() async throws {
        let price = try await example()
        #expect(price.unitPrice == (try Money(parsing: "44.96", currency: .eur)))
        #expect(price.winner?.list.rawValue == "repeat")
    }

    @Test func theReadmeShowsExactlyTheCodeThisTestRuns() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        let begin = "// --- README example ---\n", end = "        // --- end of README example ---"
        let start = try #require(source.range(of: begin))
        let stop = try #require(source.range(of: end, range: start.upperBound..<source.endIndex))
        let tested = source[start.upperBound..<stop.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        #expect(readme.contains("```swift\nimport Clientele\n\n" + tested + "```"))
    }

    private func example() async throws -> PriceResolution {
        let tokenSecret = Array(repeating: UInt8(7), count: 32)      // from the shop's secret store
        let digestSalt = Array("a salt from the shop's secret store".utf8)
        // --- README example ---
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        let configuration = try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "2026-12", secret: tokenSecret)),
                digestSalt: digestSalt,
                controller: ReceiptController(
                    name: "Voorbeeld B.V.", contact: "privacy@voorbeeld.nl",
                    privacyPolicyURL: "https://voorbeeld.nl/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter]),
            triggerPurpose: "newsletter")
        let hub = CustomerHub.inMemory(configuration: configuration)  // CustomerHub.open(at: folder, …) in production
        try await hub.start()                                           // once at start-up

        // A guest checks out, then chooses a password on the thank-you page.
        let guest = try await hub.accounts.recordGuest(email: "Jan@Voorbeeld.nl")
        let euros = { (amount: String) in try Money(parsing: amount, currency: .eur) }
        _ = try await hub.recordOrder(OrderReference(
            id: try OrderID(validating: "1001"), customer: guest.id, placedAt: hub.clock.now(), total: try euros("49.95")))
        _ = try await hub.convertGuest(guest.id, password: "correct horse battery staple")

        // Customers with two orders or more get 10% off everything once they log in.
        _ = try await hub.segmentation.define("repeat_buyers", query: "number_of_orders >= 2", expectedRevision: 0)
        try await hub.pricing.create(PriceList(
            id: try PriceListID(validating: "repeat"), currency: .eur,
            audience: .segments(["repeat_buyers"]), mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
                                 adjustment: .percentOff(try BasisPoints(1_000)))]))
        let second = try await hub.recordOrder(OrderReference(
            id: try OrderID(validating: "1002"), customer: guest.id, placedAt: hub.clock.now(), total: try euros("12.50")))
        // second.segmentation.changes: entered repeat_buyers; second.messages: what to mail, with consent decisions

        let login = try await hub.accounts.login(email: "jan@voorbeeld.nl", password: "correct horse battery staple")
        let shoe = CatalogItem(product: try ProductID(validating: "SKU-1"), basePrice: try euros("49.95"))
        let price = try hub.pricing.resolvePrice(for: shoe, customer: try await hub.pricingContext(for: login.customer.id))
        // price.unitPrice is 44.96 EUR, price.winner?.list is "repeat"
        // --- end of README example ---
        #expect(second.segmentation.changes.map(\.segment) == ["repeat_buyers"])
        return price
    }
}
