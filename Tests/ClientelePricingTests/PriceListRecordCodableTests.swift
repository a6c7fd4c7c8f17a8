import ClienteleCore
import ClientelePricing
import ClienteleTestKit
import Foundation
import Testing

/// The price lists' `RecordCodable` fast path writes and reads exactly the bytes of their
/// `Codable` conformances (the format), and refuses what those refuse.
@Suite struct PriceListRecordCodableTests {
    /// Every optional set, every target and adjustment kind.
    static func fullList() throws -> PriceList {
        try F.list(
            "spring-sale", currency: .usd, status: .draft, validFrom: now, validTo: now.addingTimeInterval(30 * day),
            audience: .groups(["vip", "staff"]), priority: -3, mode: .override,
            entries: [
                F.entry("e-1", F.product("SKU-1"), F.fixed("12.50", .usd)),
                F.entry("e-2", F.category("garden"), minimumQuantity: 3, F.percentOff(1_250)),
                F.entry("e-3", .allProducts, F.off("1.00", .usd)),
            ])
    }

    /// No optional set, no entries.
    static func minimalList() throws -> PriceList {
        try F.list("empty", audience: .everyone)
    }

    @Test(arguments: [true, false])
    func fastBytesEqualCodableBytesAndDecodeBothWays(full: Bool) throws {
        let stored = StoredPriceList(list: full ? try Self.fullList() : try Self.minimalList(), revision: 4)
        let codable = try RecordEncoder.encode(CodableOnly(stored))
        let fast = try RecordEncoder.encode(stored)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(StoredPriceList.self, from: codable) == stored)
        #expect(try RecordDecoder.decode(CodableOnly<StoredPriceList>.self, from: fast).value == stored)
    }

    @Test func aWholePriceListStateEncodesAsItsCodable() throws {
        var state = PriceListState()
        try state.apply(.create(Self.fullList()))
        try state.apply(.create(Self.minimalList()))
        try state.apply(.create(F.list("customers", audience: .customers([CustomerID(validating: "c-1")]), entries: [F.entry("x", .allProducts, F.percentOff(100))])))
        let fast = try RecordEncoder.encode(state)
        #expect(fast == (try RecordEncoder.encode(CodableOnly(state))))
        #expect(try RecordDecoder.decode(PriceListState.self, from: fast) == state)
        #expect(try RecordDecoder.decode(CodableOnly<PriceListState>.self, from: fast).value == state)
    }

    @Test func listsSurviveTheJournalACompactionAndAReopen() async throws {
        let temporary = try TemporaryFolder(prefix: "price-list-record-codable")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        var store = try await ReferencePriceListStore.open(folder: folder)
        let full = try await store.create(try Self.fullList())
        let minimal = try await store.create(try Self.minimalList())
        for compacting in [false, true] {
            if compacting { try await store.compact() }
            try await store.close()
            store = try await ReferencePriceListStore.open(folder: folder)
            #expect(try await store.list(full.id) == full)
            #expect(try await store.list(minimal.id) == minimal)
        }
        try await store.close()
    }

    /// Stored values that the `Codable` conformances refuse: the fast path refuses them too.
    static let damaged: [(field: String, from: String, to: String)] = [
        ("list id", "spring-sale", "spring sal "),
        ("currency", "USD", "USX"),
        ("status", "draft", "drafX"),
        ("mode", "override", "overridX"),
        ("entry id", "e-1", "e 1"),
        ("product id", "SKU-1", "SKU 1"),
        ("target case", "category", "categorX"),
        ("adjustment case", "percentOff", "percentOfX"),
    ]

    @Test(arguments: damaged.indices)
    func invalidStoredValuesAreRefusedByBothPaths(index: Int) throws {
        let (_, from, to) = Self.damaged[index]
        let bytes = try RecordEncoder.encode(StoredPriceList(list: try Self.fullList(), revision: 1))
        let damaged = try #require(RecordBytes.replacing(Array(from.utf8), with: Array(to.utf8), in: bytes))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<StoredPriceList>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(StoredPriceList.self, from: damaged) }
    }

    @Test func negativeBasisPointsAreRefusedByBothPaths() throws {
        let entry = try F.entry("e", .allProducts, F.percentOff(1_234))
        let bytes = try RecordEncoder.encode(entry)
        // 1,234 is stored as the zigzag varint of 2,468 (A4 13); C7 01 is that of -100.
        let damaged = try #require(RecordBytes.replacing([0xA4, 0x13], with: [0xC7, 0x01], in: bytes))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<PriceEntry>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(PriceEntry.self, from: damaged) }
    }

    @Test func aMissingFieldIsKeyNotFound() throws {
        var bytes = try RecordEncoder.encode(StoredPriceList(list: try Self.minimalList(), revision: 1))
        bytes = try #require(RecordBytes.replacing(Array("priority".utf8), with: Array("prioritX".utf8), in: bytes))
        #expect {
            try RecordDecoder.decode(StoredPriceList.self, from: bytes)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "priority"
        }
    }

}
