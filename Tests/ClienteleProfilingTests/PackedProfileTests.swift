import ClienteleCore
@testable import ClienteleProfiling
import ClienteleProfilingTesting
import ClienteleTestKit
import Foundation
import Testing

/// The packed form ``ProfileState`` holds its profiles in, in memory and in its snapshot:
/// every profile comes back equal, damaged bytes are an error and never a crash, and older
/// snapshots (an array of records) still read.
@Suite struct PackedProfileTests {
    static let bob = CustomerID(rawValue: "bob") ?? Fixture.alice

    @Test func theRichProfileAndEveryValueKindComeBackEqual() throws {
        var rich = ProfileFixtures.richProfile(of: Fixture.alice)
        rich.revision = 12
        for profile in [rich, ProfilingRecordCodableTests.profile(), CustomerProfile(customer: Self.bob)] {
            let packed = PackedProfile(profile)
            #expect(packed.revision == profile.revision)
            let unpacked = try packed.unpacked()
            #expect(ProfileFixtures.differences(between: profile, and: unpacked) == [])
            #expect(unpacked == profile)
            #expect(try packed.bytes.withUnsafeBytes { try PackedProfile.customer(in: $0) } == profile.customer)
        }
    }

    @Test func seededRandomProfilesComeBackEqual() throws {
        var random = QuestionSelectionAgreementTests.SplitMix(state: 0x9AC7)
        let sources = Provenance.Source.allCases
        let values: [ProfileValue] = ProfilingRecordCodableTests.values + [
            .number(-.infinity), .number(.greatestFiniteMagnitude), .number(.leastNonzeroMagnitude), .text(""),
            .date(CalendarDate(year: -44, month: 3, day: 15)), .date(CalendarDate(year: Int.max, month: Int.min, day: 0)),
            .text(ProfileFixtures.longestText),
        ]
        for index in 0..<300 {
            var profile = CustomerProfile(customer: try CustomerID(validating: "c\(index)"), revision: Int.random(in: 0...1_000, using: &random))
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let provenance = Provenance(
                    source: sources.randomElement(using: &random) ?? .customer,
                    collectionPoint: ["registration", "account-page", "checkout/Ünïcode", ""].randomElement(using: &random) ?? "",
                    at: Date(timeIntervalSinceReferenceDate: Double.random(in: -1e10...1e10, using: &random)),
                    verified: Bool.random(using: &random))
                let field = FieldKey(stringLiteral: "f\(Int.random(in: 0..<8, using: &random))")
                switch Int.random(in: 0..<10, using: &random) {
                case 0: profile.removeValue(for: field, provenance: provenance, historyLimit: 6)
                case 1: profile.decline(field, at: provenance.at)
                case 2: profile.recordPrompt(at: provenance.at, cap: PromptCap(maximumPrompts: 4))
                default:
                    profile.set(values.randomElement(using: &random) ?? .boolean(true), for: field, provenance: provenance, historyLimit: 6)
                }
            }
            let unpacked = try PackedProfile(profile).unpacked()
            #expect(ProfileFixtures.differences(between: profile, and: unpacked) == [], "profile \(index)")
            #expect(PackedProfile(unpacked).bytes == PackedProfile(profile).bytes, "profile \(index)")
        }
    }

    /// A profile of the benchmark's kind (five fields, set with their history) packs into
    /// about a sixth of what the value takes in memory.
    @Test func aFiveFieldProfileWithItsHistoryPacksSmall() {
        var profile = CustomerProfile(customer: Fixture.alice)
        let registration = Provenance(source: .customer, collectionPoint: "registration", at: Fixture.now)
        let account = Provenance(source: .customer, collectionPoint: "account-page", at: Fixture.daysAgo(1))
        profile.set(.text("customer123456@example.nl"), for: "email", provenance: registration, historyLimit: 50)
        profile.set(.text("Chloé"), for: "first-name", provenance: registration, historyLimit: 50)
        profile.set(.date(CalendarDate(year: 1984, month: 7, day: 9)), for: "birth-date", provenance: account, historyLimit: 50)
        profile.set(.choice("nl"), for: "language", provenance: account, historyLimit: 50)
        profile.set(.boolean(true), for: "loyalty-opt-in", provenance: account, historyLimit: 50)
        let packed = PackedProfile(profile)
        // Each field key and each of the two provenances is written once, and the history's
        // new values refer to the entries.
        #expect(packed.bytes.count < 200, "\(packed.bytes.count) bytes")
        #expect(packed.bytes.capacity <= packed.bytes.count + 16)
    }

    /// A change whose new value is `==` to the field's current value but not the same
    /// bytes (0 and -0; a text in another Unicode normalization) keeps its own bytes.
    @Test func valuesEqualButNotIdenticalToTheEntryKeepTheirOwnBytes() throws {
        var profile = CustomerProfile(customer: Fixture.alice)
        profile.set(.number(-0.0), for: "balance", provenance: Fixture.provenance, historyLimit: 50)
        profile.set(.text("e\u{301}"), for: "initial", provenance: Fixture.provenance, historyLimit: 50)
        profile = CustomerProfile(
            customer: Fixture.alice,
            entries: [
                ProfileEntry(field: "balance", value: .number(0.0), provenance: Fixture.provenance),
                ProfileEntry(field: "initial", value: .text("\u{E9}"), provenance: Fixture.provenance),
            ],
            history: profile.history)
        let unpacked = try PackedProfile(profile).unpacked()
        #expect(unpacked.history.map { $0.newValue.map { "\($0.kind)" } } == ["number", "text"])
        guard case .number(let first) = unpacked.history[0].newValue, case .text(let text) = unpacked.history[1].newValue else {
            Issue.record("the history changed kind")
            return
        }
        #expect(first.sign == .minus)
        #expect(Array(text.utf8) == Array("e\u{301}".utf8))
    }

    /// Bytes that list entries out of field order (never written by `PackedProfile`) still
    /// give a profile sorted as `CustomerProfile` keeps it.
    @Test func entriesOutOfOrderInTheBytesAreSortedWhenUnpacked() throws {
        var writer = PackedWriter()
        writer.byte(PackedProfile.format)
        writer.text("alice")
        writer.count(2)
        writer.text("zeta")
        writer.text("alpha")
        writer.count(1)
        writer.byte(0)  // source: customer
        writer.text("account-page")
        writer.date(Fixture.now)
        writer.byte(0)
        writer.count(2)
        for (field, tag) in [(0, UInt8(4)), (1, UInt8(3))] {  // zeta = true, alpha = false
            writer.count(field)
            writer.byte(tag)
            writer.count(0)
        }
        for _ in 0..<3 { writer.count(0) }  // no history, declines or prompts
        let unpacked = try PackedProfile(bytes: writer.bytes, revision: 2).unpacked()
        #expect(unpacked.entries.map(\.field) == ["alpha", "zeta"])
        #expect(unpacked.value(for: "alpha") == .boolean(false) && unpacked.value(for: "zeta") == .boolean(true))
        #expect(unpacked.revision == 2)
    }

    @Test func everyTruncationAndEveryDamagedFormatByteIsAnError() throws {
        let bytes = PackedProfile(ProfileFixtures.richProfile(of: Fixture.alice)).bytes
        for length in 0..<bytes.count {
            #expect(throws: PackedReader.Malformed.self) { try PackedProfile(bytes: Array(bytes.prefix(length)), revision: 1).unpacked() }
        }
        #expect(throws: PackedReader.Malformed.self) { try PackedProfile(bytes: bytes + [0], revision: 1).unpacked() }
        var wrongFormat = bytes
        wrongFormat[0] = 2
        #expect(throws: PackedReader.Malformed.self) { try PackedProfile(bytes: wrongFormat, revision: 1).unpacked() }
    }

    /// Flipping any byte to any of a few values either reads as some profile or throws; it
    /// never traps (an index past a table, a count past the end, a bad tag or UTF-8).
    @Test func damagedBytesNeverCrash() {
        let bytes = PackedProfile(ProfilingRecordCodableTests.profile()).bytes
        var refused = 0
        for position in bytes.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF] where replacement != bytes[position] {
                var damaged = bytes
                damaged[position] = replacement
                if (try? PackedProfile(bytes: damaged, revision: 1).unpacked()) == nil { refused += 1 }
            }
        }
        #expect(refused > bytes.count, "most damage is noticed")
    }

    @Test func theStateHoldsPackedProfilesAndItsSnapshotReadsBack() throws {
        var state = ProfileState()
        var profiles: [CustomerProfile] = []
        for index in 0..<40 {
            var profile = ProfileFixtures.richProfile(of: try CustomerID(validating: "p\(39 - index)"))
            profile.revision = 1
            profile.set(.number(Double(index)), for: "household-size", provenance: Fixture.provenance, historyLimit: 50)
            try state.apply(.save(profile, expectedRevision: 0))
            profiles.append(profile)
        }
        try state.apply(.erase(customer: profiles[3].customer))
        let snapshot = try RecordEncoder.encode(state)
        let read = try RecordDecoder.decode(ProfileState.self, from: snapshot)
        #expect(read.count == 39)
        #expect(read.customers(after: nil, limit: 100) == state.customers(after: nil, limit: 100))
        for (index, profile) in profiles.enumerated() {
            #expect(try read.profile(of: profile.customer) == (index == 3 ? nil : profile))
        }
        // The snapshot holds each profile's bytes once, with no field names.
        #expect(snapshot.count < 39 * PackedProfile(profiles[0]).bytes.count + 39 * 4 + 64)
    }

    /// A snapshot written before profiles were packed (an array of records under
    /// `profiles`) still opens, and the next snapshot is packed.
    @Test func aSnapshotOfRecordsFromBeforePackingStillReads() throws {
        struct RecordSnapshot: Encodable { var profiles: [CustomerProfile] }
        var first = ProfileFixtures.richProfile(of: Fixture.alice)
        first.revision = 3
        let second = ProfileFixtures.profile(of: Self.bob, 2)
        let read = try RecordDecoder.decode(ProfileState.self, from: RecordEncoder.encode(RecordSnapshot(profiles: [first, second])))
        #expect(try read.profile(of: Fixture.alice) == first)
        #expect(try read.profile(of: Self.bob) == second)
        #expect(read.customers(after: nil, limit: 10) == [Fixture.alice, Self.bob])
        let repacked = try RecordDecoder.decode(ProfileState.self, from: RecordEncoder.encode(read))
        #expect(try repacked.profile(of: Fixture.alice) == first)
    }

    /// A snapshot whose packed profile starts right but is damaged after its customer
    /// (which only a snapshot that still passed its checksum could be) opens, and reading
    /// that profile is a typed error naming the customer, not a crash.
    @Test func aDamagedProfileInASnapshotIsAStoreCorruptedErrorWhenRead() throws {
        let good = PackedProfile(ProfileFixtures.richProfile(of: Fixture.alice)).bytes
        let damaged = Array(good.prefix(good.count - 3))
        var writer = PackedWriter()
        writer.signed(1)
        writer.count(damaged.count)
        writer.raw(damaged)
        struct PackedSnapshot: Encodable { var packed: [UInt8] }
        let state = try RecordDecoder.decode(ProfileState.self, from: RecordEncoder.encode(PackedSnapshot(packed: writer.bytes)))
        let error = try #require(throws: CoreError.self) { try state.profile(of: Fixture.alice) }
        #expect(error.code == .storeCorrupted)
        #expect(error.context.item == "alice")
        // A snapshot whose packed bytes run short is refused when it is read.
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode(ProfileState.self, from: RecordEncoder.encode(PackedSnapshot(packed: Array(writer.bytes.dropLast()))))
        }
    }
}
