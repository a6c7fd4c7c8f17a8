import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

@Suite struct CustomerIDTests {
    @Test(arguments: ["C0000001", "a", "cus_01-ab", String(repeating: "x", count: 64)])
    func acceptsOpaqueIdentifiers(_ text: String) throws {
        let id = try CustomerID(validating: text)
        #expect(id.rawValue == text)
        #expect(id.description == text)
    }

    @Test(arguments: ["", " C1", "C 1", "jan@example.nl", "é", String(repeating: "x", count: 65)])
    func rejectsAnythingElseWithATypedError(_ text: String) {
        #expect(CustomerID(rawValue: text) == nil)
        #expect {
            try CustomerID(validating: text)
        } throws: { error in
            guard let error = error as? CoreError else { return false }
            return error.code == .invalidCustomerID && error.context.field == "customerID"
        }
    }

    @Test func encodesAsASingleStringAndValidatesOnDecode() throws {
        let id = try CustomerID(validating: "C0000042")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["C0000042"]"#)
        #expect(try JSONDecoder().decode([CustomerID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CustomerID].self, from: Data(#"["not valid"]"#.utf8))
        }
    }

    @Test func generatedIdentifiersAreDeterministicWithAnIncrementingGenerator() {
        let first = IDGenerator.incrementing()
        let second = IDGenerator.incrementing()
        let a = CustomerID(using: first)
        let b = CustomerID(using: first)
        #expect(a.rawValue == "00000000-0000-0000-0000-000000000001")
        #expect(b.rawValue == "00000000-0000-0000-0000-000000000002")
        #expect(CustomerID(using: second) == a)
        #expect(IDGenerator.incrementing(from: 300)().uuidString == "00000000-0000-0000-0000-00000000012C")
    }

    @Test func randomIdentifiersDiffer() {
        #expect(CustomerID(using: .random) != CustomerID(using: .random))
    }
}
