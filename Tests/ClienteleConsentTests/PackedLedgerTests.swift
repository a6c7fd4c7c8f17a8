@testable import ClienteleConsent
import ClienteleConsentTesting
import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// The packed form ``ConsentState`` holds its ledgers in, in memory and in its snapshot:
/// every record comes back equal (the chain's hashes included), damaged bytes are an
/// error and never a crash, and older snapshots (records by customer) still read.
@Suite struct PackedLedgerTests {
    static let customer = ConsentFixtures.customerID("packed")

    static func packed(_ records: [ConsentRecord], of customer: CustomerID = customer) -> PackedLedger {
        var ledger = PackedLedger()
        for record in records { ledger.append(record, after: ledger.head(of: customer)) }
        return ledger
    }

    @Test func everyOptionalFieldComesBackEqualAndTheChainStillVerifies() throws {
        let records = ConsentFixtures.richLedger(of: Self.customer) + [ConsentRecord(
            sealing: ConsentFixtures.entry(7), customer: Self.customer, after: ConsentFixtures.richLedger(of: Self.customer).last)]
        let ledger = Self.packed(records)
        #expect(ledger.count == records.count)
        let unpacked = try ledger.records(of: Self.customer)
        #expect(unpacked == records)
        #expect(LedgerChain.verify(unpacked, of: Self.customer).isIntact)
        #expect(ledger.head(of: Self.customer) == records.last?.head)
        #expect(PackedLedger().head(of: Self.customer) == LedgerChain.emptyHead(of: Self.customer))
        // A soft opt-in's stored categories come back in their stored order, unsorted.
        var unsorted = records[2]
        unsorted.entry.softOptIn?.productCategories = ["z", "a"]
        #expect(try Self.packed([unsorted]).records(of: Self.customer).first?.entry.softOptIn?.productCategories == ["z", "a"])
    }

    /// A record whose stored previous hash is not its predecessor's (a damaged chain, as an
    /// older snapshot may hold it) keeps that hash, so verification still reports it.
    @Test func aBrokenLinkIsKeptAsFound() throws {
        var records = ConsentFixtures.ledger(of: Self.customer, count: 3)
        records[1].previousHash = ConsentFixtures.digest(0x55)
        let unpacked = try Self.packed(records).records(of: Self.customer)
        #expect(unpacked == records)
        #expect(!LedgerChain.verify(unpacked, of: Self.customer).isIntact)
    }

    /// Two records given with IP and user-agent evidence, as `clientele-bench memory` holds
    /// them: well under half of what the values take in memory.
    @Test func aRecordWithEvidencePacksSmall() {
        let evidence = ConsentEvidence(formID: "checkout-v3", ipAddressDigest: ConsentFixtures.digest(1), userAgentDigest: ConsentFixtures.digest(2))
        var records: [ConsentRecord] = []
        for (index, purpose) in ["newsletter", "offers"].enumerated() {
            let entry = ConsentEntry(
                id: UUID(), at: ConsentFixtures.instant(Int64(index)), action: .given, purpose: PurposeID(stringLiteral: purpose),
                purposeVersion: 1, channel: .email, source: "checkout", actor: .customer, evidence: evidence)
            records.append(ConsentRecord(sealing: entry, customer: Self.customer, after: records.last))
        }
        let ledger = Self.packed(records)
        // The second record shares the first's source, form and digests: about 85 bytes less.
        #expect(ledger.bytes.count < 170 + 90, "\(ledger.bytes.count) bytes")
        #expect(ledger.bytes.capacity <= ledger.bytes.count + 16)
    }

