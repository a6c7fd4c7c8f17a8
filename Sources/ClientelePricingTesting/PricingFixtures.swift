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
}
