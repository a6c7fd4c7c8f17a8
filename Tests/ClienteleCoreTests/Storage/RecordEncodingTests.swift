import ClienteleCore
import Foundation
import Testing

@Suite struct RecordEncodingTests {
    enum Kind: String, Codable, Equatable { case guest, account }

    enum Event: Codable, Equatable {
        case registered(id: UUID, at: Date)
        case renamed(String, String)
        case erased
    }

    struct Everything: Codable, Equatable {
        var text = "Zoë 🛒 \u{0}end"
        var empty = ""
        var flags = (true, false)
        var int = Int.min
        var int8 = Int8.min
        var int16 = Int16.max
        var int32 = Int32.min
        var int64 = Int64.max
        var uint = UInt.max
        var uint8 = UInt8.max
        var uint16 = UInt16.max
        var uint32 = UInt32.max
        var uint64 = UInt64.max
        var double = -0.1
        var float = Float(3.5)
        var missing: String? = nil
        var present: Int? = 42
        var nestedOptional: [String]? = ["a"]
        var kind = Kind.account
        var events: [Event] = [
            .registered(id: UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8") ?? UUID(), at: Date(timeIntervalSince1970: 1_793_491_200)),
            .renamed("old", "new"), .erased,
        ]
        var small: [String: Int] = ["a": 1, "b": 2]
        var large: [String: Int] = Dictionary(uniqueKeysWithValues: (0..<40).map { ("key\($0)", $0) })
        var intKeys: [Int: String] = [1: "one", -5: "minus five"]
        var uuidKeys: [UUID: Int] = Dictionary(uniqueKeysWithValues: (0..<20).map { (UUID(uuid: (UInt8($0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), $0) })
        var set: Set<String> = ["x", "y"]
        var data = Data([0, 1, 2, 255])
        var bytes: [UInt8] = [9, 8, 7]
        var longArray = Array(0..<100)
        var nested = [[1, 2], [], [3]]
        var nothing = Nothing()

        struct Nothing: Codable, Equatable {}

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.text == rhs.text && lhs.empty == rhs.empty && lhs.flags == rhs.flags && lhs.int == rhs.int
                && lhs.int8 == rhs.int8 && lhs.int16 == rhs.int16 && lhs.int32 == rhs.int32 && lhs.int64 == rhs.int64
                && lhs.uint == rhs.uint && lhs.uint8 == rhs.uint8 && lhs.uint16 == rhs.uint16 && lhs.uint32 == rhs.uint32
                && lhs.uint64 == rhs.uint64 && lhs.double == rhs.double && lhs.float == rhs.float && lhs.missing == rhs.missing
                && lhs.present == rhs.present && lhs.nestedOptional == rhs.nestedOptional && lhs.kind == rhs.kind
                && lhs.events == rhs.events && lhs.small == rhs.small && lhs.large == rhs.large && lhs.intKeys == rhs.intKeys
                && lhs.uuidKeys == rhs.uuidKeys && lhs.set == rhs.set && lhs.data == rhs.data && lhs.bytes == rhs.bytes
                && lhs.longArray == rhs.longArray && lhs.nested == rhs.nested && lhs.nothing == rhs.nothing
        }

        enum CodingKeys: String, CodingKey {
            case text, empty, flagOn, flagOff, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64
            case double, float, missing, present, nestedOptional, kind, events, small, large, intKeys, uuidKeys
            case set, data, bytes, longArray, nested, nothing
        }

        init() {}

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            text = try c.decode(String.self, forKey: .text)
            empty = try c.decode(String.self, forKey: .empty)
            flags = (try c.decode(Bool.self, forKey: .flagOn), try c.decode(Bool.self, forKey: .flagOff))
            int = try c.decode(Int.self, forKey: .int)
            int8 = try c.decode(Int8.self, forKey: .int8)
            int16 = try c.decode(Int16.self, forKey: .int16)
            int32 = try c.decode(Int32.self, forKey: .int32)
            int64 = try c.decode(Int64.self, forKey: .int64)
            uint = try c.decode(UInt.self, forKey: .uint)
            uint8 = try c.decode(UInt8.self, forKey: .uint8)
            uint16 = try c.decode(UInt16.self, forKey: .uint16)
            uint32 = try c.decode(UInt32.self, forKey: .uint32)
            uint64 = try c.decode(UInt64.self, forKey: .uint64)
            double = try c.decode(Double.self, forKey: .double)
            float = try c.decode(Float.self, forKey: .float)
            missing = try c.decodeIfPresent(String.self, forKey: .missing)
            present = try c.decodeIfPresent(Int.self, forKey: .present)
            nestedOptional = try c.decodeIfPresent([String].self, forKey: .nestedOptional)
            kind = try c.decode(Kind.self, forKey: .kind)
            events = try c.decode([Event].self, forKey: .events)
            small = try c.decode([String: Int].self, forKey: .small)
            large = try c.decode([String: Int].self, forKey: .large)
            intKeys = try c.decode([Int: String].self, forKey: .intKeys)
            uuidKeys = try c.decode([UUID: Int].self, forKey: .uuidKeys)
            set = try c.decode(Set<String>.self, forKey: .set)
            data = try c.decode(Data.self, forKey: .data)
            bytes = try c.decode([UInt8].self, forKey: .bytes)
            longArray = try c.decode([Int].self, forKey: .longArray)
            nested = try c.decode([[Int]].self, forKey: .nested)
            nothing = try c.decode(Nothing.self, forKey: .nothing)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(empty, forKey: .empty)
            try c.encode(flags.0, forKey: .flagOn)
            try c.encode(flags.1, forKey: .flagOff)
            try c.encode(int, forKey: .int)
            try c.encode(int8, forKey: .int8)
            try c.encode(int16, forKey: .int16)
            try c.encode(int32, forKey: .int32)
            try c.encode(int64, forKey: .int64)
            try c.encode(uint, forKey: .uint)
            try c.encode(uint8, forKey: .uint8)
            try c.encode(uint16, forKey: .uint16)
            try c.encode(uint32, forKey: .uint32)
            try c.encode(uint64, forKey: .uint64)
            try c.encode(double, forKey: .double)
            try c.encode(float, forKey: .float)
            try c.encodeIfPresent(missing, forKey: .missing)
            try c.encodeIfPresent(present, forKey: .present)
            try c.encodeIfPresent(nestedOptional, forKey: .nestedOptional)
            try c.encode(kind, forKey: .kind)
            try c.encode(events, forKey: .events)
            try c.encode(small, forKey: .small)
            try c.encode(large, forKey: .large)
            try c.encode(intKeys, forKey: .intKeys)
            try c.encode(uuidKeys, forKey: .uuidKeys)
            try c.encode(set, forKey: .set)
            try c.encode(data, forKey: .data)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(longArray, forKey: .longArray)
            try c.encode(nested, forKey: .nested)
            try c.encode(nothing, forKey: .nothing)
        }
    }

