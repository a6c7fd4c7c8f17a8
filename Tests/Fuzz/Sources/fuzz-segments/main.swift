import ClienteleCore
import ClienteleSegmentation
import Foundation
import FuzzDriver
import FuzzSupport

/// The schema queries are parsed against: built-ins, three profile fields, any purpose.
let schema: SegmentSchema = {
    do {
        return try SegmentSchema(currency: .eur, profileFields: ["shoe_size": .number, "pet": .text, "hobbies": .list])
    } catch {
        fail("the fuzz target's schema is invalid")
    }
}()

let now = Date(timeIntervalSince1970: 1_793_491_200)

/// Customers with NULLs and values, in a fact table, to evaluate parsed queries over.
let customers: [CustomerFacts] = (0..<70).compactMap { index in
    guard let id = CustomerID(rawValue: "c\(index)") else { return nil }
    var facts = CustomerFacts(
        customer: id, createdAt: now.addingTimeInterval(-Double(index) * 86_400 * 7), numberOfOrders: Int64(index % 12),
        amountSpentMinorUnits: Int64(index * 9_731), lastOrderDate: index % 3 == 0 ? nil : now.addingTimeInterval(-Double(index) * 86_400),
        lastVisitDate: index % 5 == 0 ? nil : now, country: index % 4 == 0 ? nil : ["NL", "BE", "DE"][index % 3],
        groups: index % 2 == 0 ? ["vip"] : [])
    if index % 3 != 0 { facts.consents["newsletter"] = ConsentFact.allCases[index % ConsentFact.allCases.count] }
    if index % 2 == 1 { facts.profile["shoe_size"] = .number(Double(36 + index % 10)) }
    return facts
}

let table: FactTable = {
    var table = FactTable(schema: schema)
    for facts in customers { table.upsert(facts) }
    return table
}()

let codes: Set<SegmentationErrorCode> = [
    .syntax, .unknownAttribute, .typeMismatch, .invalidLiteral, .unbalancedParentheses, .trailingInput, .unterminatedText,
    .queryTooComplex, .invalidDate,
]

/// `SegmentQueryParser.parse` on any text. Properties: a refusal is one of the documented
/// codes at a position inside the text; a query prints as text that parses back to the same
/// query; batch evaluation over the fact table agrees with the row evaluator for every
/// customer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(UnsafeBufferPointer(start: data, count: size))
    let parser = SegmentQueryParser(schema: schema)
    let query: SegmentQuery
    do {
        query = try parser.parse(input)
    } catch {
        require(codes.contains(error.code), "unexpected error code \(error.code)")
        if let position = error.context.position {
            require(position >= 0 && position <= input.count, "error position \(position) is outside the text")
        }
        return 0
    }
    let printed = query.description
    do {
        let again = try parser.parse(printed)
        require(again == query, "the printed query parses to another query")
    } catch {
        fail("the printed query does not parse: \(error.code)")
    }
    do {
        let evaluator = try SegmentEvaluator(query, schema: schema)
        let members = evaluator.members(of: table, at: now)
        for facts in customers {
            guard let row = table.row(of: facts.customer) else { fail("a customer has no row") }
            require(members.contains(row) == evaluator.isMember(facts, at: now), "batch and row evaluation disagree")
        }
    } catch {
        fail("a parsed query does not compile: \(error.code)")
    }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
