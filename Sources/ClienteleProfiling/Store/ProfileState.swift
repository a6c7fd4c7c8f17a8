import Foundation

/// Everything the reference profile store holds, as a journaled value: the profiles, plus
/// the customers in id order for paging (derived, rebuilt when a snapshot is read, never
/// stored). `apply` enforces the revisions itself, so the in-memory and the file-backed
/// store cannot differ.
public struct ProfileState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Store a profile whose stored revision is `expectedRevision` (0: none); its own
        /// revision must be one more.
        case save(CustomerProfile, expectedRevision: Int)
        /// Remove a profile (an erasure); nothing to remove is no error.
        case erase(customer: CustomerID)
    }

    /// The profiles by customer.
    public private(set) var profiles: [CustomerID: CustomerProfile] = [:]
    /// The customers with a profile, ascending (derived from `profiles`).
    private var customerOrder = SortedCustomerIDs()

    /// An empty state.
    public init() {}

    /// Applies a change, or throws ``ProfilingErrorCode/conflict`` and changes nothing.
    public mutating func apply(_ change: Change) throws {
        try applyTyped(change)
    }

    mutating func applyTyped(_ change: Change) throws(ProfilingError) {
        switch change {
        case .save(let profile, let expected):
            let customer = profile.customer
            let stored = profiles[customer]?.revision ?? 0
            guard stored == expected, profile.revision == expected + 1 else {
                throw ProfilingError(
                    .conflict, "The profile changed since it was read (stored revision \(stored), expected \(expected)); read it again and retry.",
                    context: ErrorContext(field: "revision", item: customer.rawValue))
            }
            // Held for the life of the process: without the room its arrays grew into.
            if profiles.updateValue(profile.fitted(), forKey: customer) == nil { customerOrder.insert(customer) }
        case .erase(let customer):
            if profiles.removeValue(forKey: customer) != nil { customerOrder.remove(customer) }
        }
    }

    /// Customers with a profile, ascending, strictly after `after`, at most `limit`.
    ///
    /// - Complexity: O(log n + limit).
    public func customers(after: CustomerID?, limit: Int) -> [CustomerID] {
        customerOrder.page(after: after, limit: limit)
    }

    // MARK: Codable: the profiles in id order; the customer order is rebuilt.

    private enum CodingKeys: String, CodingKey { case profiles }

    /// Decodes a snapshot and rebuilds the customer order.
    ///
    /// - Throws: `DecodingError` when two profiles share a customer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try container.decode([CustomerProfile].self, forKey: .profiles)
        profiles.reserveCapacity(stored.count)
        for profile in stored {
            guard profiles.updateValue(profile, forKey: profile.customer) == nil else {
                throw DecodingError.dataCorruptedError(forKey: .profiles, in: container, debugDescription: "Two profiles of one customer in the snapshot.")
            }
        }
        customerOrder = SortedCustomerIDs(sorting: Array(profiles.keys))
    }

    /// Encodes the profiles in customer id order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customerOrder.page(after: nil, limit: Int.max).compactMap { profiles[$0] }, forKey: .profiles)
    }
}
