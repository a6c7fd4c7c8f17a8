import ClienteleCore
import Foundation

/// `dataset --customers N --out DIR [--pricing] [--seed S] [--products P] [--queries Q]`:
/// writes the shop dataset of `../shared/peers/README.md` (see ``ShopDataset``).
///
/// Prints `customers=`, with `--pricing` also `products=`, `price_lists=`,
/// `price_entries=`, `queries=`; then `dataset_bytes=` and `dataset_seconds=`.
enum DatasetCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(
            options,
            values: ["--customers", "--out", "--seed", "--products", "--queries"],
            flags: ["--pricing"])
        let folder = URL(filePath: try arguments.required("--out"), directoryHint: .isDirectory)
        var dataset = ShopDataset(customers: try arguments.int(for: "--customers", default: 100_000))
        dataset.seed = UInt64(try arguments.int(for: "--seed", default: 42))
        dataset.products = max(1, try arguments.int(for: "--products", default: dataset.products))
        dataset.queries = try arguments.int(for: "--queries", default: dataset.queries)

        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BenchError(.output, "cannot create the output folder", context: .init(file: folder.path), underlying: error)
        }
        let clock = ContinuousClock()
        let start = clock.now
        var bytes = try dataset.writeCustomers(into: folder)
        print("customers=\(dataset.customers)")
        if arguments.flag("--pricing") {
            let counts = try dataset.writePricing(into: folder)
            bytes += counts.bytes
            print("products=\(counts.products)")
            print("price_lists=\(counts.priceLists)")
            print("price_entries=\(counts.priceEntries)")
            print("queries=\(counts.queries)")
        }
        print("dataset_bytes=\(bytes)")
        print("dataset_seconds=\(Seconds(clock.now - start))")
    }
}
