import Foundation

/// A customer's consent ledger as ``ConsentState`` holds it, in memory and in its
/// snapshot: the records packed one after another into one byte array (`PackedWriter`'s
/// layout), with the record count beside it.
///
/// A record given with IP and user-agent evidence takes about 160 bytes this way, against
/// some 330 as a ``ConsentRecord`` in an array and 580 in the record encoding (which names
/// every field and writes digests as hex). What the chain already says is not repeated:
/// the customer (the ledger's), the sequence (the position) and the previous hash (the
/// record before's hash, or the genesis hash), which is written only for a record whose
/// stored previous hash is not that (a damaged chain, kept as found, so that
/// verification still reports it). Each record ends with its hash, so the ledger's head
/// is its last 32 bytes.
///
/// Record layout (format 2, the ledger's first byte): two flag bytes saying which optional
/// fields follow; the ID (16 bytes); the instant; action, actor and channel codes; the
/// purpose, purpose version, source, form ID, IP and user-agent digests (32 bytes each),
/// confirm-by instant, confirmed sequence and soft opt-in when present; the previous hash
/// when it is not the chain's; the hash.
///
/// The source, form ID and the two digests are written only when they differ from the
/// record before's (a flag says "the same"): consents given in one request (a newsletter
/// and offers at checkout) share their evidence, and the second record then takes some 85
/// bytes less. "The same" is byte for byte, so a record always unpacks to exactly what was
/// sealed. Only the customer's own ledger is referred to, so erasing a ledger erases all
/// of its evidence. Format 1 (written before) is format 2 without these flags: it reads as
/// it is, and becomes format 2 at its next append.
struct PackedLedger: Sendable {
    /// The packed records, after the format byte.
    private(set) var bytes: [UInt8]
    /// How many records there are.
    private(set) var count: Int

    /// The layout this build writes.
    static let format: UInt8 = 2
    /// The layouts this build reads: format 1 is format 2 without the "same as the record
    /// before" flags.
    static let formats: ClosedRange<UInt8> = 1...2

    /// An empty ledger.
    init() {
        bytes = [Self.format]
        count = 0
    }

    /// Wraps bytes read from a snapshot (checked when unpacked).
    init(bytes: [UInt8], count: Int) {
        self.bytes = bytes
        self.count = count
    }

    /// The hash of the last record, or `nil` for an empty ledger.
    var lastHash: Digest256? {
        guard count > 0, bytes.count >= 33 else { return nil }
        return bytes.withUnsafeBytes { Digest256(packed: UnsafeRawBufferPointer(rebasing: $0[($0.count - 32)...])) }
    }

    /// The ledger's head: its record count and last hash (the genesis hash when empty).
    func head(of customer: CustomerID) -> LedgerHead {
        LedgerHead(count: count, hash: lastHash ?? LedgerChain.genesisHash(of: customer))
    }

    /// Appends a record at `head`, this ledger's ``head(of:)`` (which the caller has
    /// already computed to check that the record is next in the chain). Leaves the array
    /// exactly as long as it needs to be: the state holds it for the life of the process.
    ///
    /// The record before is read back to share its evidence (``Evidence``); a ledger whose
    /// bytes no longer unpack gets the record with its evidence written out in full.
    mutating func append(_ record: ConsentRecord, after head: LedgerHead) {
        var writer = PackedWriter(capacity: 192)
        let previous = count > 0 ? (try? records(of: record.customer))?.last.map { Evidence($0.entry) } : nil
        Self.write(record, chainHash: head.hash, previous: previous, to: &writer)
        bytes = Array(unsafeUninitializedCapacity: bytes.count + writer.bytes.count) { buffer, initialized in
            _ = buffer.initialize(fromContentsOf: bytes)
            _ = buffer[bytes.count...].initialize(fromContentsOf: writer.bytes)
            initialized = buffer.count
        }
        // A format 1 ledger is a format 2 one: the appended record may use the newer flags.
        bytes[0] = Self.format
        count += 1
    }

    /// The records of `customer`'s ledger, as ``records(of:)``.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted` naming the customer when the bytes do
    ///   not unpack.
    func unpacked(of customer: CustomerID) throws(CoreError) -> [ConsentRecord] {
        do {
            return try records(of: customer)
        } catch {
            throw error.storeCorrupted("consent ledger", item: customer.rawValue)
        }
    }

