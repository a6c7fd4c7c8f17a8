import Foundation
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

    /// A list made from IDs in order (a snapshot: checked, not sorted), out of order, or
    /// with repeats holds each ID once, ascending.
    @Test func aListMadeFromIDsInAnyOrderHoldsEachOnceAscending() throws {
        let sorted = try (0..<2_000).map { try CustomerID(validating: String(format: "c%05d", $0)) }
        for input in [sorted, sorted.reversed(), sorted.shuffled(), sorted + sorted.prefix(700), [sorted[5], sorted[5]], []] {
            let list = SortedCustomerIDs(sorting: input)
            let expected = Set(input).sorted()
            #expect(list.count == expected.count)
            #expect(list.page(after: nil, limit: .max) == expected)
            for id in input { #expect(list.contains(id)) }
        }
    }
}

/// The chunked sorted map the accounts, profile and consent states hold their customers
/// in: after ascending appends (a snapshot being read), inserts in the middle (chunks
/// split), value updates and removals (chunks empty), it reads, pages, counts and walks
/// exactly what a dictionary holds.
@Suite struct SortedCustomerMapTests {
    /// `laidOutAtOnce`: the first 2,000 IDs make the map at once (`init(ascending:values:)`,
    /// as a snapshot being read does) instead of one append at a time.
    @Test(arguments: [false, true])
    func itAgreesWithADictionaryThroughEveryKindOfChange(laidOutAtOnce: Bool) throws {
        var map = SortedCustomerMap<Int>()
        var model: [CustomerID: Int] = [:]
        var state: UInt64 = 0xC0FFEE
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        func check(_ step: Int) throws {
            #expect(map.count == model.count, "step \(step)")
            var walked: [(CustomerID, Int)] = []
            map.forEach { walked.append(($0, $1)) }
            #expect(walked.map(\.0) == model.keys.sorted(), "step \(step)")
            #expect(walked.allSatisfy { model[$0.0] == $0.1 }, "step \(step)")
            let sorted = model.keys.sorted()
            let afters: [CustomerID?] = [nil] + sorted.prefix(3).map { $0 } + [sorted.last, try CustomerID(validating: "c5")]
            for after in afters {
                let expected = Array(sorted.filter { id in after.map { id > $0 } ?? true }.prefix(700))
                #expect(map.page(after: after, limit: 700) == expected, "step \(step), after \(String(describing: after))")
            }
        }
        // Ascending appends fill chunks to the brim: 2,000 IDs, then every read agrees.
        let ascending = try (0..<2_000).map { try CustomerID(validating: "a" + String(100_000 + $0)) }
        for (index, id) in ascending.enumerated() {
            if !laidOutAtOnce { #expect(map.updateValue(index, forKey: id) == nil) }
            model[id] = index
        }
        if laidOutAtOnce { map = SortedCustomerMap(ascending: ascending, values: Array(ascending.indices)) }
        try check(-1)
        let ids = ascending + (try (0..<3_000).map { try CustomerID(validating: "c\($0 * 7 % 3_000)") })
        for step in 0..<15_000 {
            let id = ids[next(ids.count)]
            // Mostly writes in the first half (chunks split), mostly removals after (chunks empty).
            let kind = next(8)
            switch step < 7_500 ? kind : (kind < 3 ? kind + 2 : kind) {
            case 0:
                #expect(map.updateValue(step, forKey: id) == model.updateValue(step, forKey: id))
            case 1:
                map[id] = step
                model[id] = step
            case 2, 3, 4:
                #expect(map.removeValue(forKey: id) == model.removeValue(forKey: id))
            case 5:
                map[id] = nil
                model[id] = nil
            default:
                #expect(map[id] == model[id])
                #expect(map.contains(id) == (model[id] != nil))
            }
            if step % 1_000 == 999 { try check(step) }
        }
        try check(15_000)
        for id in ids { #expect(map[id] == model[id]) }
        let above = try CustomerID(validating: "zzz"), below = try CustomerID(validating: "A")
        #expect(map[above] == nil && map[below] == nil)
    }
}