    @Test func everyKindOfValueSurvivesARoundTrip() throws {
        let value = Everything()
        let bytes = try RecordEncoder.encode(value)
        #expect(try RecordDecoder.decode(Everything.self, from: bytes) == value)
    }

    @Test func topLevelScalarsAndCollectionsRoundTrip() throws {
        #expect(try RecordDecoder.decode(UInt64.self, from: RecordEncoder.encode(UInt64(7))) == 7)
        #expect(try RecordDecoder.decode(String.self, from: RecordEncoder.encode("hi")) == "hi")
        #expect(try RecordDecoder.decode([String: [Int]].self, from: RecordEncoder.encode(["a": [1]])) == ["a": [1]])
        #expect(try RecordDecoder.decode(Int?.self, from: RecordEncoder.encode(Int?.none)) == nil)
        #expect(try RecordDecoder.decode(Ledger.Change.self, from: RecordEncoder.encode(Ledger.Change.close(account: "x"))) == .close(account: "x"))
    }

    struct CustomerV1: Codable, Equatable {
        var id: String
        var visits: Int
        var note: String
    }

    struct CustomerV2: Codable, Equatable {
        var note: String
        var id: String
        var nickname: String?
    }

    @Test func fieldsAreMatchedByNameSoTypesCanEvolve() throws {
        let old = try RecordEncoder.encode(CustomerV1(id: "C1", visits: 3, note: "n"))
        // Reordered, one field dropped, one optional field added.
        #expect(try RecordDecoder.decode(CustomerV2.self, from: old) == CustomerV2(note: "n", id: "C1", nickname: nil))
    }

