import ClienteleCore
import Foundation

extension ShopDataset {
    /// What the pricing files hold, for the command's output.
    struct PricingCounts {
        var products = 0
        var priceLists = 0
        var priceEntries = 0
        var queries = 0
        var bytes = 0
    }

    /// Writes `products.csv`, `price_lists.csv`, `price_entries.csv` and `queries.csv` into
    /// `folder`, with the lists of the peer's generator: a VIP list (10 % off everything),
    /// a B2B list per category, wholesale quantity breaks, a running identified-customer
    /// sale, an expired override, and up to 20,000 customer-specific lists.
    ///
    /// - Throws: `BenchError.output` when a file cannot be written.
    func writePricing(into folder: URL) throws(BenchError) -> PricingCounts {
        var random = SeededGenerator(seed: seed &+ 1)
        var counts = PricingCounts()
        let now = Self.now
        let day = Self.day

        // Products: id, category K001…K500, base price 1.00…1000.00.
        var categories = [Int](repeating: 0, count: products + 1)
        var basePrices = [Int](repeating: 0, count: products + 1)
        var productFile = try CSVFile(folder.appending(path: "products.csv"), header: ["id", "category", "base_price"])
        for product in 1..<(products + 1) {
            categories[product] = random.int(in: 1...500)
            basePrices[product] = random.int(in: 100...100_000)
            productFile.number(product, prefix: "P", width: 6)
            productFile.number(categories[product], prefix: "K", width: 3)
            productFile.number(basePrices[product])
            try productFile.endRow()
        }
        counts.products = products
        counts.bytes += try productFile.close()

        var lists = try CSVFile(
            folder.appending(path: "price_lists.csv"),
            header: ["id", "audience", "priority", "mode", "valid_from", "valid_to"])
        var entries = try CSVFile(
            folder.appending(path: "price_entries.csv"),
            header: ["list", "target", "min_qty", "kind", "value"])

        func list(_ id: String, _ audience: String, priority: Int, mode: String, from: Int? = nil, to: Int? = nil) throws(BenchError) {
            lists.text(id)
            lists.text(audience)
            lists.number(priority)
            lists.text(mode)
            lists.number(from)
            lists.number(to)
            try lists.endRow()
        }
        func entry(_ list: String, target: String, minimumQuantity: Int = 1, kind: String, value: Int) throws(BenchError) {
            entries.text(list)
            entries.text(target)
            entries.number(minimumQuantity)
            entries.text(kind)
            entries.number(value)
            try entries.endRow()
        }
        func productID(_ product: Int) -> String {
            "P" + padded(product, width: 6)
        }

        try list("L-vip", "group:vip", priority: 10, mode: "sale")
        try entry("L-vip", target: "*", kind: "percent_off", value: 1000)

        try list("L-b2b", "group:b2b", priority: 20, mode: "sale")
        for category in 1...500 where random.chance(0.5) {
            try entry("L-b2b", target: "K" + padded(category, width: 3), kind: "percent_off", value: random.element(of: [500, 1000, 1500, 2500]))
        }

        try list("L-wholesale", "group:wholesale", priority: 20, mode: "sale")
        try entry("L-wholesale", target: "*", minimumQuantity: 10, kind: "percent_off", value: 1500)
        try entry("L-wholesale", target: "*", minimumQuantity: 50, kind: "percent_off", value: 2500)

        try list("L-sale", "identified", priority: 5, mode: "sale", from: now - 10 * day, to: now + 10 * day)
        for product in random.sample(2000, from: 1...products) {
            try entry("L-sale", target: productID(product), kind: "amount_off", value: random.int(in: 50...2000))
        }

        try list("L-expired", "identified", priority: 50, mode: "override", from: now - 60 * day, to: now - 30 * day)
        for product in random.sample(500, from: 1...products) {
            try entry("L-expired", target: productID(product), kind: "fixed_price", value: 1)
        }

        let special = customers > 0 ? random.sample(min(20_000, customers), from: 1...customers) : []
        for customer in special {
            let customerID = "C" + padded(customer, width: 7)
            let id = "L-" + customerID
            try list(id, "customer:" + customerID, priority: 100, mode: customer % 3 == 0 ? "override" : "sale")
            for product in random.sample(random.int(in: 1...20), from: 1...products) {
                let price = max(1, basePrices[product] * random.int(in: 60...110) / 100)
                try entry(id, target: productID(product), kind: "fixed_price", value: price)
            }
        }
        counts.priceLists = lists.rows
        counts.priceEntries = entries.rows
        counts.bytes += try lists.close()
        counts.bytes += try entries.close()

        // Queries: 30 % from customers with their own list, 10 % anonymous visitors.
        let quantities = [1, 1, 1, 2, 3, 10, 12, 50, 100]
        var queryFile = try CSVFile(folder.appending(path: "queries.csv"), header: ["q", "customer", "product", "qty"])
        for query in 0..<queries {
            let customer = !special.isEmpty && random.chance(0.3) ? random.element(of: special) : random.int(in: 1...max(customers, 1))
            let anonymous = random.chance(0.1)
            queryFile.number(query)
            if anonymous || customers == 0 {
                queryFile.empty()
            } else {
                queryFile.number(customer, prefix: "C", width: 7)
            }
            queryFile.number(random.int(in: 1...products), prefix: "P", width: 6)
            queryFile.number(random.element(of: quantities))
            try queryFile.endRow()
        }
        counts.queries = queries
        counts.bytes += try queryFile.close()
        return counts
    }
}

/// `value` in decimal, zero-padded to `width` digits.
private func padded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
