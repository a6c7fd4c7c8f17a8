/// Customer IDs in ascending order, kept in chunks of at most ``chunkCapacity`` so that
/// adding one moves the IDs of one chunk (and the short list of chunks), not every ID:
/// the order a module's journaled state pages its customers in (Consent's ledgers,
/// Profiling's profiles), derived from the state and never stored.
///
/// Invariants: no chunk is empty; the chunks, read in order, are strictly ascending.
package struct SortedCustomerIDs: Sendable {
    /// The most IDs a chunk holds before it splits in two.
    package static let chunkCapacity = 512

    private var chunks: [[CustomerID]] = []

    /// How many IDs there are.
    package private(set) var count = 0

    /// No IDs.
    package init() {}

    /// `ids` (distinct) sorted, in half-full chunks.
    package init(sorting ids: [CustomerID]) {
        let sorted = ids.sorted()
        let size = Self.chunkCapacity / 2
        chunks = stride(from: 0, to: sorted.count, by: size).map { Array(sorted[$0..<min(sorted.count, $0 + size)]) }
        count = sorted.count
    }

    /// Adds an ID that is not in the list yet.
    ///
    /// - Complexity: O(log n + chunkCapacity + n / chunkCapacity).
    package mutating func insert(_ id: CustomerID) {
        guard !chunks.isEmpty else {
            chunks = [[id]]
            count = 1
            return
        }
        // The first chunk whose last ID is above `id`, else the last chunk.
        var chunk = Self.firstIndex(in: chunks.count) { Self.last(of: chunks[$0]) > id }
        chunk = min(chunk, chunks.count - 1)
        let position = Self.firstIndex(in: chunks[chunk].count) { chunks[chunk][$0] > id }
        chunks[chunk].insert(id, at: position)
        count += 1
        if chunks[chunk].count > Self.chunkCapacity {
            let half = chunks[chunk].count / 2
            let upper = Array(chunks[chunk][half...])
            chunks[chunk].removeSubrange(half...)
            chunks.insert(upper, at: chunk + 1)
        }
    }

    /// Removes an ID; does nothing when it is not in the list. A chunk left empty goes, so
    /// the invariants hold.
    ///
    /// - Complexity: O(log n + chunkCapacity + n / chunkCapacity).
    package mutating func remove(_ id: CustomerID) {
        let chunk = Self.firstIndex(in: chunks.count) { Self.last(of: chunks[$0]) >= id }
        guard chunk < chunks.count else { return }
        let position = Self.firstIndex(in: chunks[chunk].count) { chunks[chunk][$0] >= id }
        guard position < chunks[chunk].count, chunks[chunk][position] == id else { return }
        chunks[chunk].remove(at: position)
        count -= 1
        if chunks[chunk].isEmpty { chunks.remove(at: chunk) }
    }

    /// True when `id` is in the list.
    ///
    /// - Complexity: O(log n).
    package func contains(_ id: CustomerID) -> Bool {
        let chunk = Self.firstIndex(in: chunks.count) { Self.last(of: chunks[$0]) >= id }
        guard chunk < chunks.count else { return false }
        let position = Self.firstIndex(in: chunks[chunk].count) { chunks[chunk][$0] >= id }
        return position < chunks[chunk].count && chunks[chunk][position] == id
    }

    /// At most `limit` IDs strictly after `after` (from the start when `nil`), ascending.
    ///
    /// - Complexity: O(log n + limit).
    package func page(after: CustomerID?, limit: Int) -> [CustomerID] {
        guard limit > 0, !chunks.isEmpty else { return [] }
        var chunk = 0
        var position = 0
        if let after {
            chunk = Self.firstIndex(in: chunks.count) { Self.last(of: chunks[$0]) > after }
            guard chunk < chunks.count else { return [] }
            position = Self.firstIndex(in: chunks[chunk].count) { chunks[chunk][$0] > after }
        }
        var page: [CustomerID] = []
        while chunk < chunks.count, page.count < limit {
            let ids = chunks[chunk]
            let end = limit - page.count >= ids.count - position ? ids.count : position + (limit - page.count)
            page += ids[position..<end]
            chunk += 1
            position = 0
        }
        return page
    }

    /// The smallest index in `0..<count` for which `isAbove` holds (it holds for a suffix), or `count`.
    private static func firstIndex(in count: Int, where isAbove: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAbove(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func last(of chunk: [CustomerID]) -> CustomerID {
        chunk[chunk.count - 1]
    }
}
