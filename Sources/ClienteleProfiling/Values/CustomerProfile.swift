public import Foundation

/// Everything the shop knows about one customer's profile: the known values with their
/// provenance, a bounded change history, the declined fields, the recent prompts (for the
/// prompt cap) and the revision the store uses for optimistic concurrency.
///
/// A plain value: the store keeps it, the rules read it, the changes in
/// `CustomerProfile+Changes.swift` return a changed copy. Values, declines and prompts
/// are kept sorted (entries and declines by field key, prompts by instant), so lookups
/// are binary searches and the stored bytes do not depend on the order of changes.
public struct CustomerProfile: Sendable, Hashable, Codable {
    /// The customer the profile belongs to.
    public let customer: CustomerID
    /// The known values, one per field, sorted by field key.
    public internal(set) var entries: [ProfileEntry]
    /// The change history, oldest first, at most the configuration's `historyLimit` long.
    public internal(set) var history: [ProfileChange]
    /// The declined fields with the last decline's instant, sorted by field key.
    public internal(set) var declines: [FieldDecline]
    /// The instants of recent prompts that count towards the prompt cap, oldest first.
    public internal(set) var prompts: [Date]
    /// The store's revision of the profile: 0 for a profile never stored, raised by the
    /// store on each write. A write carrying a stale revision fails with
    /// ``ProfilingErrorCode/conflict``.
    public var revision: Int

    /// Creates a profile, sorting entries and declines by field key (a later entry for the
    /// same field replaces an earlier one) and prompts by instant.
    public init(
        customer: CustomerID, entries: [ProfileEntry] = [], history: [ProfileChange] = [],
        declines: [FieldDecline] = [], prompts: [Date] = [], revision: Int = 0
    ) {
        self.customer = customer
        self.entries = Self.sortedUnique(entries)
        self.history = history
        self.declines = Self.sortedUnique(declines)
        self.prompts = prompts.sorted()
        self.revision = revision
    }

    /// A profile whose entries and declines are already sorted by field key without
    /// repeats and whose prompts are sorted (a store's packed profile, checked by
    /// ``isSorted``): taken as they are, without sorting them again.
    init(customer: CustomerID, sorted entries: [ProfileEntry], history: [ProfileChange], declines: [FieldDecline], prompts: [Date], revision: Int) {
        self.customer = customer
        self.entries = entries
        self.history = history
        self.declines = declines
        self.prompts = prompts
        self.revision = revision
    }

    /// True when entries and declines are strictly ascending by field key and prompts ascending.
    var isSorted: Bool {
        entries.indices.dropFirst().allSatisfy { entries[$0 - 1].field < entries[$0].field }
            && declines.indices.dropFirst().allSatisfy { declines[$0 - 1].field < declines[$0].field }
            && prompts.indices.dropFirst().allSatisfy { prompts[$0 - 1] <= prompts[$0] }
    }

    private enum CodingKeys: String, CodingKey {
        case customer, entries, history, declines, prompts, revision
    }

    /// Decodes a profile, restoring the sort order if the stored one was altered.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            customer: try container.decode(CustomerID.self, forKey: .customer),
            entries: try container.decode([ProfileEntry].self, forKey: .entries),
            history: try container.decode([ProfileChange].self, forKey: .history),
            declines: try container.decode([FieldDecline].self, forKey: .declines),
            prompts: try container.decode([Date].self, forKey: .prompts),
            revision: try container.decode(Int.self, forKey: .revision))
    }

    /// The stored entry of `field`, or `nil` when the value is not known.
    ///
    /// - Complexity: O(log n) in the number of known values, without allocating.
    public func entry(for field: FieldKey) -> ProfileEntry? {
        Self.index(of: field, in: entries).map { entries[$0] }
    }

    /// The value of `field`, or `nil` when it is not known.
    ///
    /// - Complexity: O(log n), without allocating.
    public func value(for field: FieldKey) -> ProfileValue? {
        entry(for: field)?.value
    }

    /// When `field` was last declined, or `nil` when it never was (or has been answered since).
    ///
    /// - Complexity: O(log n), without allocating.
    public func declinedAt(_ field: FieldKey) -> Date? {
        Self.index(of: field, in: declines).map { declines[$0].at }
    }

    /// True when `field` has a value.
    ///
    /// - Complexity: O(log n), without allocating or copying an entry.
    func hasValue(for field: FieldKey) -> Bool {
        Self.index(of: field, in: entries) != nil
    }

    static func sortedUnique<Element: FieldKeyed>(_ elements: [Element]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        // Stable sort, then keep the last of each run of equal keys.
        let sorted = elements.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.field, rhs.element.field)
            return a != b ? a < b : lhs.offset < rhs.offset
        }
        for (_, element) in sorted {
            if let last = result.last, last.field == element.field {
                result[result.count - 1] = element
            } else {
                result.append(element)
            }
        }
        return result
    }

    /// Binary search for `field` in `elements` sorted by field: the index, or `nil`.
    static func index<Element: FieldKeyed>(of field: FieldKey, in elements: [Element]) -> Int? {
        let position = insertionPoint(of: field, in: elements)
        return position < elements.count && elements[position].field == field ? position : nil
    }

    /// The first index whose field is not below `field`.
    static func insertionPoint<Element: FieldKeyed>(of field: FieldKey, in elements: [Element]) -> Int {
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if elements[middle].field < field { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A stored element kept sorted by its field key (entries, declines).
protocol FieldKeyed {
    var field: FieldKey { get }
}

extension ProfileEntry: FieldKeyed {}
extension FieldDecline: FieldKeyed {}
