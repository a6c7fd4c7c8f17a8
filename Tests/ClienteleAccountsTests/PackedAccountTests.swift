@testable import ClienteleAccounts
import ClienteleAccountsTesting
import ClienteleCore
import Foundation
import Testing

/// The packed form ``AccountState`` holds its records in, in memory and in its snapshot:
/// every record comes back equal, damaged bytes are an error and never a crash, the indexes
/// are rebuilt from a packed snapshot, and older snapshots (an array of records) still read.
@Suite struct PackedAccountTests {
    static func withHistory() throws -> AccountRecord {
        var record = try AccountFixtures.richRecord(passwordHash: nil)
        record.customer.importedHistory = ImportedHistory(
            numberOfOrders: 12, amountSpent: Money(minorUnits: -Int64.max, currency: .jpy),
            firstOrderAt: Date(timeIntervalSinceReferenceDate: -1e10), lastOrderAt: nil,
            lastVisitAt: Date(timeIntervalSinceReferenceDate: 0.1), country: "BE")
        record.revision = Int.max
        return record
    }

    static func samples() throws -> [AccountRecord] {
        [
            try AccountRecordCodableTests.fullRecord(), try AccountRecordCodableTests.minimalRecord(),
            try AccountFixtures.richRecord(), try withHistory(),
        ]
    }

    @Test func everyFieldOfTheRichRecordsComesBackEqual() throws {
        for record in try Self.samples() {
            let unpacked = try PackedAccount(record).unpacked()
            #expect(AccountFixtures.differences(between: record, and: unpacked) == [])
            #expect(unpacked == record)
            // Texts keep their bytes (no normalization), instants their exact value.
            #expect(Array(unpacked.customer.email.displayForm.utf8) == Array(record.customer.email.displayForm.utf8))
            #expect(unpacked.customer.createdAt.timeIntervalSinceReferenceDate == record.customer.createdAt.timeIntervalSinceReferenceDate)
        }
    }

    /// Each optional present and absent, each status, kind, purpose and address use, in
    /// combinations: every variant comes back equal and packs again to the same bytes.
    @Test func everyVariantOfTheRecordComesBackEqualAndRepacksToTheSameBytes() throws {
        let base = try AccountRecordCodableTests.fullRecord()
        let statuses = AccountStatus.allCases
        let purposes = TokenPurpose.allCases
        for variant in 0..<64 {
            var record = base
            let bit = { (index: Int) in variant >> index & 1 == 1 }
            record.customer.kind = bit(0) ? .guest : .account
            record.customer.status = statuses[variant % statuses.count]
            record.customer.emailVerifiedAt = bit(1) ? nil : Date(timeIntervalSinceReferenceDate: -0.0)
            record.customer.statusLog[0].from = bit(2) ? statuses[variant % statuses.count] : nil
            record.customer.statusLog[0].reason = bit(3) ? "e\u{301}" : nil
            record.customer.requirements = bit(4) ? [:] : ["z": "", "a": "Ünïcode", "é": "x"]
            record.customer.groups = bit(5) ? [] : [.vip, .b2b, try CustomerGroup(validating: "wholesale")]
            record.customer.defaultAddresses = bit(1) ? [:] : [.shipping: record.customer.addresses[1].id, .billing: record.customer.addresses[0].id]
            record.customer.addresses[1].company = bit(2) ? "" : nil
            record.customer.addresses[1].phone = bit(3) ? "+1" : nil
            record.credentials = bit(4) ? nil : Credentials(passwordHash: bit(0) ? nil : "h", changedAt: .distantFuture)
            record.tokens[0].purpose = purposes[variant % purposes.count]
            record.tokens[1].newEmail = bit(5) ? nil : try EmailAddress(parsing: "x@example.org")
            record.sessions = bit(2) ? [] : record.sessions
            record.revision = variant - 32
            let packed = PackedAccount(record)
            let unpacked = try packed.unpacked()
            #expect(AccountFixtures.differences(between: record, and: unpacked) == [], "variant \(variant)")
            #expect(unpacked == record, "variant \(variant)")
            #expect(PackedAccount(unpacked).bytes == packed.bytes, "variant \(variant)")
        }
    }

