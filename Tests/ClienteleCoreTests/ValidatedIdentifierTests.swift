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

    /// Every pair of visible ASCII characters, alone and followed by more text, orders as
    /// its bytes do (the fast `String` order a validated identifier uses).
    @Test func validatedIdentifiersOrderByTheirBytes() throws {
        struct Code: ValidatedIdentifier {
            static let syntax = IdentifierSyntax.visibleASCII(maximumLength: 4)
            let rawValue: String
            init(checked text: CheckedIdentifierText<Self>) { rawValue = text.rawValue }
            static func invalidText() -> TicketError { TicketError(message: "A code must be \(syntax).") }
        }
        let characters = (0x21...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        let texts = characters + characters.map { $0 + "~" } + characters.map { "A" + $0 }
        let codes = try texts.map { try Code(validating: $0) }
        for left in codes {
            for right in codes {
                #expect((left < right) == left.rawValue.utf8.lexicographicallyPrecedes(right.rawValue.utf8))
            }
        }
    }
}
