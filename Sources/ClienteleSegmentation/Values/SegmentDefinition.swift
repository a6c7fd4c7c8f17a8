public import Foundation

/// A segment as a shop admin defined it: a name, the query text, and the revision under
/// which it is stored.
///
/// The text is stored as the admin's query printed back canonically (``SegmentQuery``'s
/// `description`), so two spellings of one query store the same text; it is compiled again
/// (``SegmentEvaluator``) whenever it is loaded, under the shop's current
/// ``SegmentSchema``.
public struct SegmentDefinition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The segment's name: 1–64 characters from `[a-z0-9_.-]`, such as `lapsed_vip`. Price
    /// lists and events name segments by it.
    public let name: String
    /// The query, in canonical text.
    public var query: String
    /// The stored revision: 1 for a new definition, one more for each save; set by the store.
    public var revision: Int
    /// When this revision was saved (whole milliseconds, ``StoredInstant``).
    public var updatedAt: Date

    /// Creates a definition.
    ///
    /// - Throws: ``SegmentationErrorCode/invalidSegmentName`` (field `name`) when the name is
    ///   not 1–64 characters from `[a-z0-9_.-]`.
    public init(name: String, query: String, revision: Int = 0, updatedAt: Date) throws(SegmentationError) {
        try Self.check(name: name)
        self.name = name
        self.query = query
        self.revision = revision
        self.updatedAt = StoredInstant.normalized(updatedAt)
    }

    /// Decodes a definition, checking the name again.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try container.decode(String.self, forKey: .name),
            query: try container.decode(String.self, forKey: .query),
            revision: try container.decode(Int.self, forKey: .revision),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt))
    }

    /// `lapsed_vip r3: groups CONTAINS 'vip' AND …`: a definition holds no personal data.
    public var description: String { "\(name) r\(revision): \(query)" }

    /// Throws unless `name` is a valid segment name.
    static func check(name: String) throws(SegmentationError) {
        guard SegmentSchema.isValidKey(name) else {
            throw SegmentationError(
                .invalidSegmentName, "A segment name must be 1-64 characters from a-z, 0-9, '_', '.', '-'.",
                context: ErrorContext(field: "name"))
        }
    }
}

/// One atomic change to the stored members of one segment: the customers who entered and
/// the customers who left, as computed against a definition revision.
///
/// A store applies it only when the segment is stored at ``definitionRevision``, every
/// customer in ``entered`` is not a member and every customer in ``exited`` is one; so a
/// change that applies is exactly what happened, and of two processes reporting the same
/// entry only one succeeds (the other gets ``SegmentationErrorCode/conflict``).
public struct SegmentMembershipDelta: Sendable, Hashable, Codable {
    /// The segment.
    public var segment: String
    /// The definition revision the change was computed for.
    public var definitionRevision: Int
    /// Customers who became members, ascending, without repeats.
    public internal(set) var entered: [CustomerID]
    /// Customers who stopped being members, ascending, without repeats.
    public internal(set) var exited: [CustomerID]

    /// Creates a change; the customers are sorted and repeats dropped.
    public init(segment: String, definitionRevision: Int, entered: some Sequence<CustomerID>, exited: some Sequence<CustomerID>) {
        self.segment = segment
        self.definitionRevision = definitionRevision
        self.entered = Set(entered).sorted()
        self.exited = Set(exited).sorted()
    }

    /// Whether the change enters and exits nobody.
    public var isEmpty: Bool { entered.isEmpty && exited.isEmpty }

    /// The change as ``MembershipChange``s: the exits, then the entries, each ascending.
    public var changes: [MembershipChange] {
        exited.map { MembershipChange(segment: segment, customer: $0, kind: .exited) }
            + entered.map { MembershipChange(segment: segment, customer: $0, kind: .entered) }
    }
}

/// Bounds of the segment store contract.
public enum SegmentStoreLimits {
    /// The longest trigger key a store must accept, in UTF-8 bytes.
    public static let maximumTriggerKeyLength = 200
}
