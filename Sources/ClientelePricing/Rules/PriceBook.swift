public import Foundation

/// An immutable, indexed set of price lists that resolves prices in well under a microsecond.
///
/// ```swift
/// let book = try PriceBook(lists: lists)
/// let price = try book.resolve(PriceRequest(
///     product: sku, categories: [shoes], basePrice: Money(minorUnits: 4_995, currency: .eur),
///     quantity: 2, customer: CustomerContext(customer: id, groups: ["vip"]), instant: now))
/// price.unitPrice      // 44.96 EUR: VIP 10 % off, rounded half up
/// price.winner         // vip/all
/// ```
///
/// Resolution is a pure function of (book, request): no clock, no I/O, no locks,
/// no allocation for the common case (a product in up to a few dozen categories, a
/// customer in a few dozen groups). Rules, exactly as DESIGN.md "Customer-specific pricing":
///
/// 1. Eligible lists are active, valid at the instant (`[validFrom, validTo)`), in the
///    request's currency, and for an audience that includes the customer (anonymous
///    visitors match only ``PriceAudience/everyone``).
/// 2. Within a list the matching entry (target matches, minimum quantity ≤ quantity) with
///    the most specific target wins (product > category > all), then the highest minimum
///    quantity, then the lowest resulting price, then the entry listed first.
/// 3. The eligible override list with the highest priority that has a matching entry sets
///    the reference price from the base price (ties: lowest price, then lowest list id);
///    otherwise the reference is the base price.
/// 4. Every eligible sale list prices against the reference; the lowest price wins (ties:
///    higher priority, then lowest list id), and only if below the reference.
/// 5. The floor, when given, bounds the result from below.
///
/// A book is rebuilt, never changed: ``PriceBookService`` builds a new one when lists change
/// and swaps it in atomically.
public struct PriceBook: Sendable {
    let index: PriceBookIndex

    /// The store version the book was built from (0 when built directly from lists).
    public let version: UInt64

    /// The lists in the book, ordered by id.
    public var lists: [PriceList] { index.lists }

    /// A book without lists: every product costs its base price.
    public static let empty = PriceBook(validatedSortedLists: [], version: 0)

    /// Validates `lists` and builds the index.
    ///
    /// - Parameters:
    ///   - lists: The shop's price lists, in any order.
    ///   - version: The store version they come from, for ``PriceBookService``.
    /// - Throws: ``PricingErrorCode/duplicateList`` naming the id, or the first error of
    ///   ``PriceList/validate()``, naming the list and entry.
    /// - Complexity: O(n log n) in the number of entries.
    public init(lists: [PriceList], version: UInt64 = 0) throws(PricingError) {
        let sorted = lists.sorted { $0.id < $1.id }
        for (i, list) in sorted.enumerated() {
            if i > 0, sorted[i - 1].id == list.id {
                throw PricingError(
                    .duplicateList, "Two price lists share an id; give each list its own.",
                    context: ErrorContext(field: "id", item: list.id.rawValue))
            }
            try list.validate()
        }
        self.init(validatedSortedLists: sorted, version: version)
    }

    init(validatedSortedLists lists: [PriceList], version: UInt64) {
        self.index = PriceBookIndex(sortedLists: lists)
        self.version = version
    }

    /// The price a customer pays for a product at a quantity and instant.
    ///
    /// - Throws: ``PricingErrorCode/invalidQuantity`` (below 1),
    ///   ``PricingErrorCode/negativeAmount`` (base price or floor),
    ///   ``PricingErrorCode/currencyMismatch`` (floor in another currency),
    ///   ``PricingErrorCode/amountOverflow`` (line total beyond 64 bits).
    /// - Complexity: O(candidate lists × log(targets per list)), where candidate lists are
    ///   the active lists with an entry for the product, one of its categories or all
    ///   products, plus the customer's own contract lists; no allocation.
    public func resolve(_ request: PriceRequest) throws(PricingError) -> PriceResolution {
        try Self.validate(basePrice: request.item.basePrice, floor: request.item.floor, quantity: request.quantity)
        let outcome = withUnsafePointer(to: request) { index.finish($0, index.begin($0)) }
        return try makeResolution(outcome, basePrice: request.item.basePrice, quantity: request.quantity)
    }

