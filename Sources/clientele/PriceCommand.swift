import Clientele
import Foundation

/// `clientele price DIR --product ID --base AMOUNT [--customer EMAIL] [--quantity N]
/// [--category C ...]`: what a customer pays now, and why.
enum PriceCommand {
    static let command = Command(
        name: "price", summary: "the price a customer pays now for a product, with its explanation",
        usage: "price DIR --product ID --base AMOUNT [--customer EMAIL] [--quantity N] [--category C ...]",
        details: """
            Resolves the price through the store's price lists and explains every list
            considered. Without --customer, prices for an anonymous visitor; with it, for that
            customer's groups and current segments.

            options:
              --product ID       the product (required)
              --base AMOUNT      its base price in the shop currency, such as 49.95 (required)
              --customer EMAIL   price for the customer with that e-mail address
              --quantity N       the quantity (default 1)
              --category C       a category of the product; repeat for more
            """,
        shape: Arguments.Shape(
            positionals: ["DIR"],
            options: ["--product": "ID", "--base": "AMOUNT", "--customer": "EMAIL", "--quantity": "N", "--category": "C"],
            repeatable: ["--category"]),
        run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let currency = try ShopConfiguration.make().currency
        let productText = try arguments.required("--product")
        let baseText = try arguments.required("--base")
        guard let product = try? ProductID(validating: productText) else {
            throw CommandFailure.usage("option '--product' needs a product id, not \(CommandFailure.quoted(productText))")
        }
        guard let base = try? Money(parsing: baseText, currency: currency) else {
            throw CommandFailure.usage("option '--base' needs an amount such as 49.95, not \(CommandFailure.quoted(baseText))")
        }
        var quantity = 1
        if let text = arguments.value("--quantity") {
            guard let value = Int(text), value > 0 else {
                throw CommandFailure.usage("option '--quantity' needs a whole number above 0, not \(CommandFailure.quoted(text))")
            }
            quantity = value
        }
        var categories: [CategoryID] = []
        for text in arguments.all("--category") {
            guard let category = try? CategoryID(validating: text) else {
                throw CommandFailure.usage("option '--category' needs a category id, not \(CommandFailure.quoted(text))")
            }
            categories.append(category)
        }
        let item = CatalogItem(product: product, categories: categories, basePrice: base)
        let folder = try StoreFolder(arguments.positionals[0])
        try await folder.withHub(start: true) { hub in
            var context = CustomerContext(customer: nil)
            if let email = arguments.value("--customer") {
                context = try await hub.pricingContext(for: try await hub.customers(email: email)[0])
            }
            let resolution = try hub.pricing.resolvePrice(for: item, quantity: quantity, customer: context)
            let explanation = try hub.pricing.explainPrice(for: item, quantity: quantity, customer: context)
            let who = context.customer.map { "customer \($0)" } ?? "an anonymous visitor"
            print("price for \(who): \(resolution.unitPrice) each, \(resolution.lineTotal) for \(quantity)"
                  + (resolution.winner.map { " (list \($0.list), entry \($0.entry))" } ?? " (base price)"))
            for line in String(describing: explanation).split(separator: "\n") { print("  \(line)") }
        }
        return 0
    }
}
