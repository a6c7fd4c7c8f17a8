/// The hot path: resolving one request against the index without allocating.
extension PriceBookIndex {
    /// A request's customer context with its customer, groups and segments looked up.
    struct Audience {
        var isIdentified: Bool
        /// The customer's key hash (for ``contracts``); 0 for an anonymous visitor.
        var customerHash: UInt64
        /// Whether a list may name the customer (``namedCustomers``); when false the
        /// customer has no contract lists and `customer` is empty.
        var isNamed: Bool
        /// The customer's slot in `customers`: id (-1 when unknown) and contract-list runs.
        var customer: IdentifierTable.Slot
        var groups: UnsafeBufferPointer<Int32>
        var segments: UnsafeBufferPointer<Int32>
    }

    /// What one resolution found, as indexes into the index.
    struct Outcome {
        var unitPrice: Int64
        var referencePrice: Int64
        /// The winning list, or -1 when the base price stands.
        var list: Int32
        /// The winning entry (into `entries`), or -1.
        var entry: Int32
        var isFloored: Bool
    }

    /// Runs `body` with the context's customer, groups and segments looked up; the id
    /// buffers live on the stack for the duration of `body`.
    @inline(__always)
    func withAudience<R>(_ context: CustomerContext, _ body: (Audience) -> R) -> R {
        let empty = UnsafeBufferPointer<Int32>(start: nil, count: 0)
        guard let customer = context.customer else {
            return body(
                Audience(
                    isIdentified: false, customerHash: 0, isNamed: false, customer: .empty, groups: empty, segments: empty))
        }
        let hash = IdentifierKey.of(customer.rawValue).hash
        let isNamed = namedCustomers.mayContain(hash)
        let found = isNamed ? customers.slot(of: customer.rawValue) : .empty
        let groupCount = groupNames.count == 0 ? 0 : context.groups.count
        let segmentCount = segmentNames.count == 0 ? 0 : context.segments.count
        if groupCount == 0 && segmentCount == 0 {
            return body(
                Audience(
                    isIdentified: true, customerHash: hash, isNamed: isNamed, customer: found, groups: empty,
                    segments: empty))
        }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: groupCount + segmentCount) { buffer in
            var count = 0
            if groupCount > 0 {
                for group in context.groups {
                    let id = groupNames.id(of: group.rawValue)
                    if id >= 0 {
                        buffer[count] = id
                        count += 1
                    }
                }
            }
            let groups = UnsafeBufferPointer(rebasing: buffer[0..<count])
            let segmentStart = count
            if segmentCount > 0 {
                for name in context.segments {
                    let id = segmentNames.id(of: name)
                    if id >= 0 {
                        buffer[count] = id
                        count += 1
                    }
                }
            }
            let segments = UnsafeBufferPointer(rebasing: buffer[segmentStart..<count])
            return body(
                Audience(
                    isIdentified: true, customerHash: hash, isNamed: isNamed, customer: found, groups: groups,
                    segments: segments))
        }
    }

    /// The first half of resolving a request: its product and customer keys read in place
    /// and hashed, and the memory the second half reads first (the product's slot, the
    /// customer's and contract's slots for a customer a list may name, the request's
    /// category array and group set) requested but not waited for.
    ///
    /// Those reads can be cache misses; starting them all at once makes them cost about
    /// one, and a batch (``PriceBook/resolveAll(_:)``) starts the next requests' while
    /// finishing earlier ones.
    struct Pending {
        var product: IdentifierKey
        var productSlot: Int
        var customer: IdentifierKey
        var isNamed: Bool
        /// The customer's first slot in `customers`, or -1 when not needed.
        var customerSlot: Int
        var contract: PairTable.Probe
        /// False when the request's identifiers are not all read in place: ``finish(_:_:)``
        /// then takes the general path.
        var isInline: Bool

        static var general: Pending {
            Pending(
                product: .none, productSlot: 0, customer: .none, isNamed: false, customerSlot: -1, contract: .none,
                isInline: false)
        }
    }

    /// Starts a request (see ``Pending``); reads only the request itself.
    @inline(__always)
    func begin(_ request: UnsafePointer<PriceRequest>) -> Pending {
        guard let layout else { return .general }
        let raw = UnsafeRawPointer(request)
        guard let product = IdentifierKey(inlineStringAt: raw + layout.product) else { return .general }
        var pending = Pending.general
        pending.product = product
        pending.productSlot = listedProducts.begin(product)
        if customers.count > 0, request.pointee.customer.customer != nil {
            guard let customer = IdentifierKey(inlineStringAt: raw + layout.customer) else { return .general }
            pending.customer = customer
            if namedCustomers.mayContain(customer.hash) {
                pending.isNamed = true
                if hasCustomerRuns { pending.customerSlot = customers.begin(customer) }
                if contracts.count > 0 {
                    pending.contract = contracts.probe(customerHash: customer.hash, productHash: product.hash)
                }
            }
        }
        if categories.count > 0 { MemoryHint.prefetch(storageAt: raw + layout.categories) }
        if groupNames.count > 0 { MemoryHint.prefetch(storageAt: raw + layout.groups) }
        pending.isInline = true
        return pending
    }

    /// Finishes a validated request begun with ``begin(_:)``.
    ///
    /// The request is read in place through a pointer (passing it by value would copy
    /// it, retaining its category array and group set), and its ids are kept on the stack.
    @inline(__always)
    func finish(_ request: UnsafePointer<PriceRequest>, _ pending: Pending) -> Outcome {
        guard pending.isInline, let outcome = finishInline(request, pending) else { return resolveInGeneral(request) }
        return outcome
    }

    /// ``finish(_:_:)`` for a request it cannot read in place; kept out of line, so that
    /// the common path stays small.
    @inline(never)
    private func resolveInGeneral(_ request: UnsafePointer<PriceRequest>) -> Outcome {
        withAudience(request.pointee.customer) { audience in
            resolve(request.pointee.item, quantity: request.pointee.quantity, audience: audience, time: request.pointee.time)
        }
    }

    /// ``finish(_:_:)`` for a request whose identifiers are all kept inline and whose
    /// categories, groups, segments and contracts fit ``InlineIDs``; nil for any other.
    @inline(__always)
    private func finishInline(_ request: UnsafePointer<PriceRequest>, _ pending: Pending) -> Outcome? {
        let product = listedProducts.slot(pending.product, from: pending.productSlot)
        let isIdentified = request.pointee.customer.customer != nil
        let customer =
            pending.customerSlot >= 0 ? customers.slot(pending.customer, from: pending.customerSlot) : .empty
        var ids = InlineIDs()
        if isIdentified, groupNames.count > 0 {
            guard ids.append(request.pointee.customer.groups, in: groupNames) else { return nil }
        }
        let segmentStart = ids.count
        if isIdentified, segmentNames.count > 0 {
            guard ids.append(request.pointee.customer.segments, in: segmentNames) else { return nil }
        }
        let categoryStart = ids.count
        let currency = request.pointee.item.basePrice.currency
        let time = request.pointee.time
        let readsCategories = ids.withBuffer { all -> Bool in
            mayUseCategories(
                isIdentified: isIdentified, isNamed: pending.isNamed, groups: UnsafeBufferPointer(rebasing: all[..<segmentStart]),
                segments: UnsafeBufferPointer(rebasing: all[segmentStart...]), currency: currency, time: time)
        }
        if readsCategories {
            let complete = request.pointee.item.categories.withUnsafeBufferPointer { buffer in
                guard ids.count + buffer.count <= InlineIDs.capacity else { return false }
                guard let base = buffer.baseAddress else { return true }
                for i in 0..<buffer.count {
                    guard let key = IdentifierKey(inlineStringAt: UnsafeRawPointer(base + i)) else { return false }
                    ids.append(categories.slot(key).id)
                }
                return true
            }
            guard complete else { return nil }
        }
        let contractStart = ids.count
        if isIdentified, pending.contract.index >= 0 {
            let complete = appendContracts(pending.contract, to: &ids) {
                (
                    pending.customerSlot >= 0 ? customer.id : customers.slot(pending.customer).id,
                    products.slot(pending.product).id
                )
            }
            guard complete else { return nil }
        }
        let basePrice = request.pointee.item.basePrice.minorUnits
        let floor = request.pointee.item.floor?.minorUnits
        let quantity = request.pointee.quantity
        return ids.withBuffer { all in
            let audience = Audience(
                isIdentified: isIdentified, customerHash: pending.customer.hash, isNamed: pending.isNamed,
                customer: customer, groups: UnsafeBufferPointer(rebasing: all[..<segmentStart]),
                segments: UnsafeBufferPointer(rebasing: all[segmentStart..<categoryStart]))
            return resolve(
                product: product, contracts: UnsafeBufferPointer(rebasing: all[contractStart...]),
                categories: UnsafeBufferPointer(rebasing: all[categoryStart..<contractStart]), basePrice: basePrice,
                floor: floor, currency: currency, quantity: quantity, audience: audience, time: time)
        }
    }

    /// How many lists with category entries ``mayUseCategories(isIdentified:isNamed:groups:segments:currency:time:)``
    /// checks; with more, reading the request's categories is cheaper than checking them all.
    static var categoryListsChecked: Int { 8 }

    /// Whether any list that may be eligible for the request has category entries; when
    /// none has, the request's categories cannot change its price and are not read (the
    /// category array is the request's own memory, often a cache miss).
    ///
    /// Conservative for contract lists: one counts when a list may name the customer.
    @inline(__always)
    private func mayUseCategories(
        isIdentified: Bool, isNamed: Bool, groups: UnsafeBufferPointer<Int32>, segments: UnsafeBufferPointer<Int32>,
        currency: Currency, time: Double
    ) -> Bool {
        if categories.count == 0 { return false }
        if listsWithCategoryEntries.count > Self.categoryListsChecked { return true }
        for k in 0..<listsWithCategoryEntries.count {
            let listInfo = info[Int(listsWithCategoryEntries[k])]
            guard listInfo.currency == currency, time >= listInfo.from, time < listInfo.to else { continue }
            switch listInfo.audience {
            case .everyone: return true
            case .identified: if isIdentified { return true }
            case .customers: if isNamed { return true }
            case .groups: if intersects(groups, listInfo) { return true }
            case .segments: if intersects(segments, listInfo) { return true }
            }
        }
        return false
    }

    /// Appends to `ids` the contract lists of ``contracts`` that price the product for
    /// the customer, as (list, run) pairs: the probe's candidates confirmed by the
    /// customer's and product's dense indexes, which `identify` looks up (only when there
    /// is a candidate: a customer a list names usually has no contract for this product).
    /// False when they do not fit.
    @inline(__always)
    private func appendContracts(
        _ probe: PairTable.Probe, to ids: inout InlineIDs, identify: () -> (customer: Int32, product: Int32)
    ) -> Bool {
        var identified: (customer: Int32, product: Int32)?
        var fits = true
        contracts.forEachCandidate(from: probe) { slot in
            let (customer, product) = identified ?? identify()
            identified = (customer, product)
            guard confirms(slot, customer: customer, product: product) else { return }
            guard ids.count + 2 <= InlineIDs.capacity else {
                fits = false
                return
            }
            ids.append(slot.list)
            ids.append(slot.group)
        }
        return fits
    }

    /// Whether a contract candidate is the customer's contract for the product: its
    /// customer, and the product of its run (the fingerprint alone may be shared).
    @inline(__always)
    private func confirms(_ slot: PairTable.Slot, customer: Int32, product: Int32) -> Bool {
        slot.customer == customer && groups[Int(slot.group)].key == product
    }

    /// Resolves a validated catalog item for a looked-up audience: the general path, for
    /// carts, listings and requests ``finish(_:_:)`` cannot read in place.
    func resolve(_ item: CatalogItem, quantity: Int, audience: Audience, time: Double) -> Outcome {
        let checksContracts = audience.isNamed && contracts.count > 0
        var text = item.product.rawValue
        let (product, productHash, productID) = text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let key = IdentifierKey(bytes)
            return (
                listedProducts.slot(key, bytes: bytes), key.hash,
                checksContracts ? products.slot(key, bytes: bytes).id : -1
            )
        }
        var matches: [Int32] = []
        if checksContracts {
            let probe = contracts.probe(customerHash: audience.customerHash, productHash: productHash)
            contracts.forEachCandidate(from: probe) { slot in
                if confirms(slot, customer: audience.customer.id, product: productID) {
                    matches.append(slot.list)
                    matches.append(slot.group)
                }
            }
        }
        return matches.withUnsafeBufferPointer { contracts in
            let categoryCount = categories.count == 0 ? 0 : item.categories.count
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: categoryCount) { buffer in
                for i in 0..<categoryCount {
                    buffer[i] = categories.id(of: item.categories[i].rawValue)
                }
                return resolve(
                    product: product, contracts: contracts, categories: UnsafeBufferPointer(buffer),
                    basePrice: item.basePrice.minorUnits, floor: item.floor?.minorUnits,
                    currency: item.basePrice.currency, quantity: quantity, audience: audience, time: time)
            }
        }
    }

    /// Resolves one product for one audience at one instant; the request was validated.
    ///
    /// - Complexity: O(candidate lists × log(targets per list)); no allocation.
    ///
    /// Never inlined: one copy of the rules serves every entry point, which keeps the code
    /// the processor runs per resolution small enough for its instruction cache (inlined
    /// into each caller it grew the single-request path past 100 KB, and was about 12 %
    /// slower).
    @inline(never)
    func resolve(
        product: IdentifierTable.Slot, contracts: UnsafeBufferPointer<Int32>, categories: UnsafeBufferPointer<Int32>,
        basePrice: Int64,
        floor: Int64?,
        currency: Currency, quantity: Int, audience: Audience, time: Double
    ) -> Outcome {
        // 1. The eligible override list with the highest priority and a matching entry sets
        //    the reference price; ties: lowest price, then list id.
        let productID = product.id
        var reference = basePrice
        var referenceList: Int32 = -1
        var referenceEntry: Int32 = -1
        var referencePriority = Int.min
        forEachCandidate(0, product, contracts, categories, audience, currency, time) { list, group in
            guard let (price, entry) = evaluate(list, group, productID, categories, quantity, basePrice, currency) else {
                return
            }
            let priority = info[Int(list)].priority
            if referenceList < 0 || priority > referencePriority
                || (priority == referencePriority && (price < reference || (price == reference && list < referenceList)))
            {
                reference = price
                referenceList = list
                referenceEntry = entry
                referencePriority = priority
            }
        }
        // 2. Every eligible sale list prices against the reference; the lowest price wins
        //    (ties: higher priority, then list id), and only below the reference.
        var salePrice = Int64.max
        var saleList: Int32 = -1
        var saleEntry: Int32 = -1
        var salePriority = Int.min
        forEachCandidate(1, product, contracts, categories, audience, currency, time) { list, group in
            guard let (price, entry) = evaluate(list, group, productID, categories, quantity, reference, currency) else {
                return
            }
            let priority = info[Int(list)].priority
            if saleList < 0 || price < salePrice
                || (price == salePrice && (priority > salePriority || (priority == salePriority && list < saleList)))
            {
                salePrice = price
                saleList = list
                saleEntry = entry
                salePriority = priority
            }
        }
        var outcome = Outcome(
            unitPrice: reference, referencePrice: reference, list: referenceList, entry: referenceEntry,
            isFloored: false)
        if saleList >= 0, salePrice < reference {
            outcome.unitPrice = salePrice
            outcome.list = saleList
            outcome.entry = saleEntry
        }
        // 3. The floor bounds the result from below.
        if let floor, outcome.unitPrice < floor {
            outcome.unitPrice = floor
            outcome.isFloored = true
        }
        return outcome
    }

    /// Calls `body` once for every eligible list of `mode` (0 = override, 1 = sale) that
    /// may hold an entry for the product: product-side buckets (deduplicated across
    /// product, categories and all), then the customer's own lists, then the confirmed
    /// `contracts` ((list, run) pairs from ``contracts``). `body` gets the list and, for a
    /// contract, the product's run in `groups` (-1 otherwise).
    @inline(__always)
    private func forEachCandidate(
        _ mode: Int, _ productSlot: IdentifierTable.Slot, _ contracts: UnsafeBufferPointer<Int32>,
        _ categories: UnsafeBufferPointer<Int32>,
        _ audience: Audience, _ currency: Currency, _ time: Double, _ body: (Int32, Int32) -> Void
    ) {
        let product = productSlot.id
        if product >= 0 {
            for k in products.run(productSlot, second: mode == 1) {
                let list = buckets.productLists[k]
                if isEligible(list, audience, currency, time) { body(list, -1) }
            }
        }
        for ci in 0..<categories.count {
            let category = categories[ci]
            if category < 0 { continue }
            var k = Int(buckets.categoryOffsets[2 * Int(category) + mode])
            let end = Int(buckets.categoryOffsets[2 * Int(category) + mode + 1])
            while k < end {
                let list = buckets.categoryLists[k]
                k += 1
                // Seen already through the product or an earlier category?
                let listInfo = info[Int(list)]
                if product >= 0, group(product, listInfo.productGroupStart, listInfo.productGroupEnd) >= 0 { continue }
                if hasEarlierCategory(ci, categories, listInfo) { continue }
                if isEligible(list, audience, currency, time) { body(list, -1) }
            }
        }
        let allLists = mode == 0 ? buckets.allLists.0 : buckets.allLists.1
        for k in 0..<allLists.count {
            let list = allLists[k]
            let listInfo = info[Int(list)]
            if product >= 0, group(product, listInfo.productGroupStart, listInfo.productGroupEnd) >= 0 { continue }
            if hasEarlierCategory(categories.count, categories, listInfo) { continue }
            if isEligible(list, audience, currency, time) { body(list, -1) }
        }
        let customer = audience.customer
        if customer.id >= 0 {
            for k in customers.run(customer, second: mode == 1) {
                let list = buckets.customerLists[k]
                let listInfo = info[Int(list)]
                if listInfo.currency == currency, time >= listInfo.from, time < listInfo.to { body(list, -1) }
            }
        }
        var k = 0
        while k + 1 < contracts.count {
            let list = contracts[k]
            let listInfo = info[Int(list)]
            if Int(listInfo.modeIndex) == mode, listInfo.currency == currency, time >= listInfo.from, time < listInfo.to {
                body(list, contracts[k + 1])
            }
            k += 2
        }
    }

    @inline(__always)
    private func hasEarlierCategory(_ limit: Int, _ categories: UnsafeBufferPointer<Int32>, _ listInfo: ListInfo) -> Bool {
        if listInfo.categoryGroupEnd == listInfo.categoryGroupStart { return false }
        for cj in 0..<limit {
            let earlier = categories[cj]
            if earlier >= 0, group(earlier, listInfo.categoryGroupStart, listInfo.categoryGroupEnd) >= 0 { return true }
        }
        return false
    }

    /// Status (drafts are never in a bucket), currency, window and audience.
    @inline(__always)
    private func isEligible(_ list: Int32, _ audience: Audience, _ currency: Currency, _ time: Double) -> Bool {
        let listInfo = info[Int(list)]
        guard listInfo.currency == currency, time >= listInfo.from, time < listInfo.to else { return false }
        switch listInfo.audience {
        case .everyone: return true
        case .identified: return audience.isIdentified
        case .customers: return audience.isIdentified && contains(audience.customer.id, listInfo)
        case .groups: return intersects(audience.groups, listInfo)
        case .segments: return intersects(audience.segments, listInfo)
        }
    }

    @inline(__always)
    private func contains(_ id: Int32, _ listInfo: ListInfo) -> Bool {
        var k = Int(listInfo.audienceStart)
        while k < Int(listInfo.audienceEnd) {
            if audienceIDs[k] == id { return true }
            k += 1
        }
        return false
    }

    @inline(__always)
    func intersects(_ ids: UnsafeBufferPointer<Int32>, _ listInfo: ListInfo) -> Bool {
        for id in ids where contains(id, listInfo) { return true }
        return false
    }

    /// The index into `groups` of the target `key` among `groups[start..<end]`, or -1.
    @inline(__always)
    func group(_ key: Int32, _ start: Int32, _ end: Int32) -> Int {
        var low = Int(start)
        var high = Int(end)
        while low < high {
            let middle = (low + high) >> 1
            let found = groups[middle].key
            if found == key { return middle }
            if found < key { low = middle + 1 } else { high = middle }
        }
        return -1
    }

    /// The list's best entry for the product at the quantity: most specific target, then
    /// highest minimum quantity, then lowest price, then the entry listed first.
    @inline(never)
    func evaluate(
        _ list: Int32, _ knownGroup: Int32, _ product: Int32, _ categories: UnsafeBufferPointer<Int32>, _ quantity: Int,
        _ reference: Int64, _ currency: Currency
    ) -> (price: Int64, entry: Int32)? {
        if knownGroup >= 0 {
            // A contract that prices only products: the product's run is all there is.
            let run = groups[Int(knownGroup)]
            guard let best = bestInRun(run.start, run.end, quantity, reference, currency) else { return nil }
            return (best.price, best.entry)
        }
        let listInfo = info[Int(list)]
        if product >= 0 {
            let g = group(product, listInfo.productGroupStart, listInfo.productGroupEnd)
            if g >= 0, let best = bestInRun(groups[g].start, groups[g].end, quantity, reference, currency) {
                return (best.price, best.entry)
            }
        }
        if listInfo.categoryGroupEnd > listInfo.categoryGroupStart {
            var found: (minimumQuantity: Int, price: Int64, entry: Int32)?
            for category in categories where category >= 0 {
                let g = group(category, listInfo.categoryGroupStart, listInfo.categoryGroupEnd)
                guard g >= 0, let run = bestInRun(groups[g].start, groups[g].end, quantity, reference, currency) else {
                    continue
                }
                if let current = found {
                    if run.minimumQuantity < current.minimumQuantity { continue }
                    if run.minimumQuantity == current.minimumQuantity {
                        if run.price > current.price { continue }
                        if run.price == current.price,
                            entries[Int(run.entry)].position >= entries[Int(current.entry)].position
                        {
                            continue
                        }
                    }
                }
                found = run
            }
            if let found { return (found.price, found.entry) }
        }
        if let best = bestInRun(listInfo.allStart, listInfo.allEnd, quantity, reference, currency) {
            return (best.price, best.entry)
        }
        return nil
    }

    /// Within one target's entries (sorted by minimum quantity descending, then position):
    /// the highest minimum quantity ≤ `quantity`, and among those the lowest price.
    @inline(__always)
    private func bestInRun(
        _ start: Int32, _ end: Int32, _ quantity: Int, _ reference: Int64, _ currency: Currency
    ) -> (minimumQuantity: Int, price: Int64, entry: Int32)? {
        var k = Int(start)
        let end = Int(end)
        while k < end, entries[k].minimumQuantity > quantity { k += 1 }
        guard k < end else { return nil }
        let minimumQuantity = entries[k].minimumQuantity
        var bestPrice = price(entries[k], reference, currency)
        var bestEntry = k
        k += 1
        while k < end, entries[k].minimumQuantity == minimumQuantity {
            let candidate = price(entries[k], reference, currency)
            if candidate < bestPrice {
                bestPrice = candidate
                bestEntry = k
            }
            k += 1
        }
        return (minimumQuantity, bestPrice, Int32(bestEntry))
    }

    @inline(__always)
    private func price(_ entry: EntryInfo, _ reference: Int64, _ currency: Currency) -> Int64 {
        switch entry.kind {
        case .fixedPrice: entry.value
        case .percentOff: Money(minorUnits: reference, currency: currency).reduced(by: entry.percent).minorUnits
        case .amountOff: reference > entry.value ? reference - entry.value : 0
        }
    }
}
