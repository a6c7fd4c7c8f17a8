import Foundation

/// Everything the reference profile store holds, as a journaled value: the profiles, each
/// packed into one byte array (a few hundred bytes for five fields with their history,
/// against some 1,400 as a ``CustomerProfile``), plus the customers in id order for paging
/// (derived, rebuilt when a snapshot is read, never stored). `apply` enforces the
/// revisions itself, so the in-memory and the file-backed store cannot differ.
public struct ProfileState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Store a profile whose stored revision is `expectedRevision` (0: none); its own
        /// revision must be one more.
        case save(CustomerProfile, expectedRevision: Int)
        /// Remove a profile (an erasure); nothing to remove is no error.
        case erase(customer: CustomerID)
    }

    /// The profiles by customer, packed, in customer order.
    private var profiles = SortedCustomerMap<PackedProfile>()

    /// An empty state.
    public init() {}

    /// How many customers have a profile.
    public var count: Int { profiles.count }

    /// The profile of `customer`, or `nil` when there is none.
    ///
    /// - Complexity: O(size of the profile): it is unpacked from the bytes the state holds.
    /// - Throws: ClienteleCore's `storeCorrupted` when the stored bytes do not unpack,
    ///   which only a damaged snapshot that still passed its checksum could cause.
    public func profile(of customer: CustomerID) throws(CoreError) -> CustomerProfile? {
        try packedProfile(of: customer)?.unpacked(of: customer)
    }

    /// The packed profile of `customer`: what a store takes under its lock (a reference to
    /// the bytes) so that it unpacks after releasing the lock.
    func packedProfile(of customer: CustomerID) -> PackedProfile? { profiles[customer] }

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
            profiles.updateValue(PackedProfile(profile), forKey: customer)
        case .erase(let customer):
            profiles.removeValue(forKey: customer)
        }
    }

    /// Customers with a profile, ascending, strictly after `after`, at most `limit`.
    ///
    /// - Complexity: O(log n + limit).
    public func customers(after: CustomerID?, limit: Int) -> [CustomerID] {
        profiles.page(after: after, limit: limit)
    }

    // MARK: Codable: the packed profiles in id order.

    // `packed`: one byte string, for each profile in customer order its revision (zig-zag
    // varint), its byte count (varint) and its packed bytes. `profiles`: the snapshots
    // written before profiles were packed (an array of records), still read.
    private enum CodingKeys: String, CodingKey { case packed, profiles }

    /// Decodes a snapshot.
    ///
    /// - Throws: `DecodingError` when two profiles share a customer or a packed profile
    ///   does not start with its format and customer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.packed) {
            try container.decode([UInt8].self, forKey: .packed).withUnsafeBytes { try loadPacked($0) }
        } else {
            try loadProfiles(try container.decode([CustomerProfile].self, forKey: .profiles))
        }
    }

    /// A snapshot's packed profiles (`packed`), in customer order (checked): laid out at
    /// once.
    private mutating func loadPacked(_ raw: UnsafeRawBufferPointer) throws {
        var reader = PackedReader(raw)
        var customers: [CustomerID] = []
        var packed: [PackedProfile] = []
        do {
            while !reader.isAtEnd {
                let revision = try reader.signed()
                let profile = try reader.raw(count: try reader.count(atMost: raw.count))
                let customer = try PackedProfile.customer(in: profile)
                guard customers.last.map({ $0 < customer }) ?? true else { throw Self.twoProfiles }
                customers.append(customer)
                packed.append(PackedProfile(bytes: Array(profile), revision: revision))
            }
        } catch let error as PackedReader.Malformed {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [CodingKeys.packed], debugDescription: "\(error)"))
        }
        profiles = SortedCustomerMap(ascending: customers, values: packed)
    }

    private static let twoProfiles = DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: [CodingKeys.packed], debugDescription: "Two profiles of one customer, or customers out of order, in the snapshot."))

    /// A snapshot's profiles from before they were packed (`profiles`).
    private mutating func loadProfiles(_ stored: [CustomerProfile]) throws {
        for profile in stored { try insert(PackedProfile(profile), for: profile.customer) }
    }

    private mutating func insert(_ stored: PackedProfile, for customer: CustomerID) throws {
        guard profiles.updateValue(stored, forKey: customer) == nil else { throw Self.twoProfiles }
    }

    /// Encodes the packed profiles in customer id order.
    public func encode(to encoder: any Encoder) throws {
        var writer = PackedWriter(capacity: profiles.count * 256)
        profiles.forEach { _, stored in
            writer.signed(stored.revision)
            writer.count(stored.bytes.count)
            writer.raw(stored.bytes)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(writer.bytes, forKey: .packed)
    }
}

extension ProfileState: RecordDecodable {
    /// Decodes a snapshot as ``init(from:)-(Decoder)`` does, reading the packed profiles where
    /// the snapshot lies rather than copying them out first (a store's decoder takes this).
    public init(from reader: inout RecordReader) throws {
        self.init()
        if reader.contains(CodingKeys.packed.stringValue) {
            try reader.withBytes(forKey: CodingKeys.packed.stringValue) { try loadPacked($0) }
        } else {
            try loadProfiles(try reader.decode([CustomerProfile].self, forKey: CodingKeys.profiles.stringValue))
        }
    }
}
