public import ClienteleCore

extension ConformanceSuite {
    /// Customer ids whose byte order differs from a case-insensitive collation's: digits,
    /// then upper case, then `_`, then lower case. Paging checks store them out of order.
    public static var pagingNames: [String] { ["b", "B", "a-2", "A_1", "Zed", "zed", "0", "c", "Ca", "_x"] }

    /// Requires a cursor listing to show exactly `expected` in byte order of the id: page
    /// by page for pages of 1, 3 and 4 (no page larger than asked, no repeats, no gaps), all
    /// at once for a limit of `Int.max`, from `cursor` (an id not in the listing) on, and
    /// nothing after the last id.
    ///
    /// - Parameters:
    ///   - expected: The ids the listing holds, in any order.
    ///   - cursor: An id that is not in the listing, to start a page after.
    ///   - check: The check being run.
    ///   - page: The listing: the ids strictly after the cursor, at most `limit`.
    public func requireByteOrderPaging(
        of expected: [CustomerID], after cursor: CustomerID, _ check: Check,
        page: (_ after: CustomerID?, _ limit: Int) async throws -> [CustomerID]
    ) async throws {
        let sorted = expected.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        for size in [1, 3, 4] {
            var listed: [CustomerID] = []
            var after: CustomerID?
            while true {
                let ids = try await page(after, size)
                try require(ids.count <= size, check, expected: "pages of at most \(size)", actual: "a page of \(ids.count)")
                listed += ids
                guard let last = ids.last, ids.count == size, listed.count <= sorted.count else { break }
                after = last
            }
            try require(listed == sorted, check, expected: "pages of \(size): \(sorted.map(\.rawValue))", actual: "\(listed.map(\.rawValue))")
        }
        let all = try await page(nil, Int.max)
        try require(all == sorted, check, expected: "a limit of Int.max to list all \(sorted.count)", actual: "\(all.map(\.rawValue))")
        let fromCursor = try await page(cursor, 2)
        let expectedPage = Array(sorted.filter { cursor.rawValue.utf8.lexicographicallyPrecedes($0.rawValue.utf8) }.prefix(2))
        try require(
            fromCursor == expectedPage, check, expected: "after an id that is not listed: \(expectedPage.map(\.rawValue))",
            actual: "\(fromCursor.map(\.rawValue))")
        let afterLast = try await page(sorted.last, 5)
        try require(afterLast.isEmpty, check, expected: "an empty page after the last id", actual: "\(afterLast.map(\.rawValue))")
    }
}
