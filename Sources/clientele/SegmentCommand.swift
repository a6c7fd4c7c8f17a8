import Clientele
import Foundation

/// `clientele segment DIR 'QUERY' [--at DATE] [--explain EMAIL]`: tries a segment query on
/// the store's customers without saving it.
enum SegmentCommand {
    static let command = Command(
        name: "segment", summary: "try a segment query: member count and the first members",
        usage: "segment DIR QUERY [--at DATE] [--explain EMAIL]",
        details: """
            Evaluates QUERY (Docs/SegmentQueryLanguage.md) on every customer's facts and
            prints the member count and the first \(shownMembers) members' ids. The query is
            not saved. A query that does not parse is a usage error (exit 64): the message,
            the query, and a caret under the position of the problem.

            options:
              --at DATE         evaluate at DATE (2026-12-03 or 2026-12-03T10:00:00Z) instead of now
              --explain EMAIL   also show, predicate by predicate, why that customer is in or out
            """,
        shape: Arguments.Shape(positionals: ["DIR", "QUERY"], options: ["--at": "DATE", "--explain": "EMAIL"]), run: run)

    /// How many member ids are printed.
    static let shownMembers = 20

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let text = arguments.positionals[1]
        let instant = try arguments.value("--at").map(parseDate) ?? Date()
        let schema = try ShopConfiguration.make().segmentSchema
        let evaluator: SegmentEvaluator
        do {
            evaluator = try SegmentEvaluator(try SegmentQueryParser(schema: schema).parse(text), schema: schema)
        } catch {
            var standardError = StandardError()
            print("clientele segment: \(error.message)", to: &standardError)
            print("  \(text)", to: &standardError)
            if let position = error.context.position {
                let pad = text.prefix(max(0, position)).map { $0 == "\t" ? "\t" : " " }.joined()
                print("  \(pad)^", to: &standardError)
            }
            return CommandFailure.Kind.usage.rawValue
        }
        let folder = try StoreFolder(arguments.positionals[0])
        try await folder.withHub(start: true) { hub in
            var members: [CustomerID] = []
            var customers = 0
            var after: CustomerID?
            while true {
                let page = try await hub.stores.accounts.customers(after: after, limit: 1_000)
                for customer in page {
                    guard let facts = hub.segmentation.facts(of: customer) else { continue }
                    customers += 1
                    if evaluator.isMember(facts, at: instant) { members.append(customer) }
                }
                guard page.count == 1_000, let last = page.last else { break }
                after = last
            }
            print("query: \(evaluator.query)")
            print("at: \(instant.formatted(.iso8601))")
            print("members: \(members.count) of \(customers) customers")
            if !members.isEmpty {
                let shown = members.prefix(shownMembers).map(\.rawValue).joined(separator: ", ")
                print("first: \(shown)\(members.count > shownMembers ? ", …" : "")")
            }
            if let email = arguments.value("--explain") {
                let customer = try await hub.customers(email: email)[0]
                guard let facts = hub.segmentation.facts(of: customer) else {
                    throw CommandFailure.failed("customer \(customer) has no segmentation facts")
                }
                let explanation = evaluator.explain(facts, at: instant)
                print("customer \(customer): \(evaluator.isMember(facts, at: instant) ? "member" : "not a member")")
                for line in explanation.summary.split(separator: "\n") { print("  \(line)") }
            }
        }
        return 0
    }

    /// A `--at` value: a day (midnight UTC) or an ISO 8601 instant.
    static func parseDate(_ text: String) throws(CommandFailure) -> Date {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        let instant = ISO8601DateFormatter()
        if let date = instant.date(from: text) { return date }
        instant.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = instant.date(from: text) { return date }
        throw .usage("option '--at' needs a date such as 2026-12-03 or 2026-12-03T10:00:00Z, not \(CommandFailure.quoted(text))")
    }
}
