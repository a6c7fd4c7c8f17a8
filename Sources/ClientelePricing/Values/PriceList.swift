public import Foundation

/// A price list: who it is for, when it applies, how it combines, and its entries.
///
/// ```swift
/// // VIP customers get 10 % off everything.
/// let vip = PriceList(
///     id: try PriceListID(validating: "vip"), name: "VIP 10 %", currency: .eur,
///     audience: .groups(["vip"]), priority: 10, mode: .sale,
///     entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
///                          adjustment: .percentOff(try BasisPoints(1_000)))])
/// ```
///
/// A list is checked by ``validate()`` whenever it is saved in a ``PriceListStore`` or
/// put in a ``PriceBook``.
public struct PriceList: Hashable, Sendable, Codable, Identifiable {
    /// Unique among the shop's lists; also the last tie-break between lists (lower wins).
    public var id: PriceListID
    /// A name for the shop's staff, such as "B2B 2027". Not used in resolution.
    public var name: String
    /// The currency of the list's amounts; the list applies only to prices in it.
    public var currency: Currency
    /// Draft lists never apply.
    public var status: PriceListStatus
    /// The first instant the list applies (inclusive); `nil` = since always.
    public var validFrom: Date?
    /// The instant the list stops applying (exclusive); `nil` = forever.
    public var validTo: Date?
    /// Who the list is for.
    public var audience: PriceAudience
    /// Higher wins among override lists; breaks ties among equal sale prices.
    public var priority: Int
    /// Whether the list sets the reference price or competes as a sale.
    public var mode: PriceListMode
    /// The entries; their ids are unique within the list.
    public var entries: [PriceEntry]

    /// Creates a list; it is validated when saved or put in a price book.
    public init(
        id: PriceListID,
        name: String = "",
        currency: Currency,
        status: PriceListStatus = .active,
        validFrom: Date? = nil,
        validTo: Date? = nil,
        audience: PriceAudience,
        priority: Int = 0,
        mode: PriceListMode,
        entries: [PriceEntry]
    ) {
        self.id = id
        self.name = name
        self.currency = currency
        self.status = status
        self.validFrom = validFrom
        self.validTo = validTo
        self.audience = audience
        self.priority = priority
        self.mode = mode
        self.entries = entries
    }

    /// Whether `instant` is inside the validity window `[validFrom, validTo)`.
    public func isValid(at instant: Date) -> Bool {
        if let validFrom, instant < validFrom { return false }
        if let validTo, instant >= validTo { return false }
        return true
    }

    /// Checks the list's invariants.
    ///
    /// - Throws: a ``PricingError`` whose context names the list (`item`) and the entry or
    ///   property (`field`, such as `entries[e7].minimumQuantity`):
    ///   ``PricingErrorCode/emptyValidity`` (`validFrom ≥ validTo`),
    ///   ``PricingErrorCode/emptyAudience``, ``PricingErrorCode/invalidIdentifier`` (a group
    ///   or segment name), ``PricingErrorCode/duplicateEntry``,
    ///   ``PricingErrorCode/invalidMinimumQuantity`` (below 1),
    ///   ``PricingErrorCode/currencyMismatch`` (an amount in another currency),
    ///   ``PricingErrorCode/negativeAmount``.
    /// - Complexity: O(n) in the number of entries.
    public func validate() throws(PricingError) {
        let item = id.rawValue
        if let validFrom, let validTo, validFrom >= validTo {
            throw PricingError(
                .emptyValidity, "The list's validity window is empty: validFrom must be before validTo.",
                context: ErrorContext(field: "validTo", item: item))
        }
        switch audience {
        case .everyone, .identified:
            break
        case .customers(let customers):
            if customers.isEmpty { throw Self.emptyAudience("customers", item) }
        case .groups(let names):
            if names.isEmpty { throw Self.emptyAudience("groups", item) }
            for name in names where !PricingIdentifierRules.isValid(name) {
                throw PricingIdentifierRules.invalid(field: "audience.groups", item: item)
            }
        case .segments(let names):
            if names.isEmpty { throw Self.emptyAudience("segments", item) }
            for name in names where !PricingIdentifierRules.isValid(name) {
                throw PricingIdentifierRules.invalid(field: "audience.segments", item: item)
            }
        }
        var seen = Set<PriceEntryID>(minimumCapacity: entries.count)
        for entry in entries {
            let field = "entries[\(entry.id.rawValue)]"
            guard seen.insert(entry.id).inserted else {
                throw PricingError(
                    .duplicateEntry, "Two entries of the list share an id; give each entry its own.",
                    context: ErrorContext(field: field, item: item))
            }
            guard entry.minimumQuantity >= 1 else {
                throw PricingError(
                    .invalidMinimumQuantity, "An entry's minimum quantity must be at least 1.",
                    context: ErrorContext(field: field + ".minimumQuantity", item: item))
            }
            switch entry.adjustment {
            case .percentOff:
                break  // BasisPoints is 0–10,000 by construction.
            case .fixedPrice(let amount), .amountOff(let amount):
                guard amount.currency == currency else {
                    throw PricingError(
                        .currencyMismatch,
                        "The entry's amount is in \(amount.currency.code) but the list is in \(currency.code).",
                        context: ErrorContext(field: field + ".adjustment", item: item))
                }
                guard !amount.isNegative else {
                    throw PricingError(
                        .negativeAmount, "An entry's fixed price or amount off cannot be negative.",
                        context: ErrorContext(field: field + ".adjustment", item: item))
                }
            }
        }
    }

    private static func emptyAudience(_ kind: String, _ item: String) -> PricingError {
        PricingError(
            .emptyAudience, "The list is for a set of \(kind) that is empty; name at least one, or make it a draft.",
            context: ErrorContext(field: "audience.\(kind)", item: item))
    }
}
