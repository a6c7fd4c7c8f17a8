import ClienteleCore
import ClientelePricing
import Foundation

/// `clientele-bench pricing --data DIR [--queries N] [--passes P]` (or `--dir DIR`): resolves the first N rows of
/// `DIR/queries.csv` (default 200,000) against the price lists in DIR at "now" =
/// 1793491200 and prints
///
/// - `pricing_checksum=`: SHA-256 over `q,unit_price,winning_list_id\n` lines, first 16 hex
///   digits, as `../shared/peers/pricing_oracle.py DIR N` prints it;
/// - `pricing_ns_per_resolution=` (and `pricing_us_per_resolution=` for compare.sh):
///   `PriceBook.resolve` on one thread over the queries
///   (requests built beforehand, as a host holds them, and moved out of and back into their
///   buffer for the call rather than copied; best of P passes, default 3, after a warm-up
///   pass);
/// - `pricing_batch_ns_per_resolution=` (and `pricing_batch_us_per_resolution=`): the same
///   queries through `PriceBook.resolveAll` in pages of 1,000, checked to give exactly the
///   results of one call each;
/// - `pricing_request_read_ns_per_query=`: the same loop only reading each request's
///   category array and group set (the host's data a resolution may read), not resolving;
/// - `pricebook_build_seconds=`: building the `PriceBook` from the loaded lists.
///
/// Dataset mapping: a customer's `customer_group` is its one group; an empty `customer`
/// is an anonymous visitor; an entry's target is a product when `products.csv` has that
/// id, `*` for all products, and a category otherwise; audiences `everyone`,
/// `identified`, `group:<g>`, `customer:<id>`; all money in EUR cents.
enum PricingCommand {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)

    static func run(_ arguments: [String]) async throws {
        try measure(arguments)
    }

    /// The whole command; synchronous, as resolution is.
    static func measure(_ arguments: [String]) throws {
        // `--dir` is what compare.sh passes; `--data` what the pricing issue names.
        let arguments = try Arguments(arguments, values: ["--data", "--dir", "--queries", "--passes"])
        let folder = URL(fileURLWithPath: try arguments.value(for: "--dir") ?? arguments.required("--data"))
        let limit = try arguments.int(for: "--queries", default: 200_000)
        let passes = max(1, try arguments.int(for: "--passes", default: 3))

        var dataset = try Dataset(folder: folder, queryLimit: limit)
        let clock = ContinuousClock()
        let buildStart = clock.now
        let book = try PriceBook(lists: dataset.lists)
        let buildTime = clock.now - buildStart

        // Warm-up pass, which also makes the checksum.
        var lines: [UInt8] = []
        lines.reserveCapacity(dataset.requests.count * 24)
        for (q, request) in zip(dataset.queryNumbers, dataset.requests) {
            let resolution = try book.resolve(request)
            lines.append(contentsOf: "\(q),\(resolution.unitPrice.minorUnits),\(resolution.winner?.list.rawValue ?? "")\n".utf8)
        }
        let checksum = SHA256.hash(lines).prefix(8).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()

        var best = Duration.seconds(1_000_000)
        var sink: Int64 = 0
        for _ in 0..<passes {
            // Borrow each request in place (no copy, no reference counting), as a host
            // resolving requests it holds would.
            let elapsed = try dataset.requests.withUnsafeMutableBufferPointer { requests in
                guard let base = requests.baseAddress else { return Duration.zero }
                let start = clock.now
                for index in requests.indices {
                    // Moved out and back: passing `requests[index]` would copy the request,
                    // retaining its category array and group set (atomic updates to memory
                    // last touched long ago), which a host passing a request it has just
                    // built never pays.
                    let request = (base + index).move()
                    defer { (base + index).initialize(to: request) }
                    sink &+= try book.resolve(request).unitPrice.minorUnits
                }
                return clock.now - start
            }
            best = min(best, elapsed)
        }
        // The same requests through `resolveAll`, in pages of 1,000 (a feed export's or a
        // price sheet's batches), which starts several requests' cache misses at once.
        let pages = stride(from: 0, to: dataset.requests.count, by: 1_000).map {
            Array(dataset.requests[$0..<min($0 + 1_000, dataset.requests.count)])
        }
        var batchResults: [PriceResolution] = []
        batchResults.reserveCapacity(dataset.requests.count)
        for page in pages { batchResults += try book.resolveAll(page) }
        guard batchResults == (try dataset.requests.map { try book.resolve($0) }) else {
            throw BenchError(.output, "resolveAll disagrees with resolve", context: .init(file: folder.path))
        }
        batchResults = []
        var bestBatch = Duration.seconds(1_000_000)
        for _ in 0..<passes {
            let start = clock.now
            for page in pages {
                for resolution in try book.resolveAll(page) { sink &+= resolution.unitPrice.minorUnits }
            }
            bestBatch = min(bestBatch, clock.now - start)
        }
        // The floor the requests themselves set: the same loop, but only reading what every
        // resolution must read from the host's request (its category array and group set,
        // usually cache misses on this dataset), without resolving.
        var floor = Duration.seconds(1_000_000)
        for _ in 0..<passes {
            let elapsed = dataset.requests.withUnsafeBufferPointer { requests in
                let start = clock.now
                for index in requests.indices {
                    let request = requests[index]
                    sink &+= Int64(request.item.categories.first?.rawValue.utf8.count ?? 0)
                        &+ Int64(request.customer.groups.first?.rawValue.utf8.count ?? 0)
                }
                return clock.now - start
            }
            floor = min(floor, elapsed)
        }
        let count = max(dataset.requests.count, 1)
        func perQuery(_ duration: Duration) -> Double {
            let parts = duration.components
            return (Double(parts.seconds) * 1e9 + Double(parts.attoseconds) * 1e-9) / Double(count)
        }
        let nanoseconds = perQuery(best)

        print("pricing_queries=\(dataset.requests.count)")
        print("pricing_lists=\(dataset.lists.count)")
        print("pricing_checksum=\(checksum)")
        print("pricing_ns_per_resolution=\(String(format: "%.1f", nanoseconds))")
        print("pricing_us_per_resolution=\(String(format: "%.4f", nanoseconds / 1_000))")
        print("pricing_batch_ns_per_resolution=\(String(format: "%.1f", perQuery(bestBatch)))")
        print("pricing_batch_us_per_resolution=\(String(format: "%.4f", perQuery(bestBatch) / 1_000))")
        print("pricing_request_read_ns_per_query=\(String(format: "%.1f", perQuery(floor)))")
        print("pricebook_build_seconds=\(Seconds(buildTime))")
        print("pricing_sum_of_unit_prices=\(sink)")
    }

    /// The CSV files of a `--pricing` dataset, turned into library values.
    private struct Dataset {
        var lists: [PriceList] = []
        var queryNumbers: [Int] = []
        var requests: [PriceRequest] = []

        init(folder: URL, queryLimit: Int) throws {
            var items: [String: CatalogItem] = [:]
            for row in try DatasetTable(folder, "products.csv").rows {
                let product = try identifier(ProductID.self, row[0])
                let category = try identifier(CategoryID.self, row[1])
                items[row[0]] = CatalogItem(
                    product: product, categories: [category],
                    basePrice: Money(minorUnits: try number(row[2]), currency: .eur))
            }
            var groups: [String: CustomerGroup] = [:]
            for row in try DatasetTable(folder, "customers.csv").rows where !row[5].isEmpty {
                groups[row[0]] = try CustomerGroup(validating: row[5])
            }
            var listIndex: [String: Int] = [:]
            for row in try DatasetTable(folder, "price_lists.csv").rows {
                let audience: PriceAudience
                switch row[1] {
                case "everyone": audience = .everyone
                case "identified": audience = .identified
                case let text where text.hasPrefix("group:"): audience = .groups([String(text.dropFirst(6))])
                case let text where text.hasPrefix("customer:"):
                    audience = .customers([try CustomerID(validating: String(text.dropFirst(9)))])
                default: throw BenchError(.usage, "unknown audience in price_lists.csv", context: .init(item: row[0]))
                }
                listIndex[row[0]] = lists.count
                lists.append(
                    PriceList(
                        id: try identifier(PriceListID.self, row[0]), currency: .eur,
                        validFrom: row[4].isEmpty ? nil : Date(timeIntervalSince1970: Double(try number(row[4]))),
                        validTo: row[5].isEmpty ? nil : Date(timeIntervalSince1970: Double(try number(row[5]))),
                        audience: audience, priority: Int(try number(row[2])),
                        mode: row[3] == "override" ? .override : .sale, entries: []))
            }
            for row in try DatasetTable(folder, "price_entries.csv").rows {
                guard let index = listIndex[row[0]] else {
                    throw BenchError(.usage, "price_entries.csv names an unknown list", context: .init(item: row[0]))
                }
                let target: PriceTarget =
                    row[1] == "*"
                    ? .allProducts
                    : items[row[1]] != nil
                        ? .product(try identifier(ProductID.self, row[1])) : .category(try identifier(CategoryID.self, row[1]))
                let value = try number(row[4])
                let adjustment: PriceAdjustment
                switch row[3] {
                case "fixed_price": adjustment = .fixedPrice(Money(minorUnits: value, currency: .eur))
                case "percent_off": adjustment = .percentOff(try BasisPoints(Int(value)))
                case "amount_off": adjustment = .amountOff(Money(minorUnits: value, currency: .eur))
                default: throw BenchError(.usage, "unknown entry kind in price_entries.csv", context: .init(item: row[0]))
                }
                let entryID = try identifier(PriceEntryID.self, "e\(lists[index].entries.count + 1)")
                lists[index].entries.append(
                    PriceEntry(id: entryID, target: target, minimumQuantity: Int(try number(row[2])), adjustment: adjustment))
            }
            var contexts: [String: CustomerContext] = ["": .anonymous]
            for row in try DatasetTable(folder, "queries.csv", limit: queryLimit).rows {
                guard let item = items[row[2]] else {
                    throw BenchError(.usage, "queries.csv names an unknown product", context: .init(item: row[2]))
                }
                let context: CustomerContext
                if let known = contexts[row[1]] {
                    context = known
                } else {
                    context = CustomerContext(
                        customer: try CustomerID(validating: row[1]), groups: groups[row[1]].map { [$0] } ?? [])
                    contexts[row[1]] = context
                }
                queryNumbers.append(Int(try number(row[0])))
                requests.append(
                    PriceRequest(item: item, quantity: Int(try number(row[3])), customer: context, instant: PricingCommand.now))
            }
        }
    }

}

private func identifier<ID: RawRepresentable<String>>(_ type: ID.Type, _ text: String) throws -> ID {
    guard let id = ID(rawValue: text) else {
        throw BenchError(.usage, "invalid identifier in the dataset", context: .init(item: text))
    }
    return id
}

private func number(_ text: String) throws -> Int64 {
    guard let value = Int64(text) else {
        throw BenchError(.usage, "expected an integer in the dataset", context: .init(item: text))
    }
    return value
}
