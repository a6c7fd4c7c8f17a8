@testable import ClientelePricing
import Testing

@Suite struct IdentifierTableTests {
    @Test func findsEveryKeyOfEveryLengthAndNothingElse() {
        // Lengths 1–40 cover the word loop, the overlapping tail and the short tail.
        let keys = (1...40).flatMap { length in
            ["a", "b", "Z"].map { String(repeating: "x", count: length - 1) + $0 }
        }
        let table = IdentifierTable(keys)
        #expect(table.count == keys.count)
        for (id, key) in keys.enumerated() {
            #expect(table.id(of: key) == Int32(id))
        }
        for missing in ["", "c", "xc", String(repeating: "x", count: 41), "xxxxxxxxyxxxxxxxa", "axxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxyxa"] {
            #expect(table.id(of: missing) == -1)
        }
        #expect(IdentifierTable([]).id(of: "a") == -1)
    }
}
