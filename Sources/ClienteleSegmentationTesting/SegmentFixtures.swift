public import ClienteleSegmentation
import ClienteleTestKitCore
public import Foundation

/// Builders for segment definitions, membership changes and trigger keys, for store
/// conformance checks and host tests.
///
/// Everything is deterministic: instants derive from the numbers given, and time starts at
/// ``start`` (the ``ManualClock`` default).
///
/// ```swift
/// let vip = try SegmentFixtures.definition("vip")
/// let stored = try await store.save(vip, expectedRevision: 0)
/// try await store.record(SegmentFixtures.delta(stored, entered: [SegmentFixtures.customerID("alice")]))
/// ```
public enum SegmentFixtures {
    /// The instant fixtures count from: ``ManualClock/defaultStart``.
    public static let start = ManualClock.defaultStart

    /// A customer identifier with the given text; `name` must be a valid identifier
    /// (fixtures are written by hand), otherwise a generated one is returned.
    public static func customerID(_ name: String) -> CustomerID {
        CustomerID(rawValue: name) ?? CustomerID(using: .incrementing())
    }

    /// An instant `milliseconds` after ``start``, at the stored precision (``StoredInstant``):
    /// definitions use sub-second parts such as `instant(123)`, so that an adapter that keeps
    /// whole seconds fails.
    public static func instant(_ milliseconds: Int64) -> Date {
        StoredInstant.date(milliseconds: StoredInstant.milliseconds(start) + milliseconds)
    }

    /// A plain query, in canonical text.
    public static let plainQuery = "groups CONTAINS 'vip' AND last_order_date < -1y"

    /// A long query (over 4,000 bytes of UTF-8) with non-ASCII literals (accented letters,
    /// CJK, a flag, a family emoji) and quotes: a column limited to a few thousand bytes, or
    /// one that does not keep UTF-8, changes it.
    public static let richQuery: String = {
        let literals = ["Zoë", "日本", "🇳🇱", "Straße", "l''Église", "👩‍👩‍👧", "Ωmega", "naïve"]
        var clauses: [String] = []
        var index = 0
        while clauses.joined(separator: " OR ").utf8.count < 4_200 {
            clauses.append("(city = '\(literals[index % literals.count]) \(index)' AND number_of_orders >= \(index))")
            index += 1
        }
        return clauses.joined(separator: " OR ")
    }()

    /// A definition named `name` with `query`, updated `milliseconds` after ``start``, at
    /// revision 0 (the store sets the revision).
    ///
    /// - Throws: ``SegmentationErrorCode/invalidSegmentName`` for a name that is not 1–64
    ///   characters from `[a-z0-9_.-]`.
    public static func definition(_ name: String, query: String = plainQuery, at milliseconds: Int64 = 0) throws(SegmentationError)
        -> SegmentDefinition
    {
        try SegmentDefinition(name: name, query: query, updatedAt: instant(milliseconds))
    }

    /// A membership change of `definition`'s segment, computed for its revision.
    public static func delta(
        _ definition: SegmentDefinition, entered: [CustomerID] = [], exited: [CustomerID] = []
    ) -> SegmentMembershipDelta {
        SegmentMembershipDelta(segment: definition.name, definitionRevision: definition.revision, entered: entered, exited: exited)
    }

    /// A trigger key of exactly `bytes` bytes of UTF-8 (at least 2): `é`s (2 bytes each),
    /// with one `x` first when `bytes` is odd. ``SegmentStoreLimits/maximumTriggerKeyLength``
    /// bytes is accepted and one more refused; a store that counts characters, or UTF-16
    /// units, accepts the longer one.
    public static func triggerKey(bytes: Int) -> String {
        (bytes % 2 == 1 ? "x" : "") + String(repeating: "é", count: max(1, bytes / 2))
    }

    /// The fields in which `actual` differs from `expected` (`name`, `query`, `revision`,
    /// `updatedAt`), empty when they are equal.
    public static func differences(between expected: SegmentDefinition, and actual: SegmentDefinition) -> [String] {
        [
            ("name", expected.name != actual.name), ("query", expected.query != actual.query),
            ("revision", expected.revision != actual.revision), ("updatedAt", expected.updatedAt != actual.updatedAt),
        ].filter(\.1).map(\.0)
    }

    /// `names` in byte order of their UTF-8: the order of every listing of the store.
    public static func byteOrdered(_ names: [String]) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `ids` in byte order of their text: the order of member listings.
    public static func byteOrdered(_ ids: [CustomerID]) -> [CustomerID] {
        ids.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
    }
}
