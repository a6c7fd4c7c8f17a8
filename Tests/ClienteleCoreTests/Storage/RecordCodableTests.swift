import ClienteleCore
import Foundation
import Testing

/// Twin types: `Plain*` use `Codable` only, `Fast*` the same fields through `RecordCodable`.
enum Twins {
    struct PlainLine: Codable, Equatable {
        var sku: String
        var quantity: Int
    }

    struct FastLine: RecordCodable, Equatable {
        var sku: String
        var quantity: Int

        init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }

        init(from reader: inout RecordReader) throws {
            sku = try reader.decode(String.self, forKey: "sku")
            quantity = try reader.decode(Int.self, forKey: "quantity")
        }

        func encode(to writer: inout RecordWriter) throws {
            writer.encode(sku, forKey: "sku")
            writer.encode(quantity, forKey: "quantity")
        }
    }

    struct PlainMember: Codable, Equatable {
        var id: String
        var email: String?
        var nickname: String?
        var visits: Int
        var balance: Int64
        var points: UInt64
        var shard: Int32
        var flags: UInt32
        var size: UInt
        var ratio: Double
        var active: Bool
        var photo: Data
        var tags: [String]
        var lines: [FastLine]
        var favourite: FastLine?
        var counts: [String: Int]
        var note: PlainLine
    }

    struct FastMember: RecordCodable, Equatable {
        var id: String
        var email: String?
        var nickname: String?
        var visits: Int
        var balance: Int64
        var points: UInt64
        var shard: Int32
        var flags: UInt32
        var size: UInt
        var ratio: Double
        var active: Bool
        var photo: Data
        var tags: [String]
        var lines: [FastLine]
        var favourite: FastLine?
        var counts: [String: Int]
        var note: PlainLine

        init(_ plain: PlainMember) {
            id = plain.id; email = plain.email; nickname = plain.nickname; visits = plain.visits
            balance = plain.balance; points = plain.points; shard = plain.shard; flags = plain.flags
            size = plain.size; ratio = plain.ratio; active = plain.active; photo = plain.photo
            tags = plain.tags; lines = plain.lines; favourite = plain.favourite; counts = plain.counts
            note = plain.note
        }

        init(from reader: inout RecordReader) throws {
            id = try reader.decode(String.self, forKey: "id")
            email = try reader.decodeIfPresent(String.self, forKey: "email")
            nickname = try reader.decodeIfPresent(String.self, forKey: "nickname")
            visits = try reader.decode(Int.self, forKey: "visits")
            balance = try reader.decode(Int64.self, forKey: "balance")
            points = try reader.decode(UInt64.self, forKey: "points")
            shard = try reader.decode(Int32.self, forKey: "shard")
            flags = try reader.decode(UInt32.self, forKey: "flags")
            size = try reader.decode(UInt.self, forKey: "size")
            ratio = try reader.decode(Double.self, forKey: "ratio")
            active = try reader.decode(Bool.self, forKey: "active")
            photo = try reader.decode(Data.self, forKey: "photo")
            tags = try reader.decode([String].self, forKey: "tags")
            lines = try reader.decode([FastLine].self, forKey: "lines")
            favourite = try reader.decodeIfPresent(FastLine.self, forKey: "favourite")
            counts = try reader.decode([String: Int].self, forKey: "counts")
            note = try reader.decode(PlainLine.self, forKey: "note")
        }

        func encode(to writer: inout RecordWriter) throws {
            writer.encode(id, forKey: "id")
            writer.encodeIfPresent(email, forKey: "email")
            writer.encodeIfPresent(nickname, forKey: "nickname")
            writer.encode(visits, forKey: "visits")
            writer.encode(balance, forKey: "balance")
            writer.encode(points, forKey: "points")
            writer.encode(shard, forKey: "shard")
            writer.encode(flags, forKey: "flags")
            writer.encode(size, forKey: "size")
            writer.encode(ratio, forKey: "ratio")
            writer.encode(active, forKey: "active")
            try writer.encode(photo, forKey: "photo")
            try writer.encode(tags, forKey: "tags")
            try writer.encode(lines, forKey: "lines")
            try writer.encodeIfPresent(favourite, forKey: "favourite")
            try writer.encode(counts, forKey: "counts")
            try writer.encode(note, forKey: "note")
        }
    }

    static func plain(_ number: Int) -> PlainMember {
        PlainMember(
            id: "M\(number)", email: number.isMultiple(of: 2) ? "m\(number)@example.nl" : nil, nickname: nil,
            visits: -number, balance: Int64.min + Int64(number), points: UInt64.max - UInt64(number),
            shard: Int32(number % 7), flags: 0xFFFF_FFFF, size: UInt(number), ratio: Double(number) / 3,
            active: number.isMultiple(of: 3), photo: Data([0, 1, UInt8(number & 0xFF)]), tags: ["vip", "zoë 🛒"],
            lines: [FastLine(sku: "S\(number)", quantity: 2), FastLine(sku: "", quantity: 0)],
            favourite: number.isMultiple(of: 2) ? FastLine(sku: "F", quantity: 1) : nil,
            counts: ["a": 1, "b\(number)": 2], note: PlainLine(sku: "n", quantity: number))
    }

    /// A shop's main table: customer id → member, large enough to decode in parallel chunks.
    struct PlainTable: Codable, Equatable {
        var members: [String: PlainMember] = [:]
        var label = "table"
    }

    struct FastTable: Codable, Equatable {
        var members: [String: FastMember] = [:]
        var label = "table"
    }

    /// `PlainLine` as a later version might write it: a field added before, one after.
    struct FutureLine: Codable {
        var origin: String
        var sku: String
        var quantity: Int
        var warehouse: [String: Int]
    }
}