    @Test func aMissingRequiredFieldIsAnError() throws {
        let new = try RecordEncoder.encode(CustomerV2(note: "n", id: "C1", nickname: "x"))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CustomerV1.self, from: new) }
    }

    @Test func everyTruncationOfAnEncodingIsRejectedWithoutCrashing() throws {
        let bytes = try RecordEncoder.encode(Everything())
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self, "length \(length)") {
                try RecordDecoder.decode(Everything.self, from: Array(bytes[..<length]))
            }
        }
    }

    @Test func flippedBytesNeverCrashTheDecoder() throws {
        let bytes = try RecordEncoder.encode(Everything())
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0xA5
            _ = try? RecordDecoder.decode(Everything.self, from: damaged)
        }
    }

    @Test func valuesDescribeThemselvesWithTagsAndKeys() throws {
        struct Pair: Codable { var a: Int; var b: String? }
        let bytes = try RecordEncoder.encode(Pair(a: -1, b: nil))
        // keyed, 7 bytes, 2 entries, "a" signed zig-zag(-1)=1, "b" nil
        #expect(bytes == [10, 7, 0, 0, 0, 2, 0, 0, 0, 1, 97, 3, 1, 1, 98, 0])
    }
}

@Suite struct RecordDumpTests {
    @Test func anEncodedChangeDumpsAsJSONWithoutItsType() throws {
        struct Entry: Codable { var name: String; var tags: [String]; var note: String?; var score: Double; var raw: [UInt8] }
        let bytes = try RecordEncoder.encode(Ledger.Change.open(account: "a\"b", balance: -3))
        #expect(try bytes.withUnsafeBytes { try RecordDump.json($0) } == #"{"open":{"account":"a\"b","balance":-3}}"#)
        let entry = try RecordEncoder.encode(Entry(name: "x\n", tags: ["p", "q"], note: nil, score: 1.5, raw: [1, 2]))
        #expect(try entry.withUnsafeBytes { try RecordDump.json($0) } == #"{"name":"x\n","tags":["p","q"],"note":null,"score":1.5,"raw":"base64:AQI="}"#)
        // The dump is valid JSON.
        let parsed = try JSONSerialization.jsonObject(with: Data(try entry.withUnsafeBytes { try RecordDump.json($0) }.utf8))
        #expect((parsed as? [String: Any])?["score"] as? Double == 1.5)
    }

    @Test func anEnumCaseWithoutPayloadDumpsAsAnEmptyObjectAndTheFieldsAfterItFollow() throws {
        enum Target: Codable { case allProducts, product(String) }
        struct Entry: Codable { var target: Target; var minimum: Int }
        let bytes = try RecordEncoder.encode([Entry(target: .allProducts, minimum: 2), Entry(target: .product("p"), minimum: 1)])
        #expect(try bytes.withUnsafeBytes { try RecordDump.json($0) }
                == #"[{"target":{"allProducts":{}},"minimum":2},{"target":{"product":{"_0":"p"}},"minimum":1}]"#)
    }

    @Test func aStoreFolderDumpsRecordByRecord() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await StateStore<Ledger>.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.commit(.deposit(account: "a", amount: 2))
        let journal = try folder.journalName()
        let records = try RecordDump.journalRecords(at: folder.file(journal).path)
        #expect(records.map(\.sequence) == [1, 2])
        #expect(records.map(\.offset).first == 32)
        #expect(records.last?.json == #"{"deposit":{"account":"a","amount":2}}"#)
        try await store.compact()
        let snapshot = try #require(try folder.names().first { $0.hasPrefix("snapshot-") })
        #expect(try RecordDump.snapshotState(at: folder.file(snapshot).path) == #"{"balances":{"a":3},"history":["open a","deposit a"]}"#)
        try await store.close()
    }
}

