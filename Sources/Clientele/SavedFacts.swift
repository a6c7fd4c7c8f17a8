import Foundation

/// Every customer's segmentation facts as a clean ``CustomerHub/close()`` derived them,
/// kept in the hub folder's `facts.saved` until the next ``CustomerHub/open(at:configuration:clock:ids:events:hasher:)``,
/// which reads it while the stores open and deletes it before it returns the hub:
/// ``CustomerHub/start()`` then loads them instead of reading every customer from the stores.
///
/// The file is used only when what the facts were derived from is unchanged:
/// - the accounts, consent and profile stores hold the same number of changes as at the
///   close (their journals' sequences, which every write moves and snapshots keep) and
///   opened without cutting anything off;
/// - the configuration that shapes facts has the same fingerprint (``fingerprint(of:)``);
/// - the clock is not before the close.
///
/// A customer whose facts time alone changes by the open (a pending consent's deadline, a
/// consent record dated after the close: ``DerivedFacts/validUntil``) is derived from the
/// stores again. A damaged file (its CRC-32C) or any other mismatch is ignored: `start()`
/// derives every customer, as without the file.
///
/// Layout: the magic `CLFACTS` and a format byte; the configuration fingerprint (32 bytes);
/// the three stores' change counts and the close instant; one record per customer in id
/// order; the number of records (8 bytes, so the file is written in one pass); the CRC-32C
/// of everything before it (4 bytes).
struct SavedFacts: Sendable {
    /// The file's name in the hub folder.
    static let fileName = "facts.saved"
    /// The file's first bytes: `CLFACTS` and format 1.
    static let magic: [UInt8] = Array("CLFACTS".utf8) + [1]

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

    /// Saved facts that cannot be read although their checksum matched.
    struct Unreadable: Error {}

    /// The file up to the end of the last record.
    private let data: Data
    /// Where the first customer's record starts.
    private let recordsOffset: Int
    /// What the facts were derived under.
    let stamp: Stamp
    /// How many customers the file holds.
    let count: Int
    /// When the facts were derived.
    let closedAt: Date

    // MARK: Reading

    /// The saved facts in `folder`, checked (magic, checksum, header) but not yet matched
    /// with the stores: `nil` when there are none or they are damaged. Reads only; run it
    /// while the stores open, then ``take(_:from:expecting:)``.
    static func read(in folder: URL) -> SavedFacts? {
        let path = folder.appending(path: fileName).path
        guard let data = try? Data(contentsOf: URL(filePath: path), options: .alwaysMapped) else { return nil }
        return SavedFacts(data: data)
    }

    /// Deletes the saved facts in `folder` (and the temporary file of a close that died
    /// while writing them), and returns `saved` (what ``read(in:)`` found there) if it
    /// matches `stamp`.
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

