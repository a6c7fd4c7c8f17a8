import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

/// The indexed resolver against the straightforward one behind `explain`, on random books.
@Suite struct PriceBookAgreementTests {
    /// SplitMix64: small, seeded, deterministic.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
    }

    @Test(arguments: 0..<8)
    func indexedResolutionAgreesWithTheExplanation(_ seed: Int) throws {
        var random = Random(state: UInt64(seed) &* 7_919)
        // Some ids are longer than the 15 bytes a string keeps inline, so requests that
        // name them take the general path and must agree all the same.
        let products = (0..<12).map { $0 % 4 == 3 ? "P\($0)-a-sku-longer-than-inline" : "P\($0)" }
        let categories = (0..<5).map { $0 == 4 ? "K\($0)-category-long-name" : "K\($0)" }
        let customers = (0..<6).map { $0 == 5 ? "C\($0)-customer-number-long" : "C\($0)" }
        let groups = ["vip", "b2b", "wholesale", "wholesale-partners-eu"]
        let segments = ["loyal", "new", "lapsed-high-value-customers"]
        for _ in 0..<25 {
            var lists: [PriceList] = []
            for l in 0..<(1 + random.next(12)) {
                let audience: PriceAudience =
                    switch random.next(5) {
                    case 0: .everyone
                    case 1: .identified
                    case 2: .customers(Set(try (0...random.next(2)).map { _ in try CustomerID(validating: random.pick(customers)) }))
                    case 3: .groups(Set((0...random.next(2)).map { _ in random.pick(groups) }))
                    default: .segments([random.pick(segments)])
                    }
                var entries: [PriceEntry] = []
                for e in 0..<(1 + random.next(6)) {
                    let target: PriceTarget =
                        switch random.next(3) {
                        case 0: try F.product(random.pick(products))
                        case 1: try F.category(random.pick(categories))
                        default: .allProducts
                        }
                    let adjustment: PriceAdjustment =
                        switch random.next(3) {
                        case 0: .fixedPrice(Money(minorUnits: Int64(random.next(2_000)), currency: .eur))
                        case 1: .percentOff(try BasisPoints(random.pick([0, 500, 1_000, 1_250, 3_333, 5_000, 10_000])))
                        default: .amountOff(Money(minorUnits: Int64(random.next(1_500)), currency: .eur))
                        }
                    entries.append(try F.entry("e\(e)", target, minimumQuantity: random.pick([1, 1, 2, 5, 10]), adjustment))
                }
                // Windows around "now" so that the boundaries (±1 s) are exercised.
                let from: Date? = random.next(4) == 0 ? now + Double(random.next(3) - 1) : nil
                let to: Date? = random.next(4) == 0 ? (from ?? now - 1) + Double(1 + random.next(2)) : nil
                lists.append(
                    try F.list(
                        "L\(l)", currency: random.next(10) == 0 ? .usd : .eur, status: random.next(8) == 0 ? .draft : .active,
                        validFrom: from, validTo: to, audience: audience,
                        priority: random.next(3), mode: random.next(2) == 0 ? .override : .sale, entries: entries))
            }
            lists = lists.map { list in
                var list = list
                // Keep amounts in the list's currency so the book validates.
                list.entries = list.entries.map { entry in
                    var entry = entry
                    switch entry.adjustment {
                    case .fixedPrice(let m): entry.adjustment = .fixedPrice(Money(minorUnits: m.minorUnits, currency: list.currency))
                    case .amountOff(let m): entry.adjustment = .amountOff(Money(minorUnits: m.minorUnits, currency: list.currency))
                    case .percentOff: break
                    }
                    return entry
                }
                return list
            }
            let book = try PriceBook(lists: lists)
            var requests: [PriceRequest] = []
            for _ in 0..<40 {
                let customer: CustomerContext =
                    random.next(4) == 0
                    ? .anonymous
                    : try F.customer(
                        random.pick(customers), groups: Set((0..<random.next(3)).map { _ in random.pick(groups) }),
                        segments: Set((0..<random.next(2)).map { _ in random.pick(segments) }))
                let item = CatalogItem(
                    product: try ProductID(validating: random.pick(products)),
                    categories: try (0..<random.next(4)).map { _ in try CategoryID(validating: random.pick(categories)) },
                    basePrice: Money(minorUnits: Int64(random.next(3_000)), currency: random.next(10) == 0 ? .usd : .eur),
                    floor: nil)
                let priced = PriceRequest(
                    item: item, quantity: random.pick([1, 2, 5, 9, 10, 50]), customer: customer,
                    instant: now + Double(random.next(3) - 1))
                let resolved = try book.resolve(priced)
                let explained = try book.explain(priced)
                #expect(resolved == explained.resolution, "seed \(seed): \(priced) in \(lists.map(\.id))")
                requests.append(priced)
            }
            // The batch path (requests begun ahead of being finished) gives the same results.
            #expect(try book.resolveAll(requests) == requests.map { try book.resolve($0) }, "seed \(seed)")
        }
    }
}
