import Foundation

/// The immutable, indexed form of a set of price lists that ``PriceBook`` resolves against.
///
/// Layout, chosen so one resolution touches a handful of cache lines and allocates nothing:
/// - lists get dense indexes in id order (so "then list id" is an integer comparison);
/// - per list, its product targets and category targets are sorted runs of
///   ``TargetGroup``s (binary-searched by dense product/category index), each pointing at
///   that target's entries sorted by minimum quantity (descending);
/// - per mode (override, sale), compressed buckets say which lists can match a product:
///   lists with an entry for the product, for a category, for all products, and (for
///   contract lists whose audience is a set of customers) which lists belong to a customer;
/// - products, categories, customers, groups and segments are looked up once per request
///   in byte-compared ``IdentifierTable``s, by keys read in place from the request
///   (``IdentifierKey``);
/// - what most requests need stays small enough to stay in cache, and the large tables are
///   touched only by requests they concern: a product is looked up among the products
///   with entries in lists found through their products (``listedProducts``), contract
///   lists that price only products sit in a (customer, product) table (``contracts``)
///   probed only for customers a filter says a list may name (``namedCustomers``), and a
///   request's categories are read only when an eligible list prices categories.
final class PriceBookIndex: Sendable {
    // The hot tables are FrozenBuffers: immutable after init, freed in deinit.
    struct ListInfo: Sendable {
        var from: Double
        var to: Double
        var currency: Currency
        var priority: Int
        var audience: AudienceKind
        /// 0 for an override list, 1 for a sale list.
        var modeIndex: UInt8
        var audienceStart: Int32
        var audienceEnd: Int32
        var productGroupStart: Int32
        var productGroupEnd: Int32
        var categoryGroupStart: Int32
        var categoryGroupEnd: Int32
        var allStart: Int32
        var allEnd: Int32
    }

    enum AudienceKind: UInt8, Sendable {
        case everyone, identified, customers, groups, segments
    }

    struct TargetGroup: Sendable {
        var key: Int32
        var start: Int32
        var end: Int32
    }

    enum AdjustmentKind: UInt8, Sendable {
        case fixedPrice, percentOff, amountOff
    }

    struct EntryInfo: Sendable {
        var minimumQuantity: Int
        var value: Int64
        var percent: BasisPoints
        var kind: AdjustmentKind
        /// The entry's position in its list's `entries`.
        var position: Int32
    }

    /// Compressed (CSR) candidate lists. Product, category and customer keys have two
    /// runs each, overrides then sales: key `k` in mode `m` (0 = override, 1 = sale) is
    /// `lists[offsets[2k + m] ..< offsets[2k + m + 1]]`. The product and customer offsets
    /// live in their identifier tables' slots (one cache miss finds key and runs).
    struct Buckets: Sendable {
        let productLists: FrozenBuffer<Int32>
        let categoryOffsets: FrozenBuffer<Int32>
        let categoryLists: FrozenBuffer<Int32>
        let customerLists: FrozenBuffer<Int32>
        /// Per mode: the lists with an entry for all products.
        let allLists: (FrozenBuffer<Int32>, FrozenBuffer<Int32>)

        init(productLists: [Int32], category: ([Int32], [Int32]), customerLists: [Int32], all: ([Int32], [Int32])) {
            self.productLists = FrozenBuffer(productLists)
            categoryOffsets = FrozenBuffer(category.0)
            categoryLists = FrozenBuffer(category.1)
            self.customerLists = FrozenBuffer(customerLists)
            allLists = (FrozenBuffer(all.0), FrozenBuffer(all.1))
        }

        func free() {
            for buffer in [productLists, categoryOffsets, categoryLists, customerLists, allLists.0, allLists.1] {
                buffer.free()
            }
        }
    }

    let lists: [PriceList]
    /// Per list (dense index): its id and mode, so a result never copies a `PriceList`.
    let listIDs: FrozenBuffer<PriceListID>
    let listModes: FrozenBuffer<PriceListMode>
    /// Per entry (parallel to `entries`): its id.
    let entryIDs: FrozenBuffer<PriceEntryID>
    let info: FrozenBuffer<ListInfo>
    let groups: FrozenBuffer<TargetGroup>
    let entries: FrozenBuffer<EntryInfo>
    let audienceIDs: FrozenBuffer<Int32>
    /// Every product an entry names (for confirming contract candidates).
    let products: IdentifierTable
    /// The products with an entry in a list found through its products (all but the
    /// contracts in ``contracts``), with those lists' runs: usually far fewer, and so
    /// usually in cache.
    let listedProducts: IdentifierTable
    let categories: IdentifierTable
    /// Every customer a list names, with the runs of their contract lists that are not in
    /// ``contracts``.
    let customers: IdentifierTable
    /// Which customers a list may name: most requests' customers are ruled out here
    /// without touching ``customers`` or ``contracts``.
    let namedCustomers: CustomerFilter
    /// Whether any contract list is found through ``customers``' runs.
    let hasCustomerRuns: Bool
    /// The active lists with category entries: when none is eligible for a request, its
    /// categories cannot matter and are not read.
    let listsWithCategoryEntries: FrozenBuffer<Int32>
    let groupNames: IdentifierTable
    let segmentNames: IdentifierTable
    let buckets: Buckets
    /// Contract lists that price only products, by (customer, product).
    let contracts: PairTable
    /// Where requests keep what ``begin(_:)`` reads in place; nil: the general path only.
    let layout: RequestLayout?

