import Foundation

/// Every customer's segmentation facts as a clean ``CustomerHub/close()`` derived them,
/// kept in the hub folder's `facts.saved` until the next ``CustomerHub/open(at:configuration:clock:ids:events:hasher:)``,
/// which reads it while the stores open and deletes it before it returns the hub:
/// ``CustomerHub/start()`` then loads the fact table it holds instead of reading every
/// customer from the stores.
///
/// The file is used only when what the facts were derived from is unchanged:
/// - the accounts, consent and profile stores hold the same number of changes as at the
///   close (their journals' sequences, which every write moves and snapshots keep) and
///   opened without cutting anything off;
/// - the configuration that shapes facts has the same fingerprint (``fingerprint(of:)``);
/// - the clock is not before the close.
///
/// A customer whose facts time alone changes by the start (a pending consent's deadline, a
/// consent record dated after the close: ``DerivedFacts/validUntil``) is derived from the
/// stores again. A damaged file (its CRC-32C, or a table that does not read back checked)
/// or any other mismatch is ignored: `start()` derives every customer, as without the file.
///
/// Layout: the magic `CLFACTS` and a format byte; the configuration fingerprint (32 bytes);
/// the three stores' change counts and the close instant; the fact table's image
/// (`FactTable.writeImage(to:)`: every column whole, rows in customer order); the rows whose
/// facts time changes, each with its instant; the CRC-32C of everything before it (4 bytes).
struct SavedFacts: Sendable {
    /// The file's name in the hub folder.
    static let fileName = "facts.saved"
    /// The file's first bytes: `CLFACTS` and format 2 (format 1 held a record per customer).
    static let magic: [UInt8] = Array("CLFACTS".utf8) + [2]

    /// What saved facts must match to be used.
    struct Stamp: Sendable, Equatable {
        /// ``SavedFacts/fingerprint(of:)`` of the hub's configuration.
        var configuration: Digest256
        /// The accounts, consent and profile stores' change counts.
        var changes: [UInt64]

        init(configuration: CustomerHubConfiguration, accounts: ReferenceAccountStore, consent: ReferenceConsentStore, profiles: ReferenceProfileStore) {
            self.configuration = SavedFacts.fingerprint(of: configuration)
            self.changes = [accounts.state.committedChanges, consent.state.committedChanges, profiles.state.committedChanges]
        }

        init(configuration: Digest256, changes: [UInt64]) {
            self.configuration = configuration
            self.changes = changes
        }
    }

    /// Every customer's facts, the lifecycle stages not set (the start sets them for its day).
    let table: FactTable
    /// The customers whose facts time alone changes, with the instant it does.
    let expiring: [(customer: CustomerID, validUntil: Date)]
    /// What the facts were derived under.
    let stamp: Stamp
    /// When the facts were derived.
    let closedAt: Date

    // MARK: Reading

    /// The saved facts in `folder`, read and checked (magic, checksum, every column against
    /// `schema`) but not yet matched with the stores: `nil` when there are none or they are
    /// damaged. Reads only; run it while the stores open, then ``take(_:from:expecting:)``.
    static func read(in folder: URL, schema: SegmentSchema) -> SavedFacts? {
        let path = folder.appending(path: fileName).path
        guard let data = try? Data(contentsOf: URL(filePath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw in try? SavedFacts(raw, schema: schema) }
    }

    /// Deletes the saved facts in `folder` (and the temporary file of a close that died
    /// while writing them), and returns `saved` (what ``read(in:schema:)`` found there) if
    /// it matches `stamp`.
    ///
    /// - Throws: ClienteleCore's `storeIOFailed` when an existing file cannot be deleted
    ///   (it may hold personal data that an erasure must not leave behind).
    static func take(_ saved: SavedFacts?, from folder: URL, expecting stamp: Stamp) throws -> SavedFacts? {
        let path = folder.appending(path: fileName).path
        let temporary = path + ".tmp"
        if FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: temporary) {
            try StoreFile.remove(path)
            try StoreFile.remove(temporary)
            try StoreFile.syncFolder(folder.path)
        }
        return saved?.stamp == stamp ? saved : nil
    }

