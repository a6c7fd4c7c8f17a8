/// Where segment definitions, their members and the fired trigger keys live: the adapter
/// seam of ``ClienteleSegmentation`` that a host implements with its own database.
///
/// Customer facts are not stored here: they are derived from the other modules (or the
/// host's own data) and kept in memory by ``SegmentationService``. What is stored is what
/// must survive a restart so that nothing is reported twice: which segments exist, who was
/// last reported in each (so a restart reports only real entries and exits), and which
/// trigger moments have fired.
///
/// Contract (checked by `SegmentStoreConformance` in ClienteleTestKit):
/// - every call is atomic on its own; a failed call changes nothing;
/// - ``save(_:expectedRevision:)`` stores a definition only when the stored revision is
///   `expectedRevision` (0: none stored yet), at `expectedRevision + 1`; otherwise
///   ``SegmentationErrorCode/conflict``. Of concurrent saves from one revision exactly one
///   succeeds. Saving a new revision keeps the members;
/// - ``removeDefinition(named:expectedRevision:)`` removes the definition and its members
///   under the same rule;
/// - ``record(_:)`` applies a ``SegmentMembershipDelta`` only when the segment is stored at
///   the delta's revision, every entering customer is not a member and every exiting one
///   is; otherwise ``SegmentationErrorCode/conflict`` (``SegmentationErrorCode/unknownSegment``
///   when the segment is not defined). So of concurrent deltas reporting the same entry
///   exactly one succeeds;
/// - ``recordFired(_:of:)`` records trigger keys only when none of them is recorded yet for
///   the customer; otherwise ``SegmentationErrorCode/conflict``. Of concurrent calls
///   claiming one key exactly one succeeds: this is what makes a trigger fire once;
/// - listings page in byte order of the id; a `limit` below 1 throws
///   ``SegmentationErrorCode/invalidPageSize`` and there is no maximum;
/// - ``erase(customer:)`` removes the customer from every segment and forgets its fired
///   keys, repeatably.
///
/// Errors are ``SegmentationError``s.
public protocol SegmentStore: Sendable {
    /// Every stored definition, in name order (byte order).
    func definitions() async throws -> [SegmentDefinition]

    /// The definition named `name`, or `nil`.
    func definition(named name: String) async throws -> SegmentDefinition?

    /// Stores `definition` if the stored revision is `expectedRevision` (0: none stored
    /// yet); returns it as stored, at revision `expectedRevision + 1`. The members of an
    /// existing segment are kept (the service records the difference the new query makes).
    ///
    /// - Throws: ``SegmentationErrorCode/conflict`` when another revision is stored.
    func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition

    /// Removes the definition named `name`, stored at `expectedRevision`, with its members.
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment`` when none is stored;
    ///   ``SegmentationErrorCode/conflict`` when another revision is stored.
    func removeDefinition(named name: String, expectedRevision: Int) async throws

    /// Applies a membership change (see the contract above).
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment`` or ``SegmentationErrorCode/conflict``;
    ///   nothing is changed then.
    func record(_ delta: SegmentMembershipDelta) async throws

    /// Members of segment `segment`, ascending by id (byte order), strictly after `after`,
    /// at most `limit`.
    ///
    /// - Throws: ``SegmentationErrorCode/unknownSegment``; ``SegmentationErrorCode/invalidPageSize``
    ///   (field `limit`) when `limit` is below 1.
    func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID]

    /// The segments `customer` is stored as a member of, in name order.
    func segments(of customer: CustomerID) async throws -> [String]

    /// The trigger keys recorded as fired for `customer`.
    func firedKeys(of customer: CustomerID) async throws -> Set<String>

    /// Records `keys` as fired for `customer`, if none of them is recorded yet. An empty set
    /// succeeds and changes nothing.
    ///
    /// - Throws: ``SegmentationErrorCode/conflict`` when one is already recorded;
    ///   ``SegmentationErrorCode/invalidTriggerKey`` for an empty key or one longer than
    ///   ``SegmentStoreLimits/maximumTriggerKeyLength`` bytes.
    func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws

    /// Removes `customer` from every segment and forgets its fired keys, atomically.
    /// Erasing an unknown or already erased customer succeeds and changes nothing.
    ///
    /// A store that keeps history (a journal, a write-ahead log, row versions) must not keep
    /// the erased customer readable there either (see Docs/StoreAdapters.md).
    func erase(customer: CustomerID) async throws
}