    /// Evidence shared with the record before is written once, whatever mix of fields is
    /// shared, and every record still comes back exactly as sealed.
    @Test func evidenceSharedWithTheRecordBeforeIsWrittenOnce() throws {
        func entry(_ index: Int, source: String, formID: String?, ip: UInt8?, agent: UInt8?) -> ConsentEntry {
            var entry = ConsentFixtures.entry(index)
            entry.channel = .email
            entry.source = source
            entry.evidence = ConsentEvidence(formID: formID, ipAddressDigest: ip.map(ConsentFixtures.digest), userAgentDigest: agent.map(ConsentFixtures.digest))
            return entry
        }
        let entries = [
            entry(0, source: "checkout", formID: "f", ip: 1, agent: 2),
            entry(1, source: "checkout", formID: "f", ip: 1, agent: 2),  // all shared
            entry(2, source: "checkout", formID: "g", ip: 3, agent: 2),  // source and agent shared
            entry(3, source: "account", formID: nil, ip: nil, agent: 2),  // none but the agent
            entry(4, source: "account", formID: "g", ip: 3, agent: nil),  // the form and IP of two back: written again
        ]
        var records: [ConsentRecord] = []
        var sizes: [Int] = []
        for entry in entries {
            records.append(ConsentRecord(sealing: entry, customer: Self.customer, after: records.last))
            sizes.append(Self.packed(records).bytes.count - (sizes.last.map { _ in Self.packed(Array(records.dropLast())).bytes.count } ?? 1))
        }
        let unpacked = try Self.packed(records).records(of: Self.customer)
        #expect(unpacked == records)
        #expect(LedgerChain.verify(unpacked, of: Self.customer).isIntact)
        // The first record writes "checkout", "f" and two digests that the second omits.
        #expect(sizes[0] - sizes[1] == 9 + 2 + 32 + 32, "\(sizes)")
        #expect(sizes[4] > sizes[3])
    }

    /// "The same" is byte for byte: a source that equals the one before only under Unicode
    /// normalization (which `String ==` applies) is written out, and comes back in its own
    /// bytes.
    @Test func aSourceEqualOnlyUnderNormalizationIsWrittenOut() throws {
        var first = ConsentFixtures.entry(0)
        first.source = "caf\u{E9}"
        var second = ConsentFixtures.entry(1)
        second.source = "cafe\u{301}"
        #expect(first.source == second.source)
        let records = [ConsentRecord(sealing: first, customer: Self.customer, after: nil)]
        let both = records + [ConsentRecord(sealing: second, customer: Self.customer, after: records[0])]
        let unpacked = try Self.packed(both).records(of: Self.customer)
        #expect(unpacked.map { Array($0.entry.source.utf8) } == both.map { Array($0.entry.source.utf8) })
        #expect(LedgerChain.verify(unpacked, of: Self.customer).isIntact)
    }

    /// A ledger packed before evidence was shared (format 1) reads as it is; format 1 knows
    /// no "same as before" flag; the next append makes the ledger format 2.
    @Test func aFormatOneLedgerReadsAndGrowsIntoFormatTwo() throws {
        // Entries with a form ID each their own and no shared digests pack as format 1 did.
        let records = (0..<3).map { index in
            var entry = ConsentFixtures.entry(index)
            entry.source = "source-\(index)"
            entry.evidence = ConsentEvidence(formID: "form-\(index)", ipAddressDigest: ConsentFixtures.digest(UInt8(index)), userAgentDigest: nil)
            return entry
        }.reduce(into: [ConsentRecord]()) { records, entry in
            records.append(ConsentRecord(sealing: entry, customer: Self.customer, after: records.last))
        }
        var old = Self.packed(records).bytes
        old[0] = 1
        var ledger = PackedLedger(bytes: old, count: records.count)
        #expect(try ledger.records(of: Self.customer) == records)
        let next = ConsentRecord(sealing: ConsentFixtures.entry(8), customer: Self.customer, after: records.last)
        ledger.append(next, after: ledger.head(of: Self.customer))
        #expect(ledger.bytes[0] == 2)
        #expect(try ledger.records(of: Self.customer) == records + [next])

        var shared = Self.packed(ConsentFixtures.ledger(of: Self.customer, count: 2)).bytes
        shared[0] = 1
        #expect(throws: PackedReader.Malformed.self) { try PackedLedger(bytes: shared, count: 2).records(of: Self.customer) }
        shared[0] = 3
        #expect(throws: PackedReader.Malformed.self) { try PackedLedger(bytes: shared, count: 2).records(of: Self.customer) }
    }

