import ClienteleAccounts
import ClienteleConsent
import ClienteleCore
import ClientelePricing
import Foundation
import FuzzDriver
import FuzzSupport

/// Checks one identifier type on `text`: `init(validating:)`, `init?(rawValue:)` and the
/// syntax agree; an accepted identifier keeps its text exactly, and decodes from JSON
/// exactly when it validates.
func check<ID: Identifier>(
    _ type: ID.Type, _ input: String, syntax: IdentifierSyntax, validating: (String) throws -> ID
) {
    let accepted = syntax.accepts(input)
    let raw = ID(rawValue: input)
    require((raw != nil) == accepted, "\(ID.self)(rawValue:) and its syntax disagree")
    do {
        let id = try validating(input)
        require(accepted, "\(ID.self)(validating:) accepts text its syntax refuses")
        require(id.rawValue == input && id.description == input, "\(ID.self) changed the text")
        require(input.utf8.count <= syntax.maximumLength, "\(ID.self) accepted more than \(syntax.maximumLength) bytes")
    } catch {
        require(!accepted, "\(ID.self)(validating:) refuses text its syntax accepts: \(error)")
    }
    guard let json = try? JSONEncoder().encode([input]) else { return }
    let decoded = try? JSONDecoder().decode([ID].self, from: json)
    require((decoded != nil) == accepted, "\(ID.self) decodes from JSON \(decoded == nil ? "not " : "")although it does \(accepted ? "" : "not ")validate")
    if let decoded { require(decoded.first?.rawValue == input, "\(ID.self) changed its text through JSON") }
}

/// Every identifier type with a syntax, on the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(UnsafeBufferPointer(start: data, count: size))
    check(CustomerID.self, input, syntax: CustomerID.syntax) { try CustomerID(validating: $0) }
    check(CustomerGroup.self, input, syntax: CustomerGroup.syntax) { try CustomerGroup(validating: $0) }
    check(OrderID.self, input, syntax: OrderID.syntax) { try OrderID(validating: $0) }
    check(PurposeID.self, input, syntax: PurposeID.syntax) { try PurposeID(validating: $0) }
    check(ProductID.self, input, syntax: ProductID.syntax) { try ProductID(validating: $0) }
    check(PriceListID.self, input, syntax: PriceListID.syntax) { try PriceListID(validating: $0) }
    check(CategoryID.self, input, syntax: CategoryID.syntax) { try CategoryID(validating: $0) }
    check(PriceEntryID.self, input, syntax: PriceEntryID.syntax) { try PriceEntryID(validating: $0) }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
