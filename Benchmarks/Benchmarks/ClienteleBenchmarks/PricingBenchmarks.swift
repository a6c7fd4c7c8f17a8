import Benchmark
import ClienteleCore
import ClientelePricing
import Foundation

/// `PriceBook.resolve`: the price of one product for one customer, which every product
/// page and cart line asks for. It must not allocate.
func pricingBenchmarks() {
    // One sample = 1,000 resolutions over a small book with the shapes of the 1M dataset:
    // group lists for all products and a category, a sale on some products, contracts.
    Benchmark("PriceBook.resolve.x1000") { benchmark in
        let book = try PricingBenchmarkData.book()
        let requests = try PricingBenchmarkData.requests()
        benchmark.startMeasurement()
        for request in requests {
            blackHole(try book.resolve(request).unitPrice.minorUnits)
        }
        benchmark.stopMeasurement()
    }
}

enum PricingBenchmarkData {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)

    static func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    static func book() throws -> PriceBook {
        func entry(_ id: String, _ target: PriceTarget, _ adjustment: PriceAdjustment) throws -> PriceEntry {
            PriceEntry(id: try PriceEntryID(validating: id), target: target, adjustment: adjustment)
        }
        func list(_ id: String, _ audience: PriceAudience, _ entries: [PriceEntry]) throws -> PriceList {
            PriceList(id: try PriceListID(validating: id), currency: .eur, audience: audience, mode: .sale, entries: entries)
        }
        var lists = [
            try list("L-vip", .groups(["vip"]), [entry("all", .allProducts, .percentOff(try BasisPoints(1_000)))]),
            try list(
                "L-b2b", .groups(["b2b"]),
                try (0..<20).map { try entry("k\($0)", .category(CategoryID(validating: "K\($0)")), .percentOff(BasisPoints(2_500))) }),
            try list(
                "L-sale", .identified,
                try (0..<50).map { try entry("p\($0)", .product(ProductID(validating: "P\($0 * 7)")), .amountOff(money(100))) }),
        ]
        for c in 0..<200 {
            lists.append(
                try list(
                    "L-C\(c)", .customers([try CustomerID(validating: "C\(c)")]),
                    try (0..<5).map { try entry("e\($0)", .product(ProductID(validating: "P\((c + $0) % 400)")), .fixedPrice(money(500))) }))
        }
        return try PriceBook(lists: lists)
    }

    static func requests() throws -> [PriceRequest] {
        let groups: [Set<CustomerGroup>] = [[], [], [], [.vip], [.b2b]]
        return try (0..<1_000).map { q in
            let item = CatalogItem(
                product: try ProductID(validating: "P\(q * 13 % 400)"),
                categories: [try CategoryID(validating: "K\(q % 40)")], basePrice: money(Int64(1_000 + q)))
            let customer =
                q % 4 == 0
                ? CustomerContext.anonymous
                : CustomerContext(customer: try CustomerID(validating: "C\(q * 7 % 2_000)"), groups: groups[q % 5])
            return PriceRequest(item: item, quantity: 1 + q % 3, customer: customer, instant: now)
        }
    }
}
