import ClienteleProfiling
import ClienteleTestKit
import Foundation
import Testing

/// The profile's `RecordCodable` fast path writes and reads exactly the bytes of the
/// `Codable` conformances (the format), and refuses what those refuse.
@Suite struct ProfilingRecordCodableTests {
    static let values: [ProfileValue] = [
        .text("Zoë"), .number(42.5), .number(-0.0), .boolean(true), .date(CalendarDate(year: 1990, month: 5, day: 17)),
        .choice("dog"), .choices(["garden", "books"]), .choices([]),
        .address(PostalAddress(line1: "Main 1", line2: "2nd floor", postalCode: "1234 AB", city: "Utrecht", region: "UT", country: "NL")),
        .address(PostalAddress(line1: "Main 1", postalCode: "1234 AB", city: "Utrecht", country: "NL")),
    ]

    /// A profile holding every value case, a first answer, a change, a removal, declines and prompts.
    static func profile() -> CustomerProfile {
        var profile = CustomerProfile(customer: Fixture.alice, revision: 7)
        for (index, value) in values.enumerated() {
            let provenance = Provenance(
                source: Provenance.Source.allCases[index % Provenance.Source.allCases.count], collectionPoint: "point-\(index)",
                at: Fixture.now.addingTimeInterval(Double(index) * 0.001), verified: index.isMultiple(of: 2))
            profile.set(value, for: FieldKey(stringLiteral: "field-\(index)"), provenance: provenance, historyLimit: 50)
        }
        profile.set(.text("changed"), for: "field-0", provenance: Fixture.provenance, historyLimit: 50)
        profile.removeValue(for: "field-1", provenance: Fixture.provenance, historyLimit: 50)
        profile.decline("phone", at: Fixture.daysAgo(3))
        profile.decline("birth-date", at: Fixture.daysAgo(1.5))
        profile.recordPrompt(at: Fixture.daysAgo(2), cap: PromptCap(maximumPrompts: 3))
        profile.recordPrompt(at: Fixture.daysAgo(1), cap: PromptCap(maximumPrompts: 3))
        return profile
    }

    @Test(arguments: values.indices)
    func eachValueEncodesAsItsCodable(index: Int) throws {
        let value = Self.values[index]
        let codable = try RecordEncoder.encode(CodableOnly(value))
        let fast = try RecordEncoder.encode(value)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(ProfileValue.self, from: codable) == value)
        #expect(try RecordDecoder.decode(CodableOnly<ProfileValue>.self, from: fast).value == value)
    }

    @Test func aWholeProfileEncodesAsItsCodableAndDecodesBothWays() throws {
        let profile = Self.profile()
        #expect(profile.history.count == Self.values.count + 2)
        let codable = try RecordEncoder.encode(CodableOnly(profile))
        let fast = try RecordEncoder.encode(profile)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(CustomerProfile.self, from: codable) == profile)
        #expect(try RecordDecoder.decode(CodableOnly<CustomerProfile>.self, from: fast).value == profile)
    }

    @Test func anEmptyProfileEncodesAsItsCodable() throws {
        let profile = CustomerProfile(customer: Fixture.alice)
        #expect(try RecordEncoder.encode(profile) == RecordEncoder.encode(CodableOnly(profile)))
        #expect(try RecordDecoder.decode(CustomerProfile.self, from: RecordEncoder.encode(profile)) == profile)
    }

    /// Stored values that the `Codable` conformances refuse: the fast path refuses them too.
    static let damaged: [(name: String, from: String, to: String)] = [
        ("customer id", "alice", "ali e"),
        ("field key", "field-3", "Field-3"),
        ("provenance source", "checkout", "checkouX"),
        ("value case", "boolean", "booleaX"),
    ]

    @Test(arguments: damaged.indices)
    func invalidStoredValuesAreRefusedByBothPaths(index: Int) throws {
        let (_, from, to) = Self.damaged[index]
        let bytes = try RecordEncoder.encode(Self.profile())
        let damaged = try #require(RecordBytes.replacing(Array(from.utf8), with: Array(to.utf8), in: bytes))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<CustomerProfile>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CustomerProfile.self, from: damaged) }
    }

    @Test func entriesStoredOutOfOrderAreSortedOnReading() throws {
        let profile = Self.profile()
        var unsorted = profile
        unsorted.revision = 8
        // Decoding goes through the sorting initializer, so a value built from reversed
        // entries reads back equal to the sorted one.
        let reversed = CustomerProfile(
            customer: profile.customer, entries: profile.entries.reversed(), history: profile.history,
            declines: profile.declines.reversed(), prompts: profile.prompts.reversed(), revision: 8)
        #expect(reversed == unsorted)
        #expect(try RecordDecoder.decode(CustomerProfile.self, from: RecordEncoder.encode(reversed)) == unsorted)
    }
}