    /// Checks the file's magic and checksum, and reads its header.
    private init?(data: Data) {
        let header: (offset: Int, stamp: Stamp, count: Int, closedAt: Date)? = data.withUnsafeBytes { raw in
            guard raw.count >= Self.magic.count + 12, raw.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 4)])
            let stored = raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self)
            guard CRC32C.checksum(body) == UInt32(littleEndian: stored) else { return nil }
            let count = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 12, as: UInt64.self))
            var reader = PackedReader(UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 12)]), offset: Self.magic.count)
            do throws(PackedReader.Malformed) {
                guard let configuration = Digest256(packed: try reader.raw(count: 32)) else { return nil }
                let changes = [try reader.unsigned(), try reader.unsigned(), try reader.unsigned()]
                let closedAt = try reader.date()
                // Each record takes more than one byte.
                guard count <= UInt64(reader.remaining) else { return nil }
                return (reader.offset, Stamp(configuration: configuration, changes: changes), Int(count), closedAt)
            } catch {
                return nil
            }
        }
        guard let header else { return nil }
        self.data = data.prefix(data.count - 12)
        self.recordsOffset = header.offset
        self.stamp = header.stamp
        self.count = header.count
        self.closedAt = header.closedAt
    }

    /// The saved customers' facts in id order, those whose facts time changed by `now`
    /// derived again by `hub` (one the stores no longer hold is left out).
    func facts(hub: CustomerHub, at now: Date) -> Records {
        Records(saved: self, hub: hub, now: now)
    }

    /// The saved facts as `SegmentationService.load(_:expectedCount:)` takes them; throws
    /// ``Unreadable`` for a record that does not decode.
    struct Records: AsyncSequence {
        typealias Element = CustomerFacts
        typealias Failure = any Error

        let saved: SavedFacts
        let hub: CustomerHub
        let now: Date

        func makeAsyncIterator() -> Iterator { Iterator(records: self, offset: saved.recordsOffset) }

        struct Iterator: AsyncIteratorProtocol {
            typealias Element = CustomerFacts
            typealias Failure = any Error

            /// Records decoded a batch at a time, the next batch on another thread while
            /// this one is loaded.
            static let batchSize = 4_096

            let records: Records
            private var offset: Int
            private var read = 0
            private var batch: [DerivedFacts] = []
            private var index = 0
            /// The next batch, being decoded.
            private var ahead: Task<Decoded, Never>?

            init(records: Records, offset: Int) {
                self.records = records
                self.offset = offset
            }

            mutating func next() async throws -> CustomerFacts? {
                while true {
                    if index == batch.count {
                        guard read < records.saved.count else {
                            guard offset == records.saved.data.count else { throw Unreadable() }
                            return nil
                        }
                        try await nextBatch()
                    }
                    let derived = batch[index]
                    index += 1
                    guard let validUntil = derived.validUntil, validUntil <= records.now else { return derived.facts }
                    if let fresh = try await records.hub.facts(of: derived.facts.customer) { return fresh }
                }
            }

            private mutating func nextBatch() async throws {
                let decoded = await (ahead ?? decoding(from: offset, upTo: read)).value
                guard let facts = decoded.facts else { throw Unreadable() }
                batch = facts
                index = 0
                offset = decoded.end
                read += facts.count
                ahead = read < records.saved.count ? decoding(from: offset, upTo: read) : nil
            }

            /// Decodes the batch that starts at byte `offset`, after `read` records.
            private func decoding(from offset: Int, upTo read: Int) -> Task<Decoded, Never> {
                let (saved, wanted) = (records.saved, Swift.min(Self.batchSize, records.saved.count - read))
                return Task.detached { saved.decode(wanted, from: offset) }
            }
        }
    }

    /// A batch of decoded records (`nil`: one did not decode) and where the next one starts.
    struct Decoded: Sendable {
        var facts: [DerivedFacts]?
        var end: Int
    }

    /// Decodes `count` records from byte `offset` on.
    private func decode(_ count: Int, from offset: Int) -> Decoded {
        data.withUnsafeBytes { raw in
            var reader = PackedReader(raw, offset: offset)
            var decoded: [DerivedFacts] = []
            decoded.reserveCapacity(count)
            do throws(PackedReader.Malformed) {
                for _ in 0..<count { decoded.append(try SavedFacts.read(&reader)) }
            } catch {
                return Decoded(facts: nil, end: offset)
            }
            return Decoded(facts: decoded, end: reader.offset)
        }
    }

    // MARK: Writing

    /// Writes every customer's facts from `facts` to `folder`'s file, durably (a temporary
    /// file, synced, renamed), owner-only.
    ///
    /// - Throws: The sequence's errors, ClienteleCore's `storeIOFailed`; nothing is left
    ///   behind then.
    static func write(
        _ facts: inout EveryCustomerFacts.Iterator, to folder: URL, stamp: Stamp, closedAt: Date
    ) async throws {
        var file = PackedWriter()
        file.raw(magic)
        stamp.configuration.write(to: &file)
        for changes in stamp.changes { file.unsigned(changes) }
        file.date(closedAt)
        var count: UInt64 = 0
        while let derived = try await facts.nextDerived() {
            write(derived, to: &file)
            count += 1
        }
        withUnsafeBytes(of: count.littleEndian) { file.raw($0) }
        let checksum = CRC32C.checksum(file.bytes)
        withUnsafeBytes(of: checksum.littleEndian) { file.raw($0) }
        try file.bytes.withUnsafeBytes { bytes in
            try StoreFile.writeDurably(bytes, to: folder.appending(path: fileName).path, folder: folder.path)
        }
    }

    // MARK: Records

    /// Appends one customer's record: its id, valid-until instant, then the facts field by
    /// field (all but the lifecycle stage, which `load` sets again).
    static func write(_ derived: DerivedFacts, to writer: inout PackedWriter) {
        let facts = derived.facts
        writer.text(facts.customer.rawValue)
        writer.optional(derived.validUntil) { $0.date($1) }
        writer.date(facts.createdAt)
        writer.signed(Int(facts.numberOfOrders))
        writer.signed(Int(facts.amountSpentMinorUnits))
        for date in [facts.firstOrderDate, facts.lastOrderDate, facts.lastVisitDate] { writer.optional(date) { $0.date($1) } }
        for text in [facts.country, facts.emailDomain, facts.accountStatus] { writer.optional(text) { $0.text($1) } }
        for list in [facts.groups, facts.tags] { texts(list, to: &writer) }
        writer.optional(facts.birthDate) { writer, birthDate in
            writer.count(birthDate.month)
            writer.count(birthDate.day)
            writer.optional(birthDate.year) { $0.signed($1) }
        }
        writer.count(facts.consents.count)
        for (purpose, state) in facts.consents.sorted(by: { $0.key < $1.key }) {
            writer.text(purpose)
            writer.text(state.rawValue)
        }
        writer.count(facts.profile.count)
        for (key, fact) in facts.profile.sorted(by: { $0.key < $1.key }) {
            writer.text(key)
            switch fact {
            case .text(let text): writer.byte(0); writer.text(text)
            case .number(let number): writer.byte(1); writer.double(number)
            case .boolean(let flag): writer.byte(2); writer.byte(flag ? 1 : 0)
            case .date(let day): writer.byte(3); writer.signed(Int(day.daysSinceEpoch))
            case .choice(let choice): writer.byte(4); writer.text(choice)
            case .choices(let choices): writer.byte(5); texts(choices, to: &writer)
            }
        }
    }

    /// Reads one record as ``write(_:to:)`` wrote it.
    static func read(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> DerivedFacts {
        guard let customer = CustomerID(rawValue: try reader.text()) else { throw reader.malformed("the customer ID is not valid") }
        let validUntil = try reader.optionalDate()
        var facts = CustomerFacts(customer: customer, createdAt: try reader.date())
        facts.numberOfOrders = Int64(try reader.signed())
        facts.amountSpentMinorUnits = Int64(try reader.signed())
        facts.firstOrderDate = try reader.optionalDate()
        facts.lastOrderDate = try reader.optionalDate()
        facts.lastVisitDate = try reader.optionalDate()
        facts.country = try reader.optionalText()
        facts.emailDomain = try reader.optionalText()
        facts.accountStatus = try reader.optionalText()
        facts.groups = try texts(&reader)
        facts.tags = try texts(&reader)
        facts.birthDate = try reader.optional { (reader: inout PackedReader) throws(PackedReader.Malformed) in
            let month = try reader.count(atMost: 12)
            let day = try reader.count(atMost: 31)
            let year = try reader.optional { (reader: inout PackedReader) throws(PackedReader.Malformed) in try reader.signed() }
            do { return try BirthDate(month: month, day: day, year: year) } catch { throw reader.malformed("a birth date is not valid") }
        }
        let consents = try reader.count(atMost: reader.remaining)
        for _ in 0..<consents {
            let purpose = try reader.text()
            guard let state = ConsentFact(rawValue: try reader.text()) else { throw reader.malformed("a consent state is not known") }
            facts.consents[purpose] = state
        }
        let fields = try reader.count(atMost: reader.remaining)
        facts.profile.reserveCapacity(fields)
        for _ in 0..<fields {
            let key = try reader.text()
            facts.profile[key] = switch try reader.byte() {
            case 0: .text(try reader.text())
            case 1: .number(try reader.double())
            case 2: .boolean(try reader.byte() != 0)
            case 3: .date(UTCDay(daysSinceEpoch: Int64(try reader.signed())))
            case 4: .choice(try reader.text())
            case 5: .choices(try texts(&reader))
            case let kind: throw reader.malformed("a profile fact's kind \(kind) is not known")
            }
        }
        return DerivedFacts(facts: facts, validUntil: validUntil)
    }

    private static func texts(_ texts: [String], to writer: inout PackedWriter) {
        writer.count(texts.count)
        for text in texts { writer.text(text) }
    }

    private static func texts(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> [String] {
        let count = try reader.count(atMost: reader.remaining)
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try reader.text()) }
        return texts
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
