import Foundation

/// How ``CustomerHub/importCustomers(from:options:progress:)`` imports.
public struct CustomerImportOptions: Sendable {
    /// Rows written per batch: each store makes a batch durable with one sync. 1–100,000.
    public var batchSize: Int
    /// The purpose the `newsletter` column records consent to; `nil` for the hub's
    /// ``CustomerHubConfiguration/triggerPurpose``. It must cover the e-mail channel.
    public var newsletterPurpose: PurposeID?
    /// The collection point written into every imported record: the consent records'
    /// `source` and evidence form id, and the profile values' provenance collection point.
    public var source: String
    /// Whether to reload every customer's segmentation facts at the end (as ``CustomerHub/start()``
    /// does), so that segments include the imported customers at once. Leave it on unless
    /// the hub is started afterwards anyway.
    public var refreshFacts: Bool

    /// Options; the defaults suit an import of any size. The import checks them before it
    /// reads the file (``ImportErrorCode/invalidOptions``).
    public init(batchSize: Int = 10_000, newsletterPurpose: PurposeID? = nil, source: String = "import", refreshFacts: Bool = true) {
        self.batchSize = batchSize
        self.newsletterPurpose = newsletterPurpose
        self.source = source
        self.refreshFacts = refreshFacts
    }

    /// Checks the ranges.
    ///
    /// - Throws: ``ImportErrorCode/invalidOptions`` naming the field.
    func check() throws(ImportError) {
        guard (1...100_000).contains(batchSize) else {
            throw ImportError(.invalidOptions, "The batch size must be 1–100,000 rows.", context: ErrorContext(field: "batchSize"))
        }
        guard !source.isEmpty, source.utf8.count <= 200 else {
            throw ImportError(.invalidOptions, "The source must be 1–200 bytes.", context: ErrorContext(field: "source"))
        }
    }
}

/// How far an import is, reported after every batch: what a command prints as its
/// progress line (count, rate, estimated time left).
public struct CustomerImportProgress: Sendable {
    /// Rows read so far (the header not counted).
    public var rows: Int
    /// Rows imported so far.
    public var imported: Int
    /// Rows found already present so far.
    public var alreadyPresent: Int
    /// Rows rejected so far.
    public var rejected: Int
    /// Bytes of the file read so far.
    public var bytesRead: Int
    /// The file's size, when known.
    public var totalBytes: Int?
    /// Time since the import started (a monotonic clock).
    public var elapsed: Duration

    /// Rows per second so far; 0 before any time has passed.
    public var rowsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(rows) / seconds : 0
    }

    /// The estimated time left, from the bytes still to read at the rate so far; `nil`
    /// when the size is unknown or nothing has been read yet.
    public var estimatedRemaining: Duration? {
        guard let totalBytes, bytesRead > 0 else { return nil }
        let remaining = Double(max(0, totalBytes - bytesRead)) / Double(bytesRead)
        return elapsed * remaining
    }
}

/// A row an import did not import, with why.
public struct CustomerImportRejection: Sendable, CustomStringConvertible {
    /// The row's line number in the file (the header is line 1).
    public var line: Int
    /// Why: the error's context names the column (``ErrorContext/field``).
    public var error: ImportError

    /// `line 7: import.invalidField: …`; no value of the row.
    public var description: String { "line \(line): \(error)" }
}

/// What an import did.
public struct CustomerImportSummary: Sendable {
    /// Rows read (the header not counted).
    public var rows: Int
    /// Rows imported now (including rows an interrupted earlier run had begun and this run completed).
    public var imported: Int
    /// Rows whose customer was already imported completely (a repeated import), or that
    /// repeat an earlier row of the file.
    public var alreadyPresent: Int
    /// Rows not imported, in file order, with their line numbers.
    public var rejected: [CustomerImportRejection]
}
