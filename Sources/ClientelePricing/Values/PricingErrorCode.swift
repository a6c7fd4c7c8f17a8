/// Failures raised by ``ClientelePricing``: invalid price lists, store conflicts, bad requests.
public typealias PricingError = ClienteleError<PricingErrorCode>

/// The failure codes of ``ClientelePricing``.
///
/// Validation errors name the list in the context's `item` and the entry (as
/// `entries[<entry id>]`) or property in its `field`.
public struct PricingErrorCode: ErrorCode {
    /// The stable name of the code.
    public let rawValue: String

    /// Creates a code from its stable name; only Clientele's own modules make codes.
    package init(rawValue: String) { self.rawValue = rawValue }

    /// An identifier (list, entry, product, category, group, segment) is empty, too long
    /// or not visible ASCII.
    public static let invalidIdentifier = Self(rawValue: "pricing.invalidIdentifier")
    /// An entry's amount is in another currency than its list, or a request's floor is in
    /// another currency than its base price.
    public static let currencyMismatch = Self(rawValue: "pricing.currencyMismatch")
    /// An entry's minimum quantity is below 1.
    public static let invalidMinimumQuantity = Self(rawValue: "pricing.invalidMinimumQuantity")
    /// A fixed price, amount off, base price or floor is negative.
    public static let negativeAmount = Self(rawValue: "pricing.negativeAmount")
    /// A list's validity window is empty: `from` is not before `to`.
    public static let emptyValidity = Self(rawValue: "pricing.emptyValidity")
    /// Two lists (in a store or a book) share an id.
    public static let duplicateList = Self(rawValue: "pricing.duplicateList")
    /// Two entries of one list share an id.
    public static let duplicateEntry = Self(rawValue: "pricing.duplicateEntry")
    /// An audience of customers, groups or segments names nobody.
    public static let emptyAudience = Self(rawValue: "pricing.emptyAudience")
    /// No list with this id exists.
    public static let listNotFound = Self(rawValue: "pricing.listNotFound")
    /// The list changed since it was read: the expected revision is stale. Read it again.
    /// Stores report it and never retry; ``PriceBookService`` hands it to the caller.
    public static let conflict = Self(rawValue: "pricing.conflict")
    /// The former name of ``conflict``.
    @available(*, deprecated, renamed: "conflict")
    public static var revisionConflict: Self { .conflict }
    /// A request's quantity is below 1.
    public static let invalidQuantity = Self(rawValue: "pricing.invalidQuantity")
    /// A line total or cart total does not fit in 64-bit minor units.
    public static let amountOverflow = Self(rawValue: "pricing.amountOverflow")
    /// A page size (`limit`) is below 1; Pricing's pages have no maximum.
    public static let invalidPageSize = Self(rawValue: "pricing.invalidPageSize")
    /// A ``PricingConfiguration`` value is out of range; `context.field` names it.
    public static let invalidConfiguration = Self(rawValue: "pricing.invalidConfiguration")
    /// A ``PriceBookService`` was asked for a price before its book was loaded: call
    /// ``PriceBookService/refresh()`` once after making the service.
    public static let notLoaded = Self(rawValue: "pricing.notLoaded")
}
