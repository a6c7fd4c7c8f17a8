import ClienteleCore
import ClienteleSegmentation
import Foundation

/// `clientele-bench segments --data DIR --queries FILE [--passes 3]`: the segment queries of
/// FILE over `DIR/customers.csv`, as `segments.py` evaluates them in SQLite and DuckDB.
///
/// Prints `segments_load_seconds=` (CSV to a `FactTable`), `segments_fact_bytes=` (column
/// bytes per customer), `segments_seconds=` (every query into a member set, one thread, best
/// of `--passes`), `segment.<name>.count=` and `segment.<name>.checksum=` per query (the
/// checksum of peers/README.md), or `segment.<name>.error=` for a query that does not
/// parse, and `segments_incremental_ns=` (`SegmentMemberships.update`: one customer's facts
/// changed and re-evaluated against 50 segments, the file's queries repeated, for 1,000
/// customers 20 times).
enum SegmentsCommand {
    /// "Now" of the dataset: 2026-11-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_793_491_200)

    static func run(_ arguments: [String]) async throws {
        let arguments = try Arguments(arguments, values: ["--data", "--queries", "--passes"])
        let folder = URL(fileURLWithPath: try arguments.required("--data"))
        let passes = max(1, try arguments.int(for: "--passes", default: 3))
        let schema = try SegmentSchema(currency: .eur)
        let clock = ContinuousClock()

        let loadStart = clock.now
        var table = FactTable(schema: schema)
        var sample: [CustomerFacts] = []
        for row in try DatasetTable(folder, "customers.csv").rows {
            let facts = try Self.facts(row)
            table.upsert(facts)
            if sample.count < 1_000 { sample.append(facts) }
        }
        print("segments_load_seconds=\(Seconds(clock.now - loadStart))")
        print("segments_customers=\(table.count)")
        print("segments_fact_bytes=\(table.count == 0 ? 0 : table.columnBytes / table.count)")

        var segments: [(name: String, evaluator: SegmentEvaluator)] = []
        for (name, text) in try Self.queries(URL(fileURLWithPath: try arguments.required("--queries"))) {
            switch Self.compile(text, schema: schema) {
            case .success(let evaluator): segments.append((name, evaluator))
            case .failure(let error): print("segment.\(name).error=\(error.code.rawValue): \(error.message) \(error.context)")
            }
        }

        var best: Duration?
        var members: [MemberSet] = []
        for _ in 0..<passes {
            let start = clock.now
            members = segments.map { $0.evaluator.members(of: table, at: Self.now) }
            let elapsed = clock.now - start
            best = best.map { min($0, elapsed) } ?? elapsed
        }
        print("segments_seconds=\(Seconds(best ?? .zero))")
        for (segment, set) in zip(segments, members) {
            print("segment.\(segment.name).count=\(set.count)")
            print("segment.\(segment.name).checksum=\(Self.checksum(table.customers(in: set)))")
        }

        guard !segments.isEmpty, !sample.isEmpty else { return }
        // Incremental: 50 segments (the file's queries repeated) kept by SegmentMemberships;
        // one customer's facts change and are re-evaluated against all 50.
        var memberships = SegmentMemberships(table: table)
        table = FactTable(schema: schema)  // one copy of the columns, in `memberships`
        for index in 0..<50 {
            let segment = segments[index % segments.count]
            memberships.define("\(segment.name)-\(index)", segment.evaluator, at: Self.now)
        }
        var changes = 0
        let rounds = 20
        let start = clock.now
        for round in 0..<rounds {
            for var facts in sample {
                facts.numberOfOrders += Int64(round % 2) * 10
                changes += memberships.update(facts, at: Self.now).count
            }
        }
        let perCustomer = Seconds(clock.now - start).value * 1e9 / Double(rounds * sample.count)
        print("segments_incremental_ns=\(Int(perCustomer.rounded()))")
        print("segments_incremental_changes=\(changes)")
    }

    /// The evaluator of `text`, or the parse or type error.
    static func compile(_ text: String, schema: SegmentSchema) -> Result<SegmentEvaluator, SegmentationError> {
        Result { () throws(SegmentationError) -> SegmentEvaluator in try SegmentEvaluator(text, schema: schema) }
    }

    /// One row of `customers.csv` as facts (see peers/README.md for the columns).
    static func facts(_ row: [String]) throws -> CustomerFacts {
        guard row.count >= 12 else { throw BenchError(.usage, "customers.csv needs 12 columns", context: .init(item: row.first ?? "")) }
        func instant(_ text: String) throws -> Date? {
            guard !text.isEmpty else { return nil }
            guard let seconds = Int64(text) else { throw BenchError(.usage, "not a number in customers.csv", context: .init(item: row[0])) }
            return Date(timeIntervalSince1970: Double(seconds))
        }
        func integer(_ text: String) throws -> Int64 {
            guard let value = Int64(text) else { throw BenchError(.usage, "not a number in customers.csv", context: .init(item: row[0])) }
            return value
        }
        var birthDate: BirthDate?
        let birth = row[4].split(separator: "-").compactMap { Int($0) }
        if birth.count == 3 { birthDate = try BirthDate(month: birth[1], day: birth[2], year: birth[0]) }
        var facts = CustomerFacts(
            customer: try CustomerID(validating: row[0]), createdAt: try instant(row[2]) ?? Date(timeIntervalSince1970: 0),
            numberOfOrders: try integer(row[7]), amountSpentMinorUnits: try integer(row[8]), firstOrderDate: try instant(row[9]),
            lastOrderDate: try instant(row[10]), lastVisitDate: try instant(row[11]), country: row[3].isEmpty ? nil : row[3],
            emailDomain: row[1].split(separator: "@").last.map { $0.lowercased() }, groups: row[5].isEmpty ? [] : [row[5]],
            birthDate: birthDate)
        if let state = ConsentFact(rawValue: row[6]) { facts.consents["newsletter"] = state }
        return facts
    }

    /// The queries of a `segments.tsv`-style file: `name<TAB>query[<TAB>anything]`, `#`
    /// comments and blank lines skipped.
    static func queries(_ url: URL) throws -> [(String, String)] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw BenchError(.usage, "cannot read the queries file", context: .init(file: url.path))
        }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    /// XOR of the first 8 bytes (little-endian) of SHA-256 of each id, as 16 hex digits.
    static func checksum(_ ids: [CustomerID]) -> String {
        var sum: UInt64 = 0
        for id in ids {
            let digest = SHA256.hash(Array(id.rawValue.utf8))
            var word: UInt64 = 0
            for index in (0..<8).reversed() { word = word << 8 | UInt64(digest[index]) }
            sum ^= word
        }
        let hex = String(sum, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
