/// Whether a price list takes part in resolution.
public enum PriceListStatus: String, Hashable, Sendable, Codable {
    /// The list applies (inside its validity window).
    case active
    /// The list is being prepared and never applies.
    case draft
}