    /// Builds the index from validated lists with distinct ids.
    init(sortedLists lists: [PriceList]) {
        var productKeys: [String: Int32] = [:]
        var categoryKeys: [String: Int32] = [:]
        var customerKeys: [String: Int32] = [:]
        var groupKeys: [String: Int32] = [:]
        var segmentKeys: [String: Int32] = [:]
        func intern(_ key: String, _ table: inout [String: Int32]) -> Int32 {
            if let id = table[key] { return id }
            let id = Int32(table.count)
            table[key] = id
            return id
        }

        var info: [ListInfo] = []
        info.reserveCapacity(lists.count)
        var groups: [TargetGroup] = []
        var entries: [EntryInfo] = []
        var entryIDs: [PriceEntryID] = []
        var audienceIDs: [Int32] = []
        // (2 × key + mode, list) pairs, turned into CSR buckets below.
        var productPairs: [(Int32, Int32)] = []
        var categoryPairs: [(Int32, Int32)] = []
        var customerPairs: [(Int32, Int32)] = []
        var allLists: [[Int32]] = [[], []]
        // (customer, product, list, group) for contract lists that price only products.
        var contractTriples: [(Int32, Int32, Int32, Int32)] = []
        // Products with an entry in a list found through its products (not the pair table).
        var listedProductIDs = Set<Int32>()
        var listsWithCategoryEntries: [Int32] = []

        for (listIndex, list) in lists.enumerated() {
            let l = Int32(listIndex)
            let mode = list.mode == .override ? 0 : 1
            let isActive = list.status == .active
            var kind = AudienceKind.everyone
            let audienceStart = Int32(audienceIDs.count)
            switch list.audience {
            case .everyone: kind = .everyone
            case .identified: kind = .identified
            case .customers(let ids):
                kind = .customers
                for id in ids.sorted() {
                    let c = intern(id.rawValue, &customerKeys)
                    audienceIDs.append(c)
                }
            case .groups(let names):
                kind = .groups
                for name in names.sorted() { audienceIDs.append(intern(name, &groupKeys)) }
            case .segments(let names):
                kind = .segments
                for name in names.sorted() { audienceIDs.append(intern(name, &segmentKeys)) }
            }
            // Entries by target: product, category, all; each run by (min qty desc, position).
            var byProduct: [Int32: [Int]] = [:]
            var byCategory: [Int32: [Int]] = [:]
            var forAll: [Int] = []
            for (position, entry) in list.entries.enumerated() {
                switch entry.target {
                case .product(let id): byProduct[intern(id.rawValue, &productKeys), default: []].append(position)
                case .category(let id): byCategory[intern(id.rawValue, &categoryKeys), default: []].append(position)
                case .allProducts: forAll.append(position)
                }
            }
            func appendRun(_ positions: [Int]) -> (Int32, Int32) {
                let start = Int32(entries.count)
                let ordered = positions.sorted { a, b in
                    let qa = list.entries[a].minimumQuantity
                    let qb = list.entries[b].minimumQuantity
                    return qa != qb ? qa > qb : a < b
                }
                for position in ordered {
                    let entry = list.entries[position]
                    var value: Int64 = 0
                    var percent = BasisPoints.zero
                    let adjustment: AdjustmentKind
                    switch entry.adjustment {
                    case .fixedPrice(let amount):
                        adjustment = .fixedPrice
                        value = amount.minorUnits
                    case .percentOff(let points):
                        adjustment = .percentOff
                        percent = points
                    case .amountOff(let amount):
                        adjustment = .amountOff
                        value = amount.minorUnits
                    }
                    entryIDs.append(entry.id)
                    entries.append(
                        EntryInfo(
                            minimumQuantity: entry.minimumQuantity, value: value, percent: percent,
                            kind: adjustment, position: Int32(position)))
                }
                return (start, Int32(entries.count))
            }
            let productGroupStart = Int32(groups.count)
            for key in byProduct.keys.sorted() {
                let (start, end) = appendRun(byProduct[key] ?? [])
                groups.append(TargetGroup(key: key, start: start, end: end))
                if isActive, kind != .customers { productPairs.append((2 * key + Int32(mode), l)) }
            }
            if isActive, kind != .customers { listedProductIDs.formUnion(byProduct.keys) }
            let categoryGroupStart = Int32(groups.count)
            for key in byCategory.keys.sorted() {
                let (start, end) = appendRun(byCategory[key] ?? [])
                groups.append(TargetGroup(key: key, start: start, end: end))
                if isActive, kind != .customers { categoryPairs.append((2 * key + Int32(mode), l)) }
            }
            let categoryGroupEnd = Int32(groups.count)
            if isActive, categoryGroupEnd > categoryGroupStart { listsWithCategoryEntries.append(l) }
            let (allStart, allEnd) = appendRun(forAll)
            if isActive, kind == .customers {
                // A contract list that prices only products goes into the pair table (one
                // triple per customer and product) unless that would be too large; any
                // other contract list is found through its customers.
                let customerCount = Int(audienceIDs.count) - Int(audienceStart)
                if byCategory.isEmpty, forAll.isEmpty, customerCount * byProduct.count <= PriceBookIndex.pairLimit {
                    for k in audienceIDs[Int(audienceStart)...] {
                        for g in productGroupStart..<categoryGroupStart {
                            contractTriples.append((k, groups[Int(g)].key, l, g))
                        }
                    }
                } else {
                    for k in audienceIDs[Int(audienceStart)...] { customerPairs.append((2 * k + Int32(mode), l)) }
                    listedProductIDs.formUnion(byProduct.keys)
                }
            }
            if isActive, kind != .customers, allEnd > allStart { allLists[mode].append(l) }
            info.append(
                ListInfo(
                    from: list.validFrom?.timeIntervalSinceReferenceDate ?? -.infinity,
                    to: list.validTo?.timeIntervalSinceReferenceDate ?? .infinity,
                    currency: list.currency, priority: list.priority, audience: kind, modeIndex: UInt8(mode),
                    audienceStart: audienceStart, audienceEnd: Int32(audienceIDs.count),
                    productGroupStart: productGroupStart, productGroupEnd: categoryGroupStart,
                    categoryGroupStart: categoryGroupStart, categoryGroupEnd: categoryGroupEnd,
                    allStart: allStart, allEnd: allEnd))
        }

        func table(_ keys: [String: Int32], runs: [Int32] = []) -> IdentifierTable {
            var ordered = [String](repeating: "", count: keys.count)
            for (key, id) in keys { ordered[Int(id)] = key }
            return IdentifierTable(ordered, runs: runs)
        }
        func compress(_ pairs: [(Int32, Int32)], keyCount: Int) -> ([Int32], [Int32]) {
            var offsets = [Int32](repeating: 0, count: keyCount + 1)
            for (key, _) in pairs { offsets[Int(key) + 1] += 1 }
            for k in 0..<keyCount { offsets[k + 1] += offsets[k] }
            var next = offsets
            var items = [Int32](repeating: 0, count: pairs.count)
            for (key, list) in pairs {  // pairs come in list order, so each bucket is sorted
                items[Int(next[Int(key)])] = list
                next[Int(key)] += 1
            }
            return (offsets, items)
        }
        let product = compress(productPairs, keyCount: 2 * productKeys.count)
        let customer = compress(customerPairs, keyCount: 2 * customerKeys.count)
        let buckets = Buckets(
            productLists: product.1,
            category: compress(categoryPairs, keyCount: 2 * categoryKeys.count),
            customerLists: customer.1,
            all: (allLists[0], allLists[1]))

        self.lists = lists
        self.listIDs = FrozenBuffer(lists.map(\.id))
        self.listModes = FrozenBuffer(lists.map(\.mode))
        self.entryIDs = FrozenBuffer(entryIDs)
        self.info = FrozenBuffer(info)
        self.groups = FrozenBuffer(groups)
        self.entries = FrozenBuffer(entries)
        self.audienceIDs = FrozenBuffer(audienceIDs)
        self.products = table(productKeys)
        self.listedProducts = IdentifierTable(
            keysWithIDs:
            productKeys.filter { listedProductIDs.contains($0.value) }.map { ($0.key, $0.value) }, runs: product.0)
        self.categories = table(categoryKeys)
        self.customers = table(customerKeys, runs: customer.0)
        self.groupNames = table(groupKeys)
        self.segmentNames = table(segmentKeys)
        self.buckets = buckets
        self.layout = RequestLayout.current
        var customerHashes = [UInt64](repeating: 0, count: customerKeys.count)
        for (key, id) in customerKeys { customerHashes[Int(id)] = IdentifierKey.of(key).hash }
        var productHashes = [UInt64](repeating: 0, count: productKeys.count)
        for (key, id) in productKeys { productHashes[Int(id)] = IdentifierKey.of(key).hash }
        self.contracts = PairTable(
            contractTriples.map { customer, product, list, group in
                (customerHashes[Int(customer)], productHashes[Int(product)], list, group, customer)
            })
        self.namedCustomers = CustomerFilter(hashes: customerHashes)
        self.hasCustomerRuns = !customerPairs.isEmpty
        self.listsWithCategoryEntries = FrozenBuffer(listsWithCategoryEntries)
    }

    /// The most (customer, product) triples one contract list may add to ``contracts``.
    static let pairLimit = 1 << 16

    deinit {
        listIDs.free()
        listModes.free()
        entryIDs.free()
        info.free()
        groups.free()
        entries.free()
        audienceIDs.free()
        for table in [products, listedProducts, categories, customers, groupNames, segmentNames] { table.free() }
        namedCustomers.free()
        listsWithCategoryEntries.free()
        buckets.free()
        contracts.free()
    }
}