    /// A registered account of the benchmark's kind (password hash, one status change, an
    /// e-mail verification token) packs into about 200 bytes: its PHC hash as raw salt and
    /// hash, and its status change and credentials at the creation instant.
    @Test func aRegisteredAccountPacksSmall() throws {
        var record = try AccountFixtures.record(id: AccountFixtures.customerID(123_456), email: "customer123456@example.nl", status: .pending)
        record.credentials = Credentials(
            passwordHash: try PBKDF2PasswordHasher(iterations: 600_000).hash(Password("correct horse battery")), changedAt: ManualClock.defaultStart)
        record.tokens = [
            StoredToken(digest: try AccountFixtures.digest(1), purpose: .verifyEmail, issuedAt: ManualClock.defaultStart, expiresAt: .distantFuture)
        ]
        let packed = PackedAccount(record)
        #expect(packed.bytes.count < 210, "\(packed.bytes.count) bytes")
        #expect(try packed.unpacked() == record)
        // No spare room beyond what the allocator rounds up to (16-byte chunks plus their
        // usable tail).
        #expect(packed.bytes.capacity <= packed.bytes.count + 32)
    }

    @Test func everyTruncationATrailingByteAndAnUnknownFormatAreErrors() throws {
        let bytes = PackedAccount(try Self.withHistory()).bytes
        for length in 0..<bytes.count {
            #expect(throws: PackedReader.Malformed.self) { try PackedAccount(bytes: Array(bytes.prefix(length))).unpacking() }
        }
        #expect(throws: PackedReader.Malformed.self) { try PackedAccount(bytes: bytes + [0]).unpacking() }
        for format: UInt8 in [0, 4, 0xFF] {
            var wrongFormat = bytes
            wrongFormat[0] = format
            #expect(throws: PackedReader.Malformed.self) { try PackedAccount(bytes: wrongFormat).unpacking() }
        }
    }

    /// What the state's reads throw for bytes that do not unpack: the store error, naming
    /// the customer only when the bytes still start with a valid customer ID.
    @Test func bytesThatDoNotUnpackAreAStoreCorruptedErrorNamingTheCustomer() throws {
        let bytes = PackedAccount(try AccountRecordCodableTests.fullRecord()).bytes
        let truncated = try #require(throws: CoreError.self) { try PackedAccount(bytes: Array(bytes.dropLast())).unpacked() }
        #expect(truncated.code == .storeCorrupted)
        #expect(truncated.context.item == "cust-42")
        var badID = bytes
        badID[2] = UInt8(ascii: "@")
        let unnamed = try #require(throws: CoreError.self) { try PackedAccount(bytes: badID).unpacked() }
        #expect(unnamed.code == .storeCorrupted)
        #expect(unnamed.context.item == "")
    }

