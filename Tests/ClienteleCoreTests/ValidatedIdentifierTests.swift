import ClienteleCore
import Foundation
import Testing

/// What `ValidatedIdentifier` gives a type that states only its syntax, its error and
/// where it keeps its text: the same checks and errors every module's identifiers had.
@Suite struct ValidatedIdentifierTests {
    /// A host's own identifier, written the way the library's are.
    struct TicketID: ValidatedIdentifier {
        static let syntax = IdentifierSyntax.lettersAndDigits(plus: "-", lowercaseOnly: true, maximumLength: 8)
        let rawValue: String
        init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }
        static func invalidText() -> TicketError { TicketError(message: "A ticket ID must be \(syntax).") }
    }

    /// The host's error.
    struct TicketError: Error, Equatable {
        var message: String
    }

    @Test(arguments: ["a", "t-1", "abcdefgh"])
    func textFollowingTheSyntaxMakesAnIdentifierBothWays(text: String) throws {
        #expect(TicketID(rawValue: text)?.rawValue == text)
        #expect(try TicketID(validating: text).rawValue == text)
        #expect(try TicketID(validating: text).description == text)
    }

    @Test(arguments: ["", "T-1", "abcdefghi", "t 1", "t_1", "é"])
    func anyOtherTextIsRefusedWithTheTypesOwnError(text: String) {
        #expect(TicketID(rawValue: text) == nil)
        #expect(throws: TicketError(message: "A ticket ID must be 1–8 characters of a–z, 0–9, '-'.")) {
            try TicketID(validating: text)
        }
    }

    @Test func theLengthLimitOrderAndCodableComeWithTheProtocol() throws {
        #expect(TicketID.maximumLength == 8)
        #expect(CustomerID.maximumLength == 64)
        let ids = try ["b", "a-2", "a"].map { try TicketID(validating: $0) }
        #expect(ids.sorted().map(\.rawValue) == ["a", "a-2", "b"])
        #expect(try JSONDecoder().decode([TicketID].self, from: JSONEncoder().encode(ids)) == ids)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TicketID].self, from: Data(#"["T"]"#.utf8)) }
    }
}
