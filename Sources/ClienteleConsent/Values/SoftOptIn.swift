public import Foundation

/// The terms of a soft opt-in: the order that created it, the product categories it
/// covers (the shop's own similar products), and when it ends.
public struct SoftOptIn: Hashable, Sendable, Codable {
    /// The host's reference of the order in which the customer was offered the opt-out.
    public var orderReference: String
    /// The product categories bought; messages must be about similar products.
    public var productCategories: [String]
    /// When the soft opt-in ends on its own; `nil` for no fixed end.
    public var expiresAt: Date?

    /// Creates soft opt-in terms. Categories are kept sorted and without duplicates.
    public init(orderReference: String, productCategories: Set<String>, expiresAt: Date? = nil) {
        self.orderReference = orderReference
        self.productCategories = productCategories.sorted()
        self.expiresAt = expiresAt.map(StoredInstant.normalized)
    }

    /// True when the soft opt-in still holds at `instant`.
    public func isInForce(at instant: Date) -> Bool {
        guard let expiresAt else { return true }
        return instant < expiresAt
    }

    /// True when a message about `categories` is about similar products (shares a category).
    /// An empty set means the host did not say, which does not match.
    public func covers(_ categories: Set<String>) -> Bool {
        productCategories.contains { categories.contains($0) }
    }
}
