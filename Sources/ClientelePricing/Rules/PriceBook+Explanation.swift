/// Explanation: the rules applied list by list, straight from the ``PriceList`` values.
///
/// This path deliberately does not use the index, so it doubles as an independent
/// implementation of the rules that tests compare ``PriceBook/resolve(_:)`` against.
extension PriceBook {
    /// Resolves `request` and says, for every list considered, why it applied or not.
    ///
    /// - Throws: as ``resolve(_:)``.
    /// - Complexity: O(total entries in the book): for support pages and tests, not for
    ///   every page view.
    public func explain(_ request: PriceRequest) throws(PricingError) -> PriceExplanation {
        let item = request.item
        try Self.validate(basePrice: item.basePrice, floor: item.floor, quantity: request.quantity)
        let base = item.basePrice
        let categories = Set(item.categories)
        typealias Candidate = (index: Int, entry: PriceEntry, price: Money)
        var outcomes: [Int: PriceListConsideration.Outcome] = [:]
        var overrides: [Candidate] = []
        var sales: [Int] = []
        var omitted = 0

        for (index, list) in lists.enumerated() {
            let targetsProduct = list.entries.contains { Self.matches($0.target, item.product, categories) }
            if !targetsProduct && !list.audience.includes(request.customer) {
                omitted += 1
                continue
            }
            if list.status == .draft {
                outcomes[index] = .draft
            } else if let from = list.validFrom, request.instant < from {
                outcomes[index] = .notYetValid(from: from)
            } else if let to = list.validTo, request.instant >= to {
                outcomes[index] = .expired(at: to)
            } else if list.currency != base.currency {
                outcomes[index] = .otherCurrency(list.currency)
            } else if request.customer.customer == nil && list.audience != .everyone {
                outcomes[index] = .anonymousVisitor
            } else if !list.audience.includes(request.customer) {
                outcomes[index] = .notInAudience
            } else if list.mode == .override {
                if let (entry, price) = Self.bestEntry(list, item, categories, request.quantity, reference: base) {
                    overrides.append((index, entry, price))
                } else {
                    outcomes[index] = .noMatchingEntry
                }
            } else {
                sales.append(index)
            }
        }

        // Layer 1: the override with the highest priority, then lowest price, then list id.
        var reference = base
        var referenceWinner: Candidate?
        for candidate in overrides {
            guard let current = referenceWinner else {
                referenceWinner = candidate
                continue
            }
            let p = lists[candidate.index].priority
            let q = lists[current.index].priority
            if p > q || (p == q && candidate.price.minorUnits < current.price.minorUnits) {
                referenceWinner = candidate
            }  // equal: the earlier (lower) list id stays, lists are in id order
        }
        if let winner = referenceWinner { reference = winner.price }

        // Layer 2: sales against the reference; lowest price, then higher priority, then id.
        var saleCandidates: [Candidate] = []
        for index in sales {
            if let (entry, price) = Self.bestEntry(lists[index], item, categories, request.quantity, reference: reference) {
                saleCandidates.append((index, entry, price))
            } else {
                outcomes[index] = .noMatchingEntry
            }
        }
        var saleWinner: Candidate?
        for candidate in saleCandidates where candidate.price.minorUnits < reference.minorUnits {
            guard let current = saleWinner else {
                saleWinner = candidate
                continue
            }
            if candidate.price.minorUnits < current.price.minorUnits
                || (candidate.price == current.price && lists[candidate.index].priority > lists[current.index].priority)
            {
                saleWinner = candidate
            }
        }

        for candidate in overrides {
            guard let winner = referenceWinner else { continue }
            if candidate.index == winner.index {
                outcomes[candidate.index] =
                    saleWinner == nil
                    ? .won(entry: candidate.entry.id, price: candidate.price)
                    : .setReference(entry: candidate.entry.id, price: candidate.price)
            } else {
                let reason: PriceListConsideration.LossReason =
                    lists[candidate.index].priority < lists[winner.index].priority
                    ? .lowerPriority
                    : candidate.price.minorUnits > winner.price.minorUnits ? .higherPrice : .laterListID
                outcomes[candidate.index] = .lost(
                    entry: candidate.entry.id, price: candidate.price, to: lists[winner.index].id, because: reason)
            }
        }
        for candidate in saleCandidates {
            if candidate.price.minorUnits >= reference.minorUnits {
                outcomes[candidate.index] = .notBelowReference(
                    entry: candidate.entry.id, price: candidate.price, reference: reference)
            } else if let winner = saleWinner, candidate.index == winner.index {
                outcomes[candidate.index] = .won(entry: candidate.entry.id, price: candidate.price)
            } else if let winner = saleWinner {
                let reason: PriceListConsideration.LossReason =
                    candidate.price.minorUnits > winner.price.minorUnits
                    ? .higherPrice
                    : lists[candidate.index].priority < lists[winner.index].priority
                        ? .samePriceLowerPriority : .laterListID
                outcomes[candidate.index] = .lost(
                    entry: candidate.entry.id, price: candidate.price, to: lists[winner.index].id, because: reason)
            }
        }

        let final = saleWinner ?? referenceWinner
        var unit = saleWinner?.price ?? reference
        var isFloored = false
        if let floor = item.floor, unit.minorUnits < floor.minorUnits {
            unit = floor
            isFloored = true
        }
        let (total, overflow) = unit.minorUnits.multipliedReportingOverflow(by: Int64(request.quantity))
        guard !overflow else {
            throw PricingError(
                .amountOverflow, "The line total (unit price × quantity) does not fit in 64-bit minor units.",
                context: ErrorContext(field: "quantity"))
        }
        let resolution = PriceResolution(
            unitPrice: unit, originalPrice: base, referencePrice: reference,
            lineTotal: Money(minorUnits: total, currency: base.currency), quantity: request.quantity,
            winner: final.map { PriceWinner(list: lists[$0.index].id, entry: $0.entry.id, mode: lists[$0.index].mode) },
            isFloored: isFloored)
        let considered = outcomes.keys.sorted().compactMap { index in
            outcomes[index].map {
                PriceListConsideration(
                    list: lists[index].id, mode: lists[index].mode, priority: lists[index].priority, outcome: $0)
            }
        }
        return PriceExplanation(resolution: resolution, considered: considered, omittedListCount: omitted)
    }

    static func matches(_ target: PriceTarget, _ product: ProductID, _ categories: Set<CategoryID>) -> Bool {
        switch target {
        case .product(let id): id == product
        case .category(let id): categories.contains(id)
        case .allProducts: true
        }
    }

    /// The list's best entry: most specific target, highest minimum quantity, lowest price,
    /// then the entry listed first.
    static func bestEntry(
        _ list: PriceList, _ item: CatalogItem, _ categories: Set<CategoryID>, _ quantity: Int, reference: Money
    ) -> (PriceEntry, Money)? {
        var best: (entry: PriceEntry, price: Money)?
        for entry in list.entries where entry.minimumQuantity <= quantity && matches(entry.target, item.product, categories) {
            let price = entry.adjustment.apply(to: reference)
            guard let current = best else {
                best = (entry, price)
                continue
            }
            let a = (entry.target.specificity, entry.minimumQuantity)
            let b = (current.entry.target.specificity, current.entry.minimumQuantity)
            if a > b || (a == b && price.minorUnits < current.price.minorUnits) {
                best = (entry, price)
            }
        }
        return best
    }
}