    /// Checks the file's magic and checksum, and reads it whole.
    ///
    /// - Throws: `PackedReader.Malformed` for anything else than a file ``write(_:schema:expectedCount:to:stamp:closedAt:)``
    ///   wrote under `schema`.
    init(_ raw: UnsafeRawBufferPointer, schema: SegmentSchema) throws(PackedReader.Malformed) {
        guard raw.count >= Self.magic.count + 4, raw.prefix(Self.magic.count).elementsEqual(Self.magic) else {
            throw PackedReader.Malformed(offset: 0, reason: "not saved facts of this format")
        }
        let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 4)])
        let stored = raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self)
        guard CRC32C.checksum(body) == UInt32(littleEndian: stored) else {
            throw PackedReader.Malformed(offset: raw.count - 4, reason: "the checksum does not match")
        }
        var reader = PackedReader(body, offset: Self.magic.count)
        guard let configuration = Digest256(packed: try reader.raw(count: 32)) else { throw reader.malformed("unexpected end") }
        stamp = Stamp(configuration: configuration, changes: [try reader.unsigned(), try reader.unsigned(), try reader.unsigned()])
        closedAt = try reader.date()
        table = try FactTable(image: &reader, schema: schema)
        var expiring: [(customer: CustomerID, validUntil: Date)] = []
        for _ in 0..<(try reader.count(atMost: table.rowCount)) {
            let row = try reader.count(atMost: table.rowCount - 1)
            expiring.append((table.customers[row], try reader.date()))
        }
        guard reader.isAtEnd else { throw reader.malformed("bytes follow the saved facts") }
        self.expiring = expiring
    }

    /// The customers whose saved facts time has changed by `now`: derived again at the start.
    func customers(expiringBy now: Date) -> [CustomerID] {
        expiring.filter { $0.validUntil <= now }.map(\.customer)
    }

    // MARK: Writing

    /// Builds a fact table from `facts` (every customer's, in id order) and writes it to
    /// `folder`'s file, durably (a temporary file, synced, renamed), owner-only.
    ///
    /// - Throws: The sequence's errors, ClienteleCore's `storeIOFailed`; nothing is left
    ///   behind then.
    static func write(
        _ facts: inout EveryCustomerFacts.Iterator, schema: SegmentSchema, expectedCount: Int, to folder: URL, stamp: Stamp,
        closedAt: Date
    ) async throws {
        var table = FactTable(schema: schema)
        table.reserveCapacity(expectedCount)
        var expiring: [(row: Int, validUntil: Date)] = []
        while let derived = try await facts.nextDerived() {
            let row = table.upsert(derived.facts)
            if let validUntil = derived.validUntil { expiring.append((row, validUntil)) }
        }
        var file = PackedWriter(capacity: 64 + table.rowCount * 96)
        file.raw(magic)
        stamp.configuration.write(to: &file)
        for changes in stamp.changes { file.unsigned(changes) }
        file.date(closedAt)
        table.writeImage(to: &file)
        file.count(expiring.count)
        for (row, validUntil) in expiring {
            file.count(row)
            file.date(validUntil)
        }
        let checksum = CRC32C.checksum(file.bytes)
        withUnsafeBytes(of: checksum.littleEndian) { file.raw($0) }
        try file.bytes.withUnsafeBytes { bytes in
            try StoreFile.writeDurably(bytes, to: folder.appending(path: fileName).path, folder: folder.path)
        }
    }

    // MARK: Configuration

    /// A digest of what in `configuration` shapes a customer's facts: the shop currency,
    /// the birthday field, each catalog field's attribute type, and each consent purpose's
    /// category, legal basis and channels, with a derivation version that changes whenever
    /// ``CustomerHub/facts(of:)`` derives differently.
    static func fingerprint(of configuration: CustomerHubConfiguration) -> Digest256 {
        var text = "derivation 1\ncurrency \(configuration.currency)\nbirthday \(configuration.birthDateField?.rawValue ?? "-")\n"
        for field in configuration.profileCatalog.fields {
            let type = CustomerHubConfiguration.attributeType(of: field.type).map { "\($0)" } ?? "-"
            text += "field \(field.key.rawValue) \(type)\n"
        }
        for purpose in configuration.purposes.currentPurposes {
            let channels = purpose.channels.map(\.rawValue).sorted().joined(separator: ",")
            text += "purpose \(purpose.id.rawValue) \(purpose.category) \(purpose.legalBasis) \(channels)\n"
        }
        return Digest256.sha256(Array(text.utf8))
    }
}