@Suite struct RecordCodableTests {
    @Test(arguments: [1, 2, 3])
    func theFastEncodingIsByteForByteTheCodableEncoding(number: Int) throws {
        // `FastMember(plain)` shares `plain`'s dictionary storage, so both list its entries in the same order.
        let plain = Twins.plain(number)
        let codable = try RecordEncoder.encode(plain)
        let fast = try RecordEncoder.encode(Twins.FastMember(plain))
        #expect(fast == codable)
        #expect(try RecordEncoder.encode(Twins.FastLine(sku: "x", quantity: 3)) == RecordEncoder.encode(Twins.PlainLine(sku: "x", quantity: 3)))
    }

    @Test func codableAndFastTypesReadEachOthersRecords() throws {
        let plain = Twins.plain(4)
        let fast = Twins.FastMember(plain)
        #expect(try RecordDecoder.decode(Twins.FastMember.self, from: RecordEncoder.encode(plain)) == fast)
        #expect(try RecordDecoder.decode(Twins.PlainMember.self, from: RecordEncoder.encode(fast)) == plain)
        #expect(try RecordDecoder.decode(Twins.FastMember.self, from: RecordEncoder.encode(fast)) == fast)
    }

    @Test func aLargeTableOfFastRecordsDecodesInParallelToTheSameValue() throws {
        var plain = Twins.PlainTable()
        var fast = Twins.FastTable()
        for number in 0..<20_000 {
            plain.members["M\(number)"] = Twins.plain(number)
            fast.members["M\(number)"] = Twins.FastMember(Twins.plain(number))
        }
        // (Two dictionaries list the same entries in different orders, so compare values, not bytes.)
        let bytes = try RecordEncoder.encode(fast)
        #expect(try RecordDecoder.decode(Twins.FastTable.self, from: bytes) == fast)
        #expect(try RecordDecoder.decode(Twins.PlainTable.self, from: bytes) == plain)
        #expect(try RecordDecoder.decode(Twins.FastTable.self, from: RecordEncoder.encode(plain)) == fast)
    }

    @Test func unknownFieldsAreSkippedAndOrderDoesNotMatter() throws {
        let future = Twins.FutureLine(origin: "web", sku: "S1", quantity: 5, warehouse: ["ams": 2])
        let bytes = try RecordEncoder.encode(future)
        #expect(try RecordDecoder.decode(Twins.FastLine.self, from: bytes) == Twins.FastLine(sku: "S1", quantity: 5))
        #expect(try RecordDecoder.decode([Twins.FastLine].self, from: RecordEncoder.encode([future, future])).count == 2)
    }