    /// The records, equal to the ones appended.
    ///
    /// - Throws: `PackedReader.Malformed` when the bytes are not a packed ledger of `count` records.
    func records(of customer: CustomerID) throws(PackedReader.Malformed) -> [ConsentRecord] {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(PackedReader.Malformed) in try Self.unpack(raw, count: count, customer: customer) }
        }.get()
    }

    // MARK: Writing

    private struct Flags: OptionSet {
        let rawValue: UInt16
        static let purpose = Flags(rawValue: 1 << 0)
        static let purposeVersion = Flags(rawValue: 1 << 1)
        static let channel = Flags(rawValue: 1 << 2)
        static let formID = Flags(rawValue: 1 << 3)
        static let ipAddressDigest = Flags(rawValue: 1 << 4)
        static let userAgentDigest = Flags(rawValue: 1 << 5)
        static let confirmBy = Flags(rawValue: 1 << 6)
        static let confirms = Flags(rawValue: 1 << 7)
        static let softOptIn = Flags(rawValue: 1 << 8)
        static let softOptInExpiry = Flags(rawValue: 1 << 9)
        static let previousHash = Flags(rawValue: 1 << 10)
        /// Format 2: the field is the record before's, and not written.
        static let sameSource = Flags(rawValue: 1 << 11)
        static let sameFormID = Flags(rawValue: 1 << 12)
        static let sameIPAddress = Flags(rawValue: 1 << 13)
        static let sameUserAgent = Flags(rawValue: 1 << 14)
        static let knownInFormat1: Flags = [
            .purpose, .purposeVersion, .channel, .formID, .ipAddressDigest, .userAgentDigest, .confirmBy, .confirms, .softOptIn,
            .softOptInExpiry, .previousHash,
        ]
        static let known: Flags = knownInFormat1.union([.sameSource, .sameFormID, .sameIPAddress, .sameUserAgent])
    }

    /// What a record may share with the record after it.
    fileprivate struct Evidence {
        var source: String
        var formID: String?
        var ipAddressDigest: Digest256?
        var userAgentDigest: Digest256?

        /// What a record before the first holds: nothing to share.
        static let none = Evidence(source: "", formID: nil, ipAddressDigest: nil, userAgentDigest: nil)

        /// Byte for byte (`String ==` would call two normalizations of a text the same).
        static func same(_ text: String?, _ other: String?) -> Bool {
            guard let text, let other else { return false }
            return text.utf8.elementsEqual(other.utf8)
        }

        static func same(_ digest: Digest256?, _ other: Digest256?) -> Bool {
            guard let digest, let other else { return false }
            return digest == other
        }
    }

    private static func write(_ record: ConsentRecord, chainHash: Digest256, previous: Evidence?, to writer: inout PackedWriter) {
        let entry = record.entry
        var flags: Flags = []
        if Evidence.same(entry.source, previous?.source) { flags.insert(.sameSource) }
        if Evidence.same(entry.evidence.formID, previous?.formID) { flags.insert(.sameFormID) }
        if Evidence.same(entry.evidence.ipAddressDigest, previous?.ipAddressDigest) { flags.insert(.sameIPAddress) }
        if Evidence.same(entry.evidence.userAgentDigest, previous?.userAgentDigest) { flags.insert(.sameUserAgent) }
        if entry.purpose != nil { flags.insert(.purpose) }
        if entry.purposeVersion != nil { flags.insert(.purposeVersion) }
        if entry.channel != nil { flags.insert(.channel) }
        if entry.evidence.formID != nil { flags.insert(.formID) }
        if entry.evidence.ipAddressDigest != nil { flags.insert(.ipAddressDigest) }
        if entry.evidence.userAgentDigest != nil { flags.insert(.userAgentDigest) }
        if entry.confirmBy != nil { flags.insert(.confirmBy) }
        if entry.confirms != nil { flags.insert(.confirms) }
        if entry.softOptIn != nil { flags.insert(.softOptIn) }
        if entry.softOptIn?.expiresAt != nil { flags.insert(.softOptInExpiry) }
        if record.previousHash != chainHash { flags.insert(.previousHash) }
        writer.byte(UInt8(truncatingIfNeeded: flags.rawValue))
        writer.byte(UInt8(truncatingIfNeeded: flags.rawValue >> 8))
        withUnsafeBytes(of: entry.id.uuid) { writer.raw($0) }
        writer.date(entry.at)
        writer.byte(actionCode(entry.action))
        writer.byte(actorCode(entry.actor))
        if let channel = entry.channel { writer.byte(channelCode(channel)) }
        if let purpose = entry.purpose { writer.text(purpose.rawValue) }
        if let version = entry.purposeVersion { writer.signed(version) }
        if !flags.contains(.sameSource) { writer.text(entry.source) }
        if let formID = entry.evidence.formID, !flags.contains(.sameFormID) { writer.text(formID) }
        if let digest = entry.evidence.ipAddressDigest, !flags.contains(.sameIPAddress) { digest.write(to: &writer) }
        if let digest = entry.evidence.userAgentDigest, !flags.contains(.sameUserAgent) { digest.write(to: &writer) }
        if let confirmBy = entry.confirmBy { writer.date(confirmBy) }
        if let confirms = entry.confirms { writer.signed(confirms) }
        if let softOptIn = entry.softOptIn {
            writer.text(softOptIn.orderReference)
            writer.count(softOptIn.productCategories.count)
            for category in softOptIn.productCategories { writer.text(category) }
            if let expiresAt = softOptIn.expiresAt { writer.date(expiresAt) }
        }
        if flags.contains(.previousHash) { record.previousHash.write(to: &writer) }
        record.hash.write(to: &writer)
    }

    // MARK: Reading

    private static func unpack(_ raw: UnsafeRawBufferPointer, count: Int, customer: CustomerID) throws(PackedReader.Malformed) -> [ConsentRecord] {
        var reader = PackedReader(raw)
        let found = try reader.byte()
        guard formats.contains(found) else { throw reader.malformed("unknown format \(found)") }
        let known = found == 1 ? Flags.knownInFormat1 : Flags.known
        // Each record takes more than 32 bytes, so the count is bounded by what is there.
        guard count >= 0, count <= raw.count / 32 else { throw reader.malformed("a ledger of \(count) records cannot fit") }
        var records: [ConsentRecord] = []
        records.reserveCapacity(count)
        var previous = LedgerChain.genesisHash(of: customer)
        var evidence: Evidence?
        for sequence in 0..<count {
            let record = try readRecord(&reader, customer: customer, sequence: sequence, chainHash: previous, previous: evidence, known: known)
            previous = record.hash
            evidence = Evidence(record.entry)
            records.append(record)
        }
        guard reader.isAtEnd else { throw reader.malformed("bytes follow the last record") }
        return records
    }

    private static func readRecord(
        _ reader: inout PackedReader, customer: CustomerID, sequence: Int, chainHash: Digest256, previous: Evidence?, known: Flags
    ) throws(PackedReader.Malformed) -> ConsentRecord {
        let flags = Flags(rawValue: UInt16(try reader.byte()) | UInt16(try reader.byte()) << 8)
        guard known.isSuperset(of: flags) else { throw reader.malformed("unknown flags") }
        // What a "same" flag refers to must be there: a record before, holding that field.
        let shared = previous ?? .none
        if (flags.contains(.sameSource) && previous == nil)
            || (flags.contains(.sameFormID) && (shared.formID == nil || !flags.contains(.formID)))
            || (flags.contains(.sameIPAddress) && (shared.ipAddressDigest == nil || !flags.contains(.ipAddressDigest)))
            || (flags.contains(.sameUserAgent) && (shared.userAgentDigest == nil || !flags.contains(.userAgentDigest)))
        {
            throw reader.malformed("a field is the same as a record before that does not hold it")
        }
        let idBytes = try reader.raw(count: 16)
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: idBytes) }
        let id = UUID(uuid: uuid)
        let at = try reader.date()
        let action = try self.action(try reader.byte(), reader)
        let actor = try self.actor(try reader.byte(), reader)
        let channel = flags.contains(.channel) ? try self.channel(try reader.byte(), reader) : nil
        var purpose: PurposeID?
        if flags.contains(.purpose) {
            guard let id = PurposeID(rawValue: try reader.text()) else { throw reader.malformed("a purpose ID is not valid") }
            purpose = id
        }
        let purposeVersion = flags.contains(.purposeVersion) ? try reader.signed() : nil
        let source = flags.contains(.sameSource) ? shared.source : try reader.text()
        let formID = flags.contains(.formID) ? (flags.contains(.sameFormID) ? shared.formID : try reader.text()) : nil
        let ipAddress = flags.contains(.ipAddressDigest) ? (flags.contains(.sameIPAddress) ? shared.ipAddressDigest : try digest(&reader)) : nil
        let userAgent = flags.contains(.userAgentDigest) ? (flags.contains(.sameUserAgent) ? shared.userAgentDigest : try digest(&reader)) : nil
        let confirmBy = flags.contains(.confirmBy) ? try reader.date() : nil
        let confirms = flags.contains(.confirms) ? try reader.signed() : nil
        var softOptIn: SoftOptIn?
        if flags.contains(.softOptIn) {
            let reference = try reader.text()
            var categories: [String] = []
            for _ in 0..<(try reader.count(atMost: Int(UInt32.max))) { categories.append(try reader.text()) }
            // Built, then given the stored fields as they are (the initializer sorts and rounds).
            var stored = SoftOptIn(orderReference: reference, productCategories: [])
            stored.productCategories = categories
            stored.expiresAt = flags.contains(.softOptInExpiry) ? try reader.date() : nil
            softOptIn = stored
        } else if flags.contains(.softOptInExpiry) {
            throw reader.malformed("an expiry without a soft opt-in")
        }
        let previousHash = flags.contains(.previousHash) ? try digest(&reader) : chainHash
        let entry = ConsentEntry(
            id: id, at: at, action: action, purpose: purpose, purposeVersion: purposeVersion, channel: channel, source: source,
            actor: actor, evidence: ConsentEvidence(formID: formID, ipAddressDigest: ipAddress, userAgentDigest: userAgent),
            confirmBy: confirmBy, confirms: confirms, softOptIn: softOptIn)
        return ConsentRecord(entry: entry, customer: customer, sequence: sequence, previousHash: previousHash, hash: try digest(&reader))
    }

    private static func digest(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> Digest256 {
        guard let digest = Digest256(packed: try reader.raw(count: 32)) else { throw reader.malformed("a digest is not 32 bytes") }
        return digest
    }


    // MARK: Codes: fixed, never the case order, so a new case gets the next free code.

    private static func actionCode(_ action: ConsentAction) -> UInt8 {
        switch action {
        case .given: 0
        case .refused: 1
        case .withdrawn: 2
        case .expired: 3
        case .confirmed: 4
        case .softOptIn: 5
        case .objected: 6
        }
    }

    private static func action(_ code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> ConsentAction {
        switch code {
        case 0: .given
        case 1: .refused
        case 2: .withdrawn
        case 3: .expired
        case 4: .confirmed
        case 5: .softOptIn
        case 6: .objected
        default: throw reader.malformed("unknown action \(code)")
        }
    }

    private static func actorCode(_ actor: ConsentActor) -> UInt8 {
        switch actor {
        case .customer: 0
        case .shop: 1
        case .system: 2
        case .import: 3
        }
    }

    private static func actor(_ code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> ConsentActor {
        switch code {
        case 0: .customer
        case 1: .shop
        case 2: .system
        case 3: .import
        default: throw reader.malformed("unknown actor \(code)")
        }
    }

    private static func channelCode(_ channel: ContactChannel) -> UInt8 {
        switch channel {
        case .email: 0
        case .sms: 1
        case .phone: 2
        case .post: 3
        case .push: 4
        }
    }

    private static func channel(_ code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> ContactChannel {
        switch code {
        case 0: .email
        case 1: .sms
        case 2: .phone
        case 3: .post
        case 4: .push
        default: throw reader.malformed("unknown channel \(code)")
        }
    }
}

fileprivate extension PackedLedger.Evidence {
    /// The evidence `entry` holds.
    init(_ entry: ConsentEntry) {
        self.init(
            source: entry.source, formID: entry.evidence.formID, ipAddressDigest: entry.evidence.ipAddressDigest,
            userAgentDigest: entry.evidence.userAgentDigest)
    }
}
