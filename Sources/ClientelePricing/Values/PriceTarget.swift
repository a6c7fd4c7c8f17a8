/// What a price-list entry applies to: one product, every product in a category, or all.
///
/// When several entries of one list match, the most specific target wins:
/// product, then category, then all products.
public enum PriceTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One product.
    case product(ProductID)
    /// Every product that lists this category among its categories.
    case category(CategoryID)
    /// Every product.
    case allProducts

    /// How specific the target is: 3 for a product, 2 for a category, 1 for all products.
    public var specificity: Int {
        switch self {
        case .product: 3
        case .category: 2
        case .allProducts: 1
        }
    }

    /// `product P1`, `category shoes` or `all products`.
    public var description: String {
        switch self {
        case .product(let id): "product \(id)"
        case .category(let id): "category \(id)"
        case .allProducts: "all products"
        }
    }
}