    @Test func everyTruncationIsAnError() {
        let ledger = Self.packed(ConsentFixtures.richLedger(of: Self.customer))
        for length in 0..<ledger.bytes.count {
            #expect(throws: PackedReader.Malformed.self) {
                try PackedLedger(bytes: Array(ledger.bytes.prefix(length)), count: ledger.count).records(of: Self.customer)
            }
        }
        #expect(throws: PackedReader.Malformed.self) { try PackedLedger(bytes: ledger.bytes, count: ledger.count + 1).records(of: Self.customer) }
        #expect(throws: PackedReader.Malformed.self) { try PackedLedger(bytes: ledger.bytes, count: -1).records(of: Self.customer) }
        #expect(throws: PackedReader.Malformed.self) { try PackedLedger(bytes: ledger.bytes + [0], count: ledger.count).records(of: Self.customer) }
    }

    @Test func damagedBytesNeverCrash() {
        let ledger = Self.packed(ConsentFixtures.richLedger(of: Self.customer))
        var refused = 0
        for position in ledger.bytes.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF] where replacement != ledger.bytes[position] {
                var damaged = ledger.bytes
                damaged[position] = replacement
                if (try? PackedLedger(bytes: damaged, count: ledger.count).records(of: Self.customer)) == nil { refused += 1 }
            }
        }
        #expect(refused > 0)
    }

    @Test func theStateSnapshotHoldsPackedLedgersAndReadsBack() throws {
        var state = ConsentState()
        var ledgers: [CustomerID: [ConsentRecord]] = [:]
        for index in 0..<30 {
            let customer = ConsentFixtures.customerID("c\(29 - index)")
            let records = index.isMultiple(of: 2) ? ConsentFixtures.richLedger(of: customer) : ConsentFixtures.ledger(of: customer, count: 1 + index % 4)
            for record in records { try state.apply(.append(record)) }
            ledgers[customer] = records
        }
        let erased = ConsentFixtures.customerID("c7")
        try state.apply(.erase(customer: erased))
        let read = try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(state))
        #expect(read.ledgerCount == 29)
        #expect(read.recordCount == state.recordCount)
        #expect(read.customers(after: nil, limit: 100) == state.customers(after: nil, limit: 100))
        for (customer, records) in ledgers {
            #expect(try read.ledger(of: customer) == (customer == erased ? [] : records))
        }
        // The next record appends to the read ledger's head.
        var grown = read
        let customer = ConsentFixtures.customerID("c0")
        let next = ConsentRecord(sealing: ConsentFixtures.entry(99), customer: customer, after: ledgers[customer]?.last)
        try grown.apply(.append(next))
        #expect(LedgerChain.verify(try grown.ledger(of: customer), of: customer).isIntact)
        #expect(throws: ConsentError.self) { try grown.apply(.append(next)) }
    }

    /// A snapshot written before ledgers were packed still opens; a record in it that is not
    /// at its place (another customer's, or another position) is refused, not moved.
    @Test func aSnapshotOfRecordsFromBeforePackingStillReads() throws {
        struct RecordSnapshot: Encodable {
            var ledgers: [CustomerID: [ConsentRecord]]
            var sendLogs: [CustomerID: [SendRecord]] = [:]
            var suppressions: [Digest256: SuppressionEntry] = [:]
        }
        let other = ConsentFixtures.customerID("other")
        let rich = ConsentFixtures.richLedger(of: Self.customer)
        let plain = ConsentFixtures.ledger(of: other, count: 2)
        let read = try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(RecordSnapshot(ledgers: [Self.customer: rich, other: plain])))
        #expect(try read.ledger(of: Self.customer) == rich)
        #expect(try read.ledger(of: other) == plain)
        #expect(read.customers(after: nil, limit: 10) == [other, Self.customer].sorted())
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(RecordSnapshot(ledgers: [Self.customer: plain])))
        }
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(RecordSnapshot(ledgers: [other: [plain[1]]])))
        }
    }

    @Test func aDamagedLedgerInASnapshotIsAStoreCorruptedErrorWhenRead() throws {
        struct PackedSnapshot: Encodable {
            var packedLedgers: [UInt8]
            var sendLogs: [CustomerID: [SendRecord]] = [:]
            var suppressions: [Digest256: SuppressionEntry] = [:]
        }
        let ledger = Self.packed(ConsentFixtures.richLedger(of: Self.customer))
        var damaged = ledger.bytes
        damaged[2] = 0xFF  // the first record's second flag byte: unknown flags
        var writer = PackedWriter()
        writer.text(Self.customer.rawValue)
        writer.count(ledger.count)
        writer.count(damaged.count)
        writer.raw(damaged)
        let state = try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(PackedSnapshot(packedLedgers: writer.bytes)))
        let error = try #require(throws: CoreError.self) { try state.ledger(of: Self.customer) }
        #expect(error.code == .storeCorrupted)
        #expect(error.context.item == Self.customer.rawValue)
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode(ConsentState.self, from: RecordEncoder.encode(PackedSnapshot(packedLedgers: Array(writer.bytes.dropLast()))))
        }
    }
}
