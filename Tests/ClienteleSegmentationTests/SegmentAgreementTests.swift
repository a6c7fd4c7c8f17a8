import ClienteleSegmentation
import Foundation
import Testing

/// The peers' dataset and queries: every query of `segments.tsv` must select exactly the
/// customers that SQLite selects with the query's SQL column.
@Suite("Agreement with the SQL of the peers")
struct SegmentAgreementTests {
    struct Expected: Sendable, CustomStringConvertible {
        var name: String
        var query: String
        var count: Int
        var checksum: String
        var members: [String]
        var description: String { name }
    }

    static func fixture(_ name: String, _ ext: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Rows of a tab- or comma-separated fixture (no quoting: the fixtures have none),
    /// without `#` comments and blank lines.
    static func lines(_ text: String, separator: Character = "\t") -> [[String]] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
    }

    static func expectations() throws -> [Expected] {
        let queries = Dictionary(
            uniqueKeysWithValues: lines(try fixture("segments", "tsv")).map { ($0[0], $0[1]) })
        return try lines(try fixture("segment-expected", "tsv")).map { row in
            Expected(
                name: row[0], query: try #require(queries[row[0]]), count: try #require(Int(row[1])),
                checksum: row[2], members: row[3].isEmpty ? [] : row[3].split(separator: ",").map(String.init))
        }
    }

    /// Reads `customers.csv` as the issue specifies: `customer_group` becomes `groups`,
    /// `newsletter` the state of purpose `newsletter`, empty order/visit/birth values NULL,
    /// `amount_spent` cents of EUR.
    static func customers() throws -> [CustomerFacts] {
        let rows = lines(try fixture("segment-customers", "csv"), separator: ",")
        let header = try #require(rows.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let id = try column("id"), created = try column("created_at"), country = try column("country")
        let birth = try column("birth_date"), group = try column("customer_group")
        let newsletter = try column("newsletter"), orders = try column("number_of_orders")
        let amount = try column("amount_spent"), first = try column("first_order_at")
        let last = try column("last_order_at"), visit = try column("last_visit_at")
        func instant(_ text: String) throws -> Date? {
            text.isEmpty ? nil : Date(timeIntervalSince1970: Double(try #require(Int64(text))))
        }
        return try rows.dropFirst().map { row in
            var facts = CustomerFacts(
                customer: try CustomerID(validating: row[id]),
                createdAt: try #require(try instant(row[created])))
            facts.country = row[country]
            facts.groups = row[group].isEmpty ? [] : [row[group]]
            facts.consents = ["newsletter": try #require(ConsentFact(rawValue: row[newsletter]))]
            facts.numberOfOrders = try #require(Int64(row[orders]))
            facts.amountSpentMinorUnits = try #require(Int64(row[amount]))
            facts.firstOrderDate = try instant(row[first])
            facts.lastOrderDate = try instant(row[last])
            facts.lastVisitDate = try instant(row[visit])
            if let day = UTCDay(iso8601: row[birth]) {
                let parts = day.parts
                facts.birthDate = try BirthDate(month: parts.month, day: parts.day, year: parts.year)
            }
            return facts
        }
    }

    /// The peers' checksum: XOR of the first 8 bytes of SHA-256(id), little-endian.
    static func checksum(_ ids: [String]) -> String {
        var value: UInt64 = 0
        for id in ids {
            let digest = SHA256.hash(Array(id.utf8))
            var word: UInt64 = 0
            for index in (0..<8).reversed() { word = word << 8 | UInt64(digest[index]) }
            value ^= word
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test("The fixture holds all ten queries of the peers")
    func fixtureIsComplete() throws {
        #expect(try Self.expectations().count == 10)
        #expect(try Self.customers().count == 184)
    }

    @Test("Members, count and checksum equal SQLite's", arguments: try expectations())
    func agreesWithSQL(_ expected: Expected) throws {
        let evaluator = try SegmentEvaluator(expected.query, schema: try SegmentSchema(currency: .eur))
        let members = try Self.customers().filter { evaluator.isMember($0, at: peersNow) }.map(\.customer.rawValue)
        #expect(members.sorted() == expected.members.sorted())
        #expect(members.count == expected.count)
        #expect(Self.checksum(members) == expected.checksum)
    }
}