@Suite struct ParallelRecordDecodingTests {
    struct Large: Codable, Equatable {
        var byName: [String: Int]
        var byID: [UUID: String]
        var list: [Int]
    }

    static let large = Large(
        byName: Dictionary(uniqueKeysWithValues: (0..<20_000).map { ("name\($0)", $0) }),
        byID: Dictionary(uniqueKeysWithValues: (0..<20_000).map { index in
            (UUID(uuid: (UInt8(index & 0xFF), UInt8(index >> 8), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), "v\(index)")
        }),
        list: Array(0..<20_000))

    @Test func largeCollectionsDecodeInParallelToTheSameValue() throws {
        let bytes = try RecordEncoder.encode(Self.large)
        #expect(try RecordDecoder.decode(Large.self, from: bytes) == Self.large)
    }

    @Test func damageInsideALargeCollectionIsAnErrorNotACrash() throws {
        let bytes = try RecordEncoder.encode(Self.large)
        for index in stride(from: 1000, to: bytes.count, by: bytes.count / 7) {
            var damaged = bytes
            damaged[index] = 0xEE  // not a valid tag where a tag is expected
            _ = try? RecordDecoder.decode(Large.self, from: damaged)
        }
        var truncated = bytes
        truncated.removeLast(3)
        #expect(throws: (any Error).self) { try RecordDecoder.decode(Large.self, from: truncated) }
    }

    /// Counts its live instances, to show that decoded elements are neither leaked nor freed twice.
    final class Tracked: Decodable, Sendable {
        static let live = Locked(0)
        let value: Int

        init(from decoder: any Decoder) throws {
            value = try decoder.singleValueContainer().decode(Int.self)
            Self.live.withLock { $0 += 1 }
        }

        deinit { Self.live.withLock { $0 -= 1 } }
    }

    @Test func aFailureInAMiddleChunkThrowsAndFreesEveryDecodedElement() throws {
        let values: [Int?] = (0..<40_000).map { $0 == 25_000 ? nil : $0 }
        let bytes = try RecordEncoder.encode(values)
        #expect(throws: DecodingError.self) { try RecordDecoder.decode([Tracked].self, from: bytes) }
        let keyed = try RecordEncoder.encode(Dictionary(uniqueKeysWithValues: values.enumerated().map { ("k\($0.offset)", $0.element) }))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode([String: Tracked].self, from: keyed) }
        #expect(Tracked.live.withLock { $0 } == 0)

        var decoded: [String: Tracked]? = try RecordDecoder.decode(
            [String: Tracked].self, from: try RecordEncoder.encode(Dictionary(uniqueKeysWithValues: (0..<40_000).map { ("k\($0)", $0) })))
        #expect(decoded?.count == 40_000)
        #expect(decoded?["k39999"]?.value == 39_999)
        decoded = nil
        #expect(Tracked.live.withLock { $0 } == 0)
    }

    @Test func theErrorReportedIsTheFirstInOrderAsIfDecodedSequentially() throws {
        func failure(nilAt positions: Set<Int>) throws -> String {
            let bytes = try RecordEncoder.encode((0..<40_000).map { positions.contains($0) ? nil : Optional($0) })
            do {
                _ = try RecordDecoder.decode([Int].self, from: bytes)
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        let first = try failure(nilAt: [20_000])
        #expect(first != "no error")
        for _ in 0..<5 {
            #expect(try failure(nilAt: [20_000, 39_000]) == first)
        }
    }

    @Test func aRepeatedKeyInALargeDictionaryIsDamage() throws {
        var bytes = try RecordEncoder.encode(Dictionary(uniqueKeysWithValues: (10_000..<40_000).map { ("k\($0)", $0) }))
        // Rename key "k30001" to "k30000" in place: same length, so the frame stays valid.
        let renamed = Array("k30001".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: renamed) })
        bytes[index + renamed.count - 1] = UInt8(ascii: "0")
        #expect(throws: DecodingError.self) { try RecordDecoder.decode([String: Int].self, from: bytes) }
    }
}