    /// Resolves many requests (any products, customers and instants) in one call, with
    /// the results ``resolve(_:)`` gives for each, in order.
    ///
    /// Faster than one call per request for long runs (a feed export, a price sheet, a
    /// queue of quotes): each resolution waits on a few cache misses (the request's own
    /// arrays, the product's and customer's slots in the book), and here they are
    /// started for several requests before any is waited on.
    ///
    /// - Throws: as ``resolve(_:)``, naming the request (`requests[i]`) in the context's
    ///   field; nothing is returned when one fails.
    public func resolveAll(_ requests: [PriceRequest]) throws(PricingError) -> [PriceResolution] {
        var resolved: [PriceResolution] = []
        resolved.reserveCapacity(requests.count)
        // Requests are begun `ahead` (a power of two) places before they are finished, so
        // the memory each one needs has arrived by the time it is finished.
        let ahead = 8
        let outcome: Result<Void, PricingError> = requests.withUnsafeBufferPointer { requests in
            guard let base = requests.baseAddress else { return .success(()) }
            return withUnsafeTemporaryAllocation(of: PriceBookIndex.Pending.self, capacity: ahead) { pending in
                for i in 0..<min(ahead, requests.count) {
                    pending[i] = index.begin(base + i)
                }
                for i in requests.indices {
                    let begun = pending[i & (ahead - 1)]
                    if i + ahead < requests.count { pending[i & (ahead - 1)] = index.begin(base + i + ahead) }
                    let request = base + i
                    do throws(PricingError) {
                        try Self.validate(
                            basePrice: request.pointee.item.basePrice, floor: request.pointee.item.floor,
                            quantity: request.pointee.quantity)
                        resolved.append(
                            try makeResolution(
                                index.finish(request, begun), basePrice: request.pointee.item.basePrice,
                                quantity: request.pointee.quantity))
                    } catch {
                        return .failure(Self.naming(error, "requests[\(i)]"))
                    }
                }
                return .success(())
            }
        }
        try outcome.get()
        return resolved
    }

    /// Resolves every line of a cart for one customer at one instant, with the cart total.
    ///
    /// - Throws: as ``resolve(_:)``, naming the line (`lines[i]`) in the context's field;
    ///   ``PricingErrorCode/currencyMismatch`` when lines are in different currencies.
    public func resolveCart(
        _ lines: [CartLine], for customer: CustomerContext, at instant: Date
    ) throws(PricingError) -> PricedCart {
        let time = instant.timeIntervalSinceReferenceDate
        let outcome: Result<PricedCart, PricingError> = index.withAudience(customer) { audience in
            var priced: [PriceResolution] = []
            priced.reserveCapacity(lines.count)
            var total: Money?
            for (i, line) in lines.enumerated() {
                do throws(PricingError) {
                    try Self.validate(basePrice: line.item.basePrice, floor: line.item.floor, quantity: line.quantity)
                    let resolution = try makeResolution(
                        index.resolve(line.item, quantity: line.quantity, audience: audience, time: time),
                        basePrice: line.item.basePrice, quantity: line.quantity)
                    if let sum = total {
                        guard sum.currency == resolution.lineTotal.currency else {
                            throw PricingError(
                                .currencyMismatch, "All lines of a cart must be priced in one currency.",
                                context: ErrorContext(field: "basePrice"))
                        }
                        let (next, overflow) = sum.minorUnits.addingReportingOverflow(resolution.lineTotal.minorUnits)
                        guard !overflow else {
                            throw PricingError(
                                .amountOverflow, "The cart total does not fit in 64-bit minor units.",
                                context: ErrorContext(field: "total"))
                        }
                        total = Money(minorUnits: next, currency: sum.currency)
                    } else {
                        total = resolution.lineTotal
                    }
                    priced.append(resolution)
                } catch {
                    return .failure(Self.naming(error, "lines[\(i)]"))
                }
            }
            return .success(PricedCart(lines: priced, total: total))
        }
        return try outcome.get()
    }