    /// Flipping any byte to any of a few values either reads as some record or throws; it
    /// never traps (a count past the end, a bad code, flag, identifier, address or UTF-8).
    @Test func damagedBytesNeverCrash() throws {
        let bytes = PackedAccount(try AccountRecordCodableTests.fullRecord()).bytes
        var refused = 0
        for position in bytes.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x02, 0x07, 0x40, 0x7F, 0x80, 0xFF] where replacement != bytes[position] {
                var damaged = bytes
                damaged[position] = replacement
                if (try? PackedAccount(bytes: damaged).unpacking()) == nil { refused += 1 }
                _ = try? PackedAccount(bytes: damaged).indexEntry()
            }
        }
        #expect(refused > bytes.count, "most damage is noticed")
    }

    /// A packed snapshot reads back every record, and the indexes rebuilt from it find them
    /// by e-mail key, session and token digest; a guest is listed as one.
    @Test func aPackedSnapshotReadsBackEveryRecordAndItsIndexes() throws {
        var state = AccountState()
        var records: [AccountRecord] = []
        for index in 0..<30 {
            var record = try AccountFixtures.richRecord(
                id: AccountFixtures.customerID(30 - index), email: "k\(index)@example.nl", digestBase: UInt8(index * 5))
            record.revision = 1
            if index == 7 { record.customer.kind = .guest }
            try state.apply(.insert(record))
            records.append(record)
        }
        try state.apply(.erase(customer: records[3].customer.id))
        let snapshot = try RecordEncoder.encode(state)
        let read = try RecordDecoder.decode(AccountState.self, from: snapshot)
        #expect(read.customerCount == 29)
        #expect(read.guestCount == 1)
        #expect(read.customers(after: nil, limit: 100) == state.customers(after: nil, limit: 100))
        for (index, record) in records.enumerated() {
            let expected = index == 3 ? nil : record
            #expect(try read.record(record.customer.id) == expected)
            #expect(try read.record(sessionDigest: record.sessions[0].digest) == expected)
            #expect(try read.record(tokenDigest: record.tokens[1].digest) == expected)
            if index != 7 { #expect(try read.account(emailKey: record.customer.email.uniquenessKey) == expected) }
        }
        #expect(try read.guests(emailKey: records[7].customer.email.uniquenessKey) == [records[7]])
        // Through Codable (another decoder than the store's, which reads the packed bytes
        // in place): the same state.
        let viaCodable = try JSONDecoder().decode(AccountState.self, from: JSONEncoder().encode(state))
        #expect(viaCodable.customers(after: nil, limit: 100) == read.customers(after: nil, limit: 100))
        for record in records {
            #expect(try viaCodable.record(record.customer.id) == read.record(record.customer.id))
            #expect(try viaCodable.record(sessionDigest: record.sessions[0].digest) == read.record(sessionDigest: record.sessions[0].digest))
        }
        // The snapshot holds each record's bytes once, with no field names.
        #expect(snapshot.count < 29 * PackedAccount(records[0]).bytes.count + 29 * 4 + 256)
    }

    /// A snapshot written before records were packed (an array of records under `records`)
    /// still opens, and the next snapshot is packed.
    @Test func aSnapshotOfRecordsFromBeforePackingStillReads() throws {
        struct RecordSnapshot: Encodable {
            var records: [AccountRecord]
            var orders: [OrderReference] = []
            var throttles: [LoginThrottleRecord] = []
        }
        let records = try AccountRecordCodableTests.records()
        let read = try RecordDecoder.decode(AccountState.self, from: RecordEncoder.encode(RecordSnapshot(records: records)))
        for record in records { #expect(try read.record(record.customer.id) == record) }
        let repacked = try RecordDecoder.decode(AccountState.self, from: RecordEncoder.encode(read))
        for record in records { #expect(try repacked.record(record.customer.id) == record) }
    }

    /// Records packed in format 1 (before instants and PHC hashes were written short),
    /// kept as bytes: they still unpack to the records they were, and pack again in the
    /// current format.
    static let formatOne = [
        "0107637573742d343201174a616e2e64652e5672696573404578616d706c652e4e4c01000010fef449c84102030000000010e0f449c841000872656769737465720100010000d0e0f449c841010876657269666965640473686f70010102000090e1f449c841010b667261756420636865636b0761646d696e2d3701036b766b08313233343536373801037669700203612d310c4a616e206465205672696573010a567269657320422e562e030f4b65697a65727367726163687420310d33652076657264696570696e670a61636874657268756973073130313520434a09416d7374657264616d010d4e6f6f72642d486f6c6c616e64024e4c010f2b333120323020313233203435363703612d32034a616e00010f527565206465205269766f6c6920320537353030310550617269730002465200010003612d31000010e0f449c841000101202470626b6466322d73686132353624693d3124633246736441246147467a61410000d0dff449c8410203732d3101010101010101010101010101010101010101010101010101010101010101a5000010e0f449c841000010e5f449c84103732d3202020202020202020202020202020202020202020202020202020202020202a5000090e2f449c84100009011f549c8410203030303030303030303030303030303030303030303030303030303030303a500000010e0f449c841000010a09d4ac8410004040404040404040404040404040404040404040404040404040404040404a503000010e0f449c841000010e8fb49c84101116a616e406e696575772e6578616d706c650e",
        "010167000d67406578616d706c652e636f6d0001000000000000000000000000000000000002",
    ]

    /// The four sample records packed in format 2 (before the head: sessions and tokens at
    /// the end), kept as bytes: they unpack to the samples, are indexed as the samples, and
    /// pack again in the current format.
    static let formatTwo = [
        "0207637573742d343201174a616e2e64652e5672696573404578616d706c652e4e4c000010e0f449c84101000010fef449c841020300000000087265676973746572010001010000d0e0f449c841010876657269666965640473686f7001010201000090e1f449c841010b667261756420636865636b0761646d696e2d3701036b766b08313233343536373801037669700203612d310c4a616e206465205672696573010a567269657320422e562e030f4b65697a65727367726163687420310d33652076657264696570696e670a61636874657268756973073130313520434a09416d7374657264616d010d4e6f6f72642d486f6c6c616e64024e4c010f2b333120323020313233203435363703612d32034a616e00010f527565206465205269766f6c6920320537353030310550617269730002465200010003612d3100010301016901310473616c740468617368010000d0dff449c8410203732d3101010101010101010101010101010101010101010101010101010101010101a5000010e0f449c841000010e5f449c84103732d3202020202020202020202020202020202020202020202020202020202020202a5000090e2f449c84100009011f549c8410203030303030303030303030303030303030303030303030303030303030303a500000010e0f449c841000010a09d4ac8410004040404040404040404040404040404040404040404040404040404040404a503000010e0f449c841000010e8fb49c84101116a616e406e696575772e6578616d706c650e",
        "020167000d67406578616d706c652e636f6d0000000000000000000100000000000000000002",
        "02026331011d416e6e612e64652d56726965734042c3bc636865722e4578616d706c6576be0f405c4bc84101365eba405c4bc8410102000000010a72656769737465726564076669787475726501000101365eba405c4bc8410008637573746f6d657202036b766b083132333435363738097661744e756d6265720e4e4c3132333435363738394230310203623262037669700209612d62696c6c696e670d416e6e61206465205672696573011242c3bc63686572202620436f2e20422e562e030f4b65697a65727367726163687420310833652065746167650d742e612e762e20696e6b6f6f70073130313520434a09416d7374657264616d010d4e6f6f72642d486f6c6c616e64024e4c010f2b33312032302031323320343536370a612d7368697070696e679003c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384000109506f737462757320390739393939205a5a0844656c667a696a6c00024e4c00020009612d62696c6c696e67010a612d7368697070696e670001030101690131100000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000001f4fd64415c4bc84103027333a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3c42000415c4bc8413cdfff445c4bc841027331a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a18a4180415c4bc8414e6280415c4bc841027332a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a24e6280405c4bc841128380425c4bc84102b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b103881629425c4bc8418816294a634bc8410112414e4e4140436166c3a92e4578616d706c65b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2014c3729425c4bc8414c3729045e4bc8410000",
        "02026331011d416e6e612e64652d56726965734042c3bc636865722e4578616d706c6576be0f405c4bc84101365eba405c4bc8410102000000010a72656769737465726564076669787475726501000101365eba405c4bc8410008637573746f6d657202036b766b083132333435363738097661744e756d6265720e4e4c3132333435363738394230310203623262037669700209612d62696c6c696e670d416e6e61206465205672696573011242c3bc63686572202620436f2e20422e562e030f4b65697a65727367726163687420310833652065746167650d742e612e762e20696e6b6f6f70073130313520434a09416d7374657264616d010d4e6f6f72642d486f6c6c616e64024e4c010f2b33312032302031323320343536370a612d7368697070696e679003c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384c384000109506f737462757320390739393939205a5a0844656c667a696a6c00024e4c00020009612d62696c6c696e67010a612d7368697070696e670118fdffffffffffffffff01034a505901000000205fa002c200019a9999999999b93f01024245010001f4fd64415c4bc84103027333a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3c42000415c4bc8413cdfff445c4bc841027331a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a18a4180415c4bc8414e6280415c4bc841027332a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a24e6280405c4bc841128380425c4bc84102b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b103881629425c4bc8418816294a634bc8410112414e4e4140436166c3a92e4578616d706c65b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2014c3729425c4bc8414c3729045e4bc84100feffffffffffffffff01",
    ]

    @Test func recordsPackedInFormatTwoStillUnpackAndIndex() throws {
        let samples = try Self.samples()
        #expect(Self.formatTwo.count == samples.count)
        for (hex, sample) in zip(Self.formatTwo, samples) {
            let bytes = try #require(Hex.decode(hex))
            #expect(bytes.first == 2)
            let record = try PackedAccount(bytes: bytes).unpacked()
            #expect(AccountFixtures.differences(between: sample, and: record) == [])
            #expect(record == sample)
            #expect(try PackedAccount(bytes: bytes).indexEntry() == AccountIndexEntry(sample))
            #expect(PackedAccount(record).bytes.first == PackedAccount.format)
        }
    }

    /// The head of a record in the current format gives what unpacking the whole record
    /// gives the indexes, for every sample and variant (guests, closed accounts, an address
    /// whose key is not its display form); a record whose stored key is not its address's is
    /// refused when unpacked.
    @Test func theHeadIndexesARecordAsTheWholeRecordDoes() throws {
        var records = try Self.samples()
        for (kind, status) in [(CustomerKind.guest, AccountStatus.active), (.account, .closed), (.account, .pending)] {
            var record = try AccountRecordCodableTests.fullRecord()
            record.customer.kind = kind
            record.customer.status = status
            record.customer.email = try EmailAddress(parsing: "Jan.de.Vries@Bücher.Example")
            records.append(record)
        }
        for record in records {
            let packed = PackedAccount(record)
            #expect(try packed.indexEntry() == AccountIndexEntry(record))
        }
        let guest = AccountIndexEntry(records[records.count - 3])
        #expect(guest.guestEmailKey == "jan.de.vries@xn--bcher-kva.example")
        #expect(guest.accountEmailKey == nil)
        #expect(AccountIndexEntry(records[records.count - 2]).accountEmailKey == nil, "a closed account frees its address")

        // A key that is not the address's: the head reads, the record does not unpack.
        var bytes = PackedAccount(try AccountRecordCodableTests.fullRecord()).bytes
        let display = Array(try AccountRecordCodableTests.fullRecord().customer.email.displayForm.utf8)
        let at = try #require((0..<bytes.count).first { bytes[$0..<Swift.min(bytes.count, $0 + display.count)].elementsEqual(display) })
        #expect(bytes[at + display.count] == 1, "the sample's key is not its display form")
        bytes[at + display.count + 2] ^= 0x01
        #expect(throws: PackedReader.Malformed.self) { try PackedAccount(bytes: bytes).unpacking() }
    }

    /// A snapshot whose records are packed in format 2 reads back every record, indexed,
    /// and the next snapshot holds them in the current format.
    @Test func aSnapshotOfFormatTwoRecordsReadsAndIsWrittenInTheCurrentFormat() throws {
        struct PackedSnapshot: Encodable {
            var packed: [UInt8]
            var orders: [OrderReference] = []
            var throttles: [LoginThrottleRecord] = []
        }
        // The full record and the guest (the other samples share the full record's ID).
        let samples = Array(try Self.samples().prefix(2))
        var writer = PackedWriter()
        for index in samples.indices.sorted(by: { samples[$0].customer.id < samples[$1].customer.id }) {
            let bytes = try #require(Hex.decode(Self.formatTwo[index]))
            writer.count(bytes.count)
            writer.raw(bytes)
        }
        let read = try RecordDecoder.decode(AccountState.self, from: RecordEncoder.encode(PackedSnapshot(packed: writer.bytes)))
        for sample in samples {
            #expect(try read.record(sample.customer.id) == sample)
            #expect(read.packedRecord(sample.customer.id)?.bytes.first == PackedAccount.format)
            for session in sample.sessions { #expect(try read.record(sessionDigest: session.digest)?.customer.id == sample.customer.id) }
            for token in sample.tokens { #expect(try read.record(tokenDigest: token.digest)?.customer.id == sample.customer.id) }
            if let key = sample.accountEmailKey { #expect(try read.account(emailKey: key) == sample) }
        }
    }

    @Test func recordsPackedInFormatOneStillUnpack() throws {
        let samples = try Self.samples()
        for (index, hex) in Self.formatOne.enumerated() {
            let bytes = try #require(Hex.decode(hex))
            #expect(bytes.first == 1)
            let record = try PackedAccount(bytes: bytes).unpacked()
            #expect(AccountFixtures.differences(between: samples[index], and: record) == [])
            #expect(record == samples[index])
            #expect(PackedAccount(record).bytes.first == PackedAccount.format)
            #expect(try PackedAccount(bytes: bytes).indexEntry() == AccountIndexEntry(record))
            #expect(try PackedAccount(record).unpacked() == record)
        }
    }

    /// A password hash that is not a PHC string, or one whose parts would not encode back
    /// to the same text, is kept as text; every kind comes back byte for byte.
    @Test func everyKindOfPasswordHashComesBackExactly() throws {
        let hashes: [String?] = [
            nil, "not a PHC string", AccountFixtures.unmatchablePasswordHash, "$argon2id$v=19,m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            "$pbkdf2-sha256$i=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA", "$pbkdf2-sha256$$$AA", "$pbkdf2-sha256$i=1,l=32$$QUJD",
        ]
        for hash in hashes {
            var record = try AccountFixtures.record(id: AccountFixtures.customerID(7), email: "hash@example.nl")
            record.credentials = Credentials(passwordHash: hash, changedAt: ManualClock.defaultStart.addingTimeInterval(0.5))
            let unpacked = try PackedAccount(record).unpacked()
            #expect(unpacked.credentials?.passwordHash.map { Array($0.utf8) } == hash.map { Array($0.utf8) }, "\(String(describing: hash))")
            #expect(unpacked == record)
        }
    }

    /// A snapshot holding a packed record whose head is damaged, or one customer twice, is
    /// refused when it is read (a typed decoding error), never half loaded; a record damaged
    /// after its head (only a snapshot that still passed its checksum can hold one) is
    /// refused when that record is read, naming the customer.
    @Test func aDamagedOrDuplicatedRecordInASnapshotIsRefused() throws {
        struct PackedSnapshot: Encodable {
            var packed: [UInt8]
            var orders: [OrderReference] = []
            var throttles: [LoginThrottleRecord] = []
        }
        func snapshot(_ records: [[UInt8]]) throws -> [UInt8] {
            var writer = PackedWriter()
            for bytes in records {
                writer.count(bytes.count)
                writer.raw(bytes)
            }
            return try RecordEncoder.encode(PackedSnapshot(packed: writer.bytes))
        }
        let good = PackedAccount(try AccountRecordCodableTests.fullRecord()).bytes
        #expect(try RecordDecoder.decode(AccountState.self, from: snapshot([good])).customerCount == 1)
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(AccountState.self, from: snapshot([Array(good.prefix(20))])) }
        let damagedTail = try RecordDecoder.decode(AccountState.self, from: snapshot([Array(good.dropLast())]))
        let unreadable = try #require(throws: CoreError.self) { try damagedTail.record(try CustomerID(validating: "cust-42")) }
        #expect(unreadable.code == .storeCorrupted)
        #expect(unreadable.context.item == "cust-42")
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(AccountState.self, from: snapshot([good, good])) }
        // Two customers whose accounts hold one address (the e-mail index is built at once).
        var first = try AccountFixtures.record(id: AccountFixtures.customerID(1), email: "same@example.nl")
        var second = try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "SAME@example.nl")
        first.revision = 1
        second.revision = 1
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode(AccountState.self, from: snapshot([PackedAccount(first).bytes, PackedAccount(second).bytes]))
        }
        second.customer.status = .closed
        let read = try RecordDecoder.decode(AccountState.self, from: snapshot([PackedAccount(first).bytes, PackedAccount(second).bytes]))
        #expect(try read.account(emailKey: "same@example.nl")?.customer.id == first.customer.id, "a closed account holds no address")
    }
}
