public import Foundation

/// Why a price is what it is: the resolution and every list considered, with its outcome.
///
/// A list is considered when its audience includes the customer or it has an entry whose
/// target matches the product; the rest (other customers' contract lists for other
/// products, say) are only counted in ``omittedListCount``.
public struct PriceExplanation: Hashable, Sendable, CustomStringConvertible {
    /// The same result ``PriceBook/resolve(_:)`` returns.
    public var resolution: PriceResolution
    /// The lists considered, ordered by list id.
    public var considered: [PriceListConsideration]
    /// Lists in the book that neither address the customer nor price the product.
    public var omittedListCount: Int

    /// Creates an explanation.
    public init(resolution: PriceResolution, considered: [PriceListConsideration], omittedListCount: Int) {
        self.resolution = resolution
        self.considered = considered
        self.omittedListCount = omittedListCount
    }

    /// A readable report: the price, then one line per list considered.
    public var description: String {
        var text = "unit price \(resolution.unitPrice.decimalText) \(resolution.unitPrice.currency)"
        text += " × \(resolution.quantity) = \(resolution.lineTotal.decimalText)"
        text += " (base \(resolution.originalPrice.decimalText), reference \(resolution.referencePrice.decimalText))"
        if let winner = resolution.winner {
            text += "; set by \(winner.list) entry \(winner.entry)"
        } else {
            text += "; base price stands"
        }
        if resolution.isFloored { text += "; raised to the floor" }
        for consideration in considered {
            text += "\n- \(consideration)"
        }
        if omittedListCount > 0 {
            text += "\n(\(omittedListCount) other lists neither address this customer nor price this product)"
        }
        return text
    }
}

/// One list in a ``PriceExplanation`` and what became of it.
public struct PriceListConsideration: Hashable, Sendable, CustomStringConvertible {
    /// The list.
    public var list: PriceListID
    /// Its mode.
    public var mode: PriceListMode
    /// Its priority.
    public var priority: Int
    /// Whether and why it applied or not.
    public var outcome: Outcome

    /// Creates a consideration.
    public init(list: PriceListID, mode: PriceListMode, priority: Int, outcome: Outcome) {
        self.list = list
        self.mode = mode
        self.priority = priority
        self.outcome = outcome
    }

    /// What became of a list, in the order the rules check: status, window, currency,
    /// audience, entries, then the competition between lists.
    public enum Outcome: Hashable, Sendable {
        /// The list is a draft.
        case draft
        /// The list starts later (`validFrom` is after the instant).
        case notYetValid(from: Date)
        /// The list has ended (`validTo` is at or before the instant).
        case expired(at: Date)
        /// The list is in another currency than the request.
        case otherCurrency(Currency)
        /// The list needs a logged-in customer; the visitor is anonymous.
        case anonymousVisitor
        /// The customer is not in the list's audience.
        case notInAudience
        /// No entry matches the product at this quantity.
        case noMatchingEntry
        /// The list set the unit price with this entry.
        case won(entry: PriceEntryID, price: Money)
        /// The override list set the reference price, and a sale list then went below it.
        case setReference(entry: PriceEntryID, price: Money)
        /// The list had a price but lost to another list.
        case lost(entry: PriceEntryID, price: Money, to: PriceListID, because: LossReason)
        /// The sale list's price was not below the reference price.
        case notBelowReference(entry: PriceEntryID, price: Money, reference: Money)
    }

    /// Why a list with a price lost to another.
    public enum LossReason: String, Hashable, Sendable {
        /// An override list with a higher priority set the reference.
        case lowerPriority
        /// The winner's price was lower (same priority for override lists).
        case higherPrice
        /// Same price; the winning sale list has a higher priority.
        case samePriceLowerPriority
        /// Same price and priority; the winner's id comes first.
        case laterListID
    }

    /// One line, such as `vip (sale, priority 10): won with entry all at 44.96 EUR`.
    public var description: String {
        let head = "\(list) (\(mode.rawValue), priority \(priority)): "
        switch outcome {
        case .draft: return head + "draft"
        case .notYetValid(let from): return head + "not valid until \(from)"
        case .expired(let at): return head + "expired at \(at)"
        case .otherCurrency(let currency): return head + "priced in \(currency)"
        case .anonymousVisitor: return head + "needs a logged-in customer"
        case .notInAudience: return head + "customer not in its audience"
        case .noMatchingEntry: return head + "no entry for this product at this quantity"
        case .won(let entry, let price): return head + "won with entry \(entry) at \(price)"
        case .setReference(let entry, let price):
            return head + "set the reference price \(price) with entry \(entry)"
        case .lost(let entry, let price, let to, let reason):
            let why = switch reason {
            case .lowerPriority: "lower priority"
            case .higherPrice: "higher price"
            case .samePriceLowerPriority: "same price, lower priority"
            case .laterListID: "same price and priority, later list id"
            }
            return head + "entry \(entry) at \(price) lost to \(to) (\(why))"
        case .notBelowReference(let entry, let price, let reference):
            return head + "entry \(entry) at \(price) is not below the reference \(reference)"
        }
    }
}
