public import ClientelePricing
import Foundation

/// Builders for price lists, entries and catalog items, for tests and examples.
///
/// ```swift
/// let vip = try PricingFixtures.list("vip", audience: .groups(["vip"]), entries: [
///     PricingFixtures.entry("all", .allProducts, .percentOff(try BasisPoints(1_000))),
/// ])
/// let shoe = try PricingFixtures.item("P1", categories: ["shoes"], base: "49.95")
/// ```
///
/// Identifiers and amounts are validated as the library does; invalid ones throw.
public enum PricingFixtures {
    /// A price list, active and always valid unless told otherwise.
    public static func list(
        _ id: String,
        currency: Currency = .eur,
        status: PriceListStatus = .active,
        validFrom: Date? = nil,
        validTo: Date? = nil,
        audience: PriceAudience = .everyone,
        priority: Int = 0,
        mode: PriceListMode = .sale,
        entries: [PriceEntry] = []
    ) throws -> PriceList {
        PriceList(
            id: try PriceListID(validating: id), name: id, currency: currency, status: status,
            validFrom: validFrom, validTo: validTo, audience: audience, priority: priority, mode: mode,
            entries: entries)
    }

    /// An entry.
    public static func entry(
        _ id: String, _ target: PriceTarget, minimumQuantity: Int = 1, _ adjustment: PriceAdjustment
    ) throws -> PriceEntry {
        PriceEntry(
            id: try PriceEntryID(validating: id), target: target, minimumQuantity: minimumQuantity,
            adjustment: adjustment)
    }

    /// A product target.
    public static func product(_ id: String) throws -> PriceTarget {
        .product(try ProductID(validating: id))
    }

    /// A category target.
    public static func category(_ id: String) throws -> PriceTarget {
        .category(try CategoryID(validating: id))
    }

    /// An amount from decimal text, such as `"12.34"`.
    public static func money(_ text: String, _ currency: Currency = .eur) throws -> Money {
        try Money(parsing: text, currency: currency)
    }

    /// A fixed unit price from decimal text.
    public static func fixed(_ text: String, _ currency: Currency = .eur) throws -> PriceAdjustment {
        .fixedPrice(try money(text, currency))
    }

    /// An amount off from decimal text.
    public static func off(_ text: String, _ currency: Currency = .eur) throws -> PriceAdjustment {
        .amountOff(try money(text, currency))
    }

    /// A percentage off in basis points (1,000 = 10 %).
    public static func percentOff(_ basisPoints: Int) throws -> PriceAdjustment {
        .percentOff(try BasisPoints(basisPoints))
    }

    /// A catalog item.
    public static func item(
        _ product: String, categories: [String] = [], base: String, floor: String? = nil, currency: Currency = .eur
    ) throws -> CatalogItem {
        CatalogItem(
            product: try ProductID(validating: product),
            categories: try categories.map { try CategoryID(validating: $0) },
            basePrice: try money(base, currency),
            floor: try floor.map { try money($0, currency) })
    }

    /// A logged-in customer with groups (each checked as a `CustomerGroup`) and segments.
    public static func customer(_ id: String, groups: Set<String> = [], segments: Set<String> = []) throws
        -> CustomerContext
    {
        CustomerContext(
            customer: try CustomerID(validating: id),
            groups: Set(try groups.map { name throws(CoreError) in try CustomerGroup(validating: name) }), segments: segments)
    }
    // MARK: Rich fixtures

    /// An instant `milliseconds` after 2026-09-21T12:26:40Z at the stored precision
    /// (``StoredInstant``): rich fixtures use sub-second parts such as `instant(123)`.
    public static func instant(_ milliseconds: Int64) -> Date {
        StoredInstant.date(milliseconds: 1_790_000_000_000 + milliseconds)
    }

    /// Three lists that together set and unset every stored field with values that break
    /// lazy adapters: `R1` (a draft in US dollars, a Unicode name with capitals, a validity
    /// window with sub-second bounds, an audience of two customers (one id of the longest length), priority `Int.max`, override
    /// mode, entries out of id order with the largest minimum quantity, the largest amount and
    /// 100 % off), `R2` (open-ended from a sub-second instant, segments, priority `Int.min`,
    /// no entries) and `R3` (until a sub-second instant, identified customers, an empty name).
    public static func richLists() throws -> [PriceList] {
        let first = try list(
            "R1", currency: .usd, status: .draft, validFrom: instant(123), validTo: instant(86_400_999),
            audience: .customers([try CustomerID(validating: "C_" + String(repeating: "z", count: 62)), try CustomerID(validating: "c1")]), priority: Int.max,
            mode: .override,
            entries: [
                try entry("z-last", try product("P-9"), minimumQuantity: Int.max, .fixedPrice(Money(minorUnits: Int64.max, currency: .usd))),
                try entry("a-first", try category("schoenen"), minimumQuantity: 2, try percentOff(10_000)),
                try entry("m-middle", .allProducts, .amountOff(Money(minorUnits: 0, currency: .usd))),
            ])
        var named = first
        named.name = "Zomer-Uitverkoop ÉÉN"
        let second = try list(
            "R2", currency: .gbp, validFrom: instant(1_001), audience: .segments(["loyal", "new-Buyers"]), priority: Int.min)
        let third = try list("R3", validTo: instant(59_999), audience: .identified, priority: -1, mode: .sale)
        var unnamed = third
        unnamed.name = ""
        return [named, second, unnamed]
    }
}
