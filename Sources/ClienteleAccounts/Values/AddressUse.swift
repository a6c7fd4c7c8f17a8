/// What an address is used for at checkout.
public enum AddressUse: String, Sendable, Codable, CodingKeyRepresentable, Hashable, CaseIterable {
    /// The invoice address.
    case billing
    /// The delivery address.
    case shipping
}
