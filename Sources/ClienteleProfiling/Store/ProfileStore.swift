/// Where profiles live: the adapter seam of ``ClienteleProfiling`` that a host implements
/// with its own database.
///
/// One ``CustomerProfile`` per customer, written and read as a whole, under optimistic
/// concurrency. Contract (checked by `ProfileStoreConformance` in ClienteleTestKit):
/// - every call is atomic on its own; a failed call changes nothing;
/// - ``save(_:expectedRevision:)`` stores the profile only when the stored revision is
///   `expectedRevision` (0: no profile stored yet) and stores it at `expectedRevision + 1`;
///   otherwise ``ProfilingErrorCode/conflict``. Of concurrent saves from one revision
///   exactly one succeeds;
/// - a profile reads back equal in every field: values with their provenance (instants at
///   whole milliseconds, ``StoredInstant``), history in order, declines, prompts;
/// - ``customers(after:limit:)`` pages in byte order of the id; a `limit` below 1 throws
///   ``ProfilingErrorCode/invalidPageSize`` and there is no maximum;
/// - ``erase(customer:)`` removes the profile whole and repeatably.
///
/// Errors are ``ProfilingError``s.
public protocol ProfileStore: Sendable {
    /// The customer's profile, or `nil` when none is stored.
    func profile(of customer: CustomerID) async throws -> CustomerProfile?

    /// Stores `profile` if the stored revision is `expectedRevision` (0: none stored yet);
    /// returns it as stored, at revision `expectedRevision + 1`.
    ///
    /// - Throws: ``ProfilingErrorCode/conflict`` when another revision is stored (or one is
    ///   stored when 0 was expected, or none when more was).
    func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile
    /// Saves many profiles, each on its own as `save(profile, expectedRevision: profile.revision)`
    /// would, for bulk work (an import). A store that can should make them durable together
    /// (one transaction, one sync), but a profile that cannot be saved must not keep the
    /// others out.
    ///
    /// The default implementation calls ``save(_:expectedRevision:)`` once per profile, in order.
    ///
    /// - Returns: One result per profile, in order: the profile as stored, or the error
    ///   ``save(_:expectedRevision:)`` would have thrown for it.
    /// - Throws: Only when none of the profiles was saved (the store is unreachable).
    func save(contentsOf profiles: [CustomerProfile]) async throws -> [Result<CustomerProfile, any Error>]

    /// Customers with a stored profile, ascending by id (byte order), strictly after `after`
    /// (from the start when `nil`), at most `limit` of them.
    ///
    /// - Throws: ``ProfilingErrorCode/invalidPageSize`` (field `limit`) when `limit` is below 1.
    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID]

    /// Erases a customer's profile, atomically: values, history, declines and prompts.
    /// Afterwards ``profile(of:)`` is `nil`, the customer is not listed, and a new profile
    /// for the id is saved from revision 0. Erasing an unknown or already erased customer
    /// succeeds and changes nothing.
    ///
    /// A store that keeps history (a journal, a write-ahead log, row versions) must not keep
    /// the erased values readable there either (see Docs/StoreAdapters.md).
    func erase(customer: CustomerID) async throws
}

extension ProfileStore {
    /// Saves the profiles one by one with ``save(_:expectedRevision:)`` (each at its own
    /// ``CustomerProfile/revision``), in order: one result per profile.
    public func save(contentsOf profiles: [CustomerProfile]) async throws -> [Result<CustomerProfile, any Error>] {
        await resultsOneByOne(profiles) { try await save($0, expectedRevision: $0.revision) }
    }
}
