public import Foundation

extension CustomerHub {
    /// Imports customers from a CSV file in the peers' schema (`Docs/Import.md`): each row a
    /// guest with its group, its order totals and dates, last visit and country
    /// (``ImportedHistory``), its birth date in the profile
    /// (``CustomerHubConfiguration/birthDateField``, provenance `import`) and its newsletter
    /// consent as a ledger record (actor and source `import`).
    ///
    /// The file is read in chunks and written in batches of ``CustomerImportOptions/batchSize``
    /// rows, each store making a batch durable with one sync. A row is checked whole before
    /// anything of it is written: an invalid row is rejected with its line number and
    /// column and nothing of it is stored; the other rows are imported.
    ///
    /// **Safe to repeat.** Rows are keyed by the customer id: a customer already imported is
    /// reported as present and left as it is (an import adds customers, it never updates
    /// them), so importing the same file again changes nothing. The account is written
    /// before its profile and consent; when a run stopped in between (a crash, a store
    /// failure), the next run finds the customer and writes what is missing.
    ///
    /// - Parameters:
    ///   - file: The CSV file.
    ///   - options: Batch size, newsletter purpose, source, whether to reload segment facts.
    ///   - progress: Called after every batch, for a progress line.
    /// - Returns: The counts and the rejected rows.
    /// - Throws: ``ImportErrorCode/unreadableFile``, ``ImportErrorCode/invalidHeader``,
    ///   ``ImportErrorCode/invalidOptions``, or ``ImportErrorCode/storeFailed`` when a store
    ///   failed (the rows before it are imported; run the import again).
    /// - Complexity: O(rows); one sync per batch and store.
    public func importCustomers(
        from file: URL, options: CustomerImportOptions = CustomerImportOptions(),
        progress: (@Sendable (CustomerImportProgress) -> Void)? = nil
    ) async throws -> CustomerImportSummary {
        let path = file.path
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw ImportError(.unreadableFile, "The CSV file cannot be opened.", context: ErrorContext(file: path), underlying: error)
        }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return try await importCustomers(
            file: path, totalBytes: size,
            nextChunk: {
                do {
                    return try handle.read(upToCount: 1 << 20)
                } catch {
                    throw ImportError(.unreadableFile, "The CSV file could not be read.", context: ErrorContext(file: path), underlying: error)
                }
            }, options: options, progress: progress)
    }

    /// Imports customers from CSV bytes in memory, as ``importCustomers(from:options:progress:)``
    /// imports a file.
    public func importCustomers(
        csv: Data, options: CustomerImportOptions = CustomerImportOptions(),
        progress: (@Sendable (CustomerImportProgress) -> Void)? = nil
    ) async throws -> CustomerImportSummary {
        var remaining: Data? = csv
        return try await importCustomers(
            file: nil, totalBytes: csv.count,
            nextChunk: {
                defer { remaining = nil }
                return remaining
            }, options: options, progress: progress)
    }
}