    @Test func aMissingFieldIsAKeyNotFoundError() throws {
        struct OnlySKU: Codable { var sku: String }
        let bytes = try RecordEncoder.encode(OnlySKU(sku: "S1"))
        do {
            _ = try RecordDecoder.decode(Twins.FastLine.self, from: bytes)
            Issue.record("decoded a record without its quantity")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "quantity")
        }
    }

    @Test func aFieldOfTheWrongKindIsADecodingError() throws {
        struct WrongKind: Codable { var sku: Int; var quantity: String }
        let bytes = try RecordEncoder.encode(WrongKind(sku: 1, quantity: "two"))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Twins.FastLine.self, from: bytes) }
        // A number too large for the field's type.
        struct Wide: Codable { var sku: String; var quantity: UInt64 }
        let wide = try RecordEncoder.encode(Wide(sku: "s", quantity: .max))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Twins.FastLine.self, from: wide) }
        // Not a keyed record at all.
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Twins.FastLine.self, from: RecordEncoder.encode("text")) }
    }

    @Test func arraysOfTheWrongShapeAreDecodingErrors() throws {
        struct Holder: RecordDecodable, Equatable {
            var lines: [Twins.FastLine]
            var tags: [String]
            init(from reader: inout RecordReader) throws {
                lines = try reader.decode([Twins.FastLine].self, forKey: "lines")
                tags = try reader.decode([String].self, forKey: "tags")
            }
        }
        struct Good: Codable { var lines: [Twins.PlainLine]; var tags: [String] }
        struct LinesAreText: Codable { var lines: [String]; var tags: [String] }
        struct TagsAreNumbers: Codable { var lines: [Twins.PlainLine]; var tags: [Int] }
        struct NoArrays: Codable { var lines: Int; var tags: [String] }
        let good = try RecordDecoder.decode(Holder.self, from: RecordEncoder.encode(Good(lines: [.init(sku: "a", quantity: 1)], tags: [])))
        #expect(good.lines == [Twins.FastLine(sku: "a", quantity: 1)] && good.tags.isEmpty)
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Holder.self, from: RecordEncoder.encode(LinesAreText(lines: ["x"], tags: []))) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Holder.self, from: RecordEncoder.encode(TagsAreNumbers(lines: [], tags: [1]))) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(Holder.self, from: RecordEncoder.encode(NoArrays(lines: 1, tags: []))) }
    }

    @Test func everyTruncationOfAFastRecordIsADecodingError() throws {
        let bytes = try RecordEncoder.encode(Twins.FastMember(Twins.plain(6)))
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self, "length \(length)") {
                try RecordDecoder.decode(Twins.FastMember.self, from: Array(bytes[..<length]))
            }
        }
    }

    @Test func everyDamagedByteOrTagIsAnErrorOrAValueNeverACrash() throws {
        let bytes = try RecordEncoder.encode(Twins.FastMember(Twins.plain(8)))
        var rejected = 0
        for index in bytes.indices {
            for pattern: UInt8 in [0xFF, 0x01, 0x80] {
                var damaged = bytes
                damaged[index] ^= pattern
                do {
                    _ = try RecordDecoder.decode(Twins.FastMember.self, from: damaged)
                } catch is DecodingError {
                    rejected += 1
                }
            }
        }
        // Most damage is detected (a flipped character inside a string is not).
        #expect(rejected > bytes.count)
    }

    @Test func aFastRecordDumpsAsJSONWithoutItsType() throws {
        let line = Twins.FastLine(sku: "S\"1", quantity: -2)
        let bytes = try RecordEncoder.encode([line])
        #expect(try bytes.withUnsafeBytes { try RecordDump.json($0) } == #"[{"sku":"S\"1","quantity":-2}]"#)
    }

    @Test func aFastTableSurvivesCompactionAndReopening() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await StateStore<MemberTable>.open(folder: folder.url)
        try await store.commit(.add((0..<20_000).map { Twins.FastMember(Twins.plain($0)) }))
        try await store.compact()
        try await store.commit(.add([Twins.FastMember(Twins.plain(20_000))]))
        try await store.close()

        let reopened = try await StateStore<MemberTable>.open(folder: folder.url)
        #expect(reopened.read { $0.members.count } == 20_001)
        #expect(reopened.read { $0.members["M7"] } == Twins.FastMember(Twins.plain(7)))
        #expect(reopened.recoveryReport.replayedRecords == 1)
        try await reopened.close()
    }

    @Test func aSnapshotWhoseRecordsLackAFieldIsReportedAsCorruption() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await StateStore<MemberTable.Older>.open(folder: folder.url)
        try await store.commit(.add((0..<20_000).map { "M\($0)" }))
        try await store.compact()
        try await store.close()

        do {
            let reopened = try await StateStore<MemberTable>.open(folder: folder.url)
            try await reopened.close()
            Issue.record("opened a snapshot whose members lack required fields")
        } catch let error as CoreError {
            #expect(error.code == .storeCorrupted)
            #expect(error.context.file?.hasPrefix("snapshot-") == true)
            #expect(error.underlying is DecodingError)
        }
    }
}

/// A journaled table of fast records, and an older shape of it whose members have only an id.
struct MemberTable: JournaledState {
    enum Change: Sendable, Codable {
        case add([Twins.FastMember])
    }

    var members: [String: Twins.FastMember] = [:]

    mutating func apply(_ change: Change) {
        switch change {
        case .add(let batch):
            for member in batch { members[member.id] = member }
        }
    }

    struct Older: JournaledState {
        struct Member: Sendable, Codable { var id: String }
        enum Change: Sendable, Codable { case add([String]) }

        var members: [String: Member] = [:]

        mutating func apply(_ change: Change) {
            switch change {
            case .add(let ids):
                for id in ids { members[id] = Member(id: id) }
            }
        }
    }
}