    /// Resolves a product listing (quantity 1 each) for one customer at one instant.
    ///
    /// - Throws: as ``resolve(_:)``, naming the item (`items[i]`) in the context's field.
    public func resolveListing(
        _ items: [CatalogItem], for customer: CustomerContext, at instant: Date
    ) throws(PricingError) -> [PriceResolution] {
        let time = instant.timeIntervalSinceReferenceDate
        let outcome: Result<[PriceResolution], PricingError> = index.withAudience(customer) { audience in
            var priced: [PriceResolution] = []
            priced.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                do throws(PricingError) {
                    try Self.validate(basePrice: item.basePrice, floor: item.floor, quantity: 1)
                    priced.append(
                        try makeResolution(
                            index.resolve(item, quantity: 1, audience: audience, time: time), basePrice: item.basePrice, quantity: 1))
                } catch {
                    return .failure(Self.naming(error, "items[\(i)]"))
                }
            }
            return .success(priced)
        }
        return try outcome.get()
    }

    /// Prefixes the error's field with the batch position, such as `lines[3].quantity`.
    private static func naming(_ error: PricingError, _ position: String) -> PricingError {
        var error = error
        error.context.field = position + (error.context.field.map { ".\($0)" } ?? "")
        return error
    }

    /// The public result of an outcome; throws only when the line total overflows.
    @inline(__always)
    func makeResolution(
        _ outcome: PriceBookIndex.Outcome, basePrice: Money, quantity: Int
    ) throws(PricingError) -> PriceResolution {
        let (lineTotal, overflow) = outcome.unitPrice.multipliedReportingOverflow(by: Int64(quantity))
        if overflow { throw Self.lineTotalOverflow() }
        let currency = basePrice.currency
        let hasWinner = outcome.list >= 0
        return PriceResolution(
            unitPrice: Money(minorUnits: outcome.unitPrice, currency: currency),
            originalPrice: basePrice,
            referencePrice: Money(minorUnits: outcome.referencePrice, currency: currency),
            lineTotal: Money(minorUnits: lineTotal, currency: currency),
            quantity: quantity,
            winner: hasWinner
                ? PriceWinner(
                    list: index.listIDs[Int(outcome.list)], entry: index.entryIDs[Int(outcome.entry)],
                    mode: index.listModes[Int(outcome.list)])
                : .none,
            hasWinner: hasWinner, isFloored: outcome.isFloored)
    }

    @inline(never)
    private static func lineTotalOverflow() -> PricingError {
        PricingError(
            .amountOverflow, "The line total (unit price × quantity) does not fit in 64-bit minor units.",
            context: ErrorContext(field: "quantity"))
    }

    static func validate(basePrice: Money, floor: Money?, quantity: Int) throws(PricingError) {
        guard quantity >= 1 else {
            throw PricingError(
                .invalidQuantity, "The quantity to price must be at least 1.", context: ErrorContext(field: "quantity"))
        }
        guard !basePrice.isNegative else {
            throw PricingError(
                .negativeAmount, "The base price cannot be negative.", context: ErrorContext(field: "basePrice"))
        }
        if let floor {
            guard floor.currency == basePrice.currency else {
                throw PricingError(
                    .currencyMismatch, "The floor must be in the base price's currency.",
                    context: ErrorContext(field: "floor"))
            }
            guard !floor.isNegative else {
                throw PricingError(
                    .negativeAmount, "The floor cannot be negative.", context: ErrorContext(field: "floor"))
            }
        }
    }
}
