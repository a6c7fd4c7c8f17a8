/// The price a customer pays for a product at a quantity, and where it came from.
public struct PriceResolution: Hashable, Sendable {
    /// The price per unit.
    public var unitPrice: Money
    /// The base price the host gave (what the customer would pay without lists).
    public var originalPrice: Money
    /// The price an override list set before sales competed (the base price when none did).
    public var referencePrice: Money
    /// `unitPrice × quantity`.
    public var lineTotal: Money
    /// The quantity priced.
    public var quantity: Int
    /// The list and entry that set the unit price; `nil` when the base price stands.
    public var winner: PriceWinner? {
        get { hasWinner ? storedWinner : nil }
        set {
            hasWinner = newValue != nil
            storedWinner = newValue ?? .none
        }
    }
    /// True when the floor raised the unit price.
    public var isFloored: Bool

    // The winner is stored without an optional around it: a resolution is built on every
    // price lookup, and building one around an optional `PriceWinner` made the compiler
    // build it twice and copy it (about a fifth of a resolution's instructions).
    private var storedWinner: PriceWinner
    private var hasWinner: Bool

    /// Creates a resolution.
    public init(
        unitPrice: Money, originalPrice: Money, referencePrice: Money, lineTotal: Money,
        quantity: Int, winner: PriceWinner?, isFloored: Bool
    ) {
        self.unitPrice = unitPrice
        self.originalPrice = originalPrice
        self.referencePrice = referencePrice
        self.lineTotal = lineTotal
        self.quantity = quantity
        self.storedWinner = winner ?? .none
        self.hasWinner = winner != nil
        self.isFloored = isFloored
    }

    /// Creates a resolution with a winner when `hasWinner` (else `winner` is ``PriceWinner/none``).
    init(
        unitPrice: Money, originalPrice: Money, referencePrice: Money, lineTotal: Money,
        quantity: Int, winner: PriceWinner, hasWinner: Bool, isFloored: Bool
    ) {
        self.unitPrice = unitPrice
        self.originalPrice = originalPrice
        self.referencePrice = referencePrice
        self.lineTotal = lineTotal
        self.quantity = quantity
        self.storedWinner = winner
        self.hasWinner = hasWinner
        self.isFloored = isFloored
    }

    /// Whether the customer pays less than the base price.
    public var isDiscounted: Bool { unitPrice.minorUnits < originalPrice.minorUnits }
}

/// The list and entry that set a price.
public struct PriceWinner: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The winning list.
    public var list: PriceListID
    /// The winning entry of that list.
    public var entry: PriceEntryID
    /// Whether the list is an override or a sale list.
    public var mode: PriceListMode

    /// Creates a winner.
    public init(list: PriceListID, entry: PriceEntryID, mode: PriceListMode) {
        self.list = list
        self.entry = entry
        self.mode = mode
    }

    /// `list/entry`.
    public var description: String { "\(list)/\(entry)" }

    /// The placeholder a resolution without a winner stores (never returned).
    static var none: PriceWinner {
        PriceWinner(list: PriceListID(uncheckedRawValue: ""), entry: PriceEntryID(uncheckedRawValue: ""), mode: .override)
    }
}
