import ClienteleCore
import Testing

/// The chunked sorted list of customer IDs the stores page through and, in the segment
/// store, test membership with: after any mix of inserts and removals (enough to split and
/// empty chunks), it lists, counts and finds exactly what a set holds.
@Suite struct SortedCustomerIDsTests {
    @Test func itAgreesWithASetThroughInsertsAndRemovals() throws {
        var list = SortedCustomerIDs()
        var model = Set<CustomerID>()
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let ids = try (0..<3_000).map { try CustomerID(validating: "c\($0 * 7 % 3_000)") }
        for step in 0..<12_000 {
            let id = ids[next(ids.count)]
            // Mostly inserts at first (chunks split), mostly removals later (chunks empty).
            if next(4) < (step < 6_000 ? 3 : 1) {
                if model.insert(id).inserted { list.insert(id) }
            } else {
                model.remove(id)
                list.remove(id)
            }
            if step % 500 == 0 {
                #expect(list.count == model.count)
                #expect(list.page(after: nil, limit: .max) == model.sorted())
            }
        }
        for id in ids { #expect(list.contains(id) == model.contains(id)) }
        let above = try CustomerID(validating: "zzz"), below = try CustomerID(validating: "A")
        #expect(!list.contains(above) && !list.contains(below))
        #expect(list.page(after: nil, limit: .max) == model.sorted())
        #expect(!SortedCustomerIDs().contains(ids[0]))
    }
}
