import Clientele
import Testing

/// The README's usage example, verbatim inside `example()`: if it stops compiling or
/// stops giving the prices it claims, this test fails.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRunsAndPricesAsItSays() async throws {
        let price = try await example()
        #expect(price.unitPrice == (try Money(parsing: "44.96", currency: .eur)))
        #expect(price.winner?.list.rawValue == "vip")
    }

    private func example() async throws -> PriceResolution {
        // --- README example ---
        let accounts = AccountService(store: ReferenceAccountStore.inMemory())
        let pricing = PriceBookService(store: ReferencePriceListStore.inMemory())
        try await pricing.refresh()   // loads the price book: once at start-up

        // A guest checks out, then chooses a password on the thank-you page.
        let guest = try await accounts.recordGuest(email: "Jan@Voorbeeld.nl")
        _ = try await accounts.convertGuest(guest.id, password: "correct horse battery staple")
        _ = try await accounts.addToGroup(try CustomerGroup(validating: "vip"), guest.id)

        // VIPs get 10% off everything once they log in.
        try await pricing.create(PriceList(
            id: try PriceListID(validating: "vip"), currency: .eur,
            audience: .groups(["vip"]), mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
                                 adjustment: .percentOff(try BasisPoints(1_000)))]))

        let login = try await accounts.login(email: "jan@voorbeeld.nl", password: "correct horse battery staple")
        let shoe = CatalogItem(product: try ProductID(validating: "SKU-1"),
                               basePrice: try Money(parsing: "49.95", currency: .eur))
        let price = try pricing.resolvePrice(
            for: shoe, customer: CustomerContext(customer: login.customer.id,
                                                 groups: login.customer.groups))
        // price.unitPrice is 44.96 EUR, price.winner?.list is "vip"
        // --- end of README example ---
        return price
    }
}
