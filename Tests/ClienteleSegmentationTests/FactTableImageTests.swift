import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// A fact table written whole (`writeImage(to:)`, what a clean close of the hub saves) and
/// read back (`init(image:schema:)`, then `setLifecycleStages(_:at:)`) holds and selects
/// what the table it was written from held; bytes that are not such an image are refused
/// or read into a table that works, never a crash.
@Suite struct FactTableImageTests {
    typealias Random = SegmentFixtures.SeededGenerator
    static let now = SegmentFixtures.randomNow
    static let policy = LifecyclePolicy()

    /// `facts` staged at ``now`` as the segmentation service stages what it loads.
    static func staged(_ facts: CustomerFacts) -> CustomerFacts {
        var staged = facts
        staged.lifecycleStage = policy.stage(of: facts, at: now).rawValue
        return staged
    }

    /// `count` random customers upserted in id order (staged), then some changed and some
    /// removed, as a table that has served for a while.
    static func table(_ count: Int, seed: UInt64) throws -> FactTable {
        var random = Random(seed: seed)
        var all = try (0..<count).map { try SegmentFixtures.randomFacts($0, using: &random) }
        all.sort { $0.customer < $1.customer }
        var table = FactTable(schema: try SegmentFixtures.randomSchema())
        for facts in all { table.upsert(staged(facts)) }
        for _ in 0..<(count / 5) {
            let index = random.below(all.count)
            if random.chance(30) {
                table.remove(all[index].customer)
            } else {
                var changed = try SegmentFixtures.randomFacts(index, using: &random)
                changed.customer = all[index].customer
                table.upsert(staged(changed))
            }
        }
        return table
    }

    static func image(of table: FactTable) -> [UInt8] {
        var writer = PackedWriter()
        table.writeImage(to: &writer)
        return writer.bytes
    }

    static func read(_ bytes: some Collection<UInt8>, schema: SegmentSchema) throws(PackedReader.Malformed) -> FactTable {
        try Array(bytes).withUnsafeBytes { raw in
            Result { () throws(PackedReader.Malformed) in
                var reader = PackedReader(raw)
                var table = try FactTable(image: &reader, schema: schema)
                guard reader.isAtEnd else { throw reader.malformed("bytes follow the image") }
                table.setLifecycleStages(policy, at: now)
                return table
            }
        }.get()
    }

    @Test func aTableReadFromItsImageHoldsAndSelectsWhatItHeld() throws {
        let schema = try SegmentFixtures.randomSchema()
        let original = try Self.table(600, seed: 20_261_204)
        let bytes = Self.image(of: original)
        let back = try Self.read(bytes, schema: schema)

        #expect(back.rowCount == original.rowCount)
        #expect(back.count == original.count)
        #expect(back.count < back.rowCount, "some customers were removed")
        for row in 0..<original.rowCount {
            #expect(back.facts(at: row) == original.facts(at: row), "row \(row)")
        }
        for customer in original.customers { #expect(back.row(of: customer) == original.row(of: customer)) }
        var random = Random(seed: 5)
        let queries = SegmentFixtures.randomPredicates + (0..<150).map { _ in SegmentFixtures.randomQuery(using: &random) }
            + ["lifecycle_stage = 'lapsed'", "lifecycle_stage IN ('new', 'repeat', 'loyal')", "lifecycle_stage IS NULL"]
        for query in queries {
            let evaluator = try SegmentEvaluator(query, schema: schema)
            #expect(evaluator.members(of: back, at: Self.now) == evaluator.members(of: original, at: Self.now), "\(query)")
        }
        #expect(Self.image(of: back) == bytes, "written again, the same bytes")

        // It goes on serving: a new customer and a change land as in the original.
        var served = (original, back)
        var random2 = Random(seed: 9)
        let new = Self.staged(try SegmentFixtures.randomFacts(9_999, using: &random2))
        #expect(served.0.upsert(new) == served.1.upsert(new))
        #expect(served.1.facts(at: served.1.rowCount - 1) == served.0.facts(at: served.0.rowCount - 1))
        #expect(served.1.facts(at: served.1.rowCount - 1)?.customer == new.customer)
    }

    @Test func theStagesSetFromTheColumnsAreTheStagesOfTheFacts() throws {
        let original = try Self.table(400, seed: 77)
        for days in [0, 89, 90, 364, 365, 2_000] {
            let later = Self.now.addingTimeInterval(Double(days) * 86_400)
            var table = try Self.read(Self.image(of: original), schema: try SegmentFixtures.randomSchema())
            table.setLifecycleStages(Self.policy, at: later)
            for row in 0..<original.rowCount {
                guard let facts = original.facts(at: row) else {
                    #expect(table.facts(at: row) == nil)
                    continue
                }
                #expect(table.facts(at: row)?.lifecycleStage == Self.policy.stage(of: facts, at: later).rawValue, "row \(row), \(days) days on")
            }
        }
    }

    @Test func anImageUnderAnotherSchemaIsRefused() throws {
        let bytes = Self.image(of: try Self.table(20, seed: 3))
        let retyped = try SegmentSchema(
            currency: .eur, profileFields: ["shoe_size": .text, "pet": .text, "has_pets": .boolean, "hobbies": .list, "anniversary": .date])
        let fewer = try SegmentSchema(currency: .eur, profileFields: ["shoe_size": .number])
        for schema in [retyped, fewer] {
            #expect(throws: PackedReader.Malformed.self) { try Self.read(bytes, schema: schema) }
        }
    }

    /// Every byte of a small image changed to eight values, and every prefix: each is
    /// refused or reads into a table whose facts, segments and upserts all work.
    @Test func damagedImagesAreRefusedOrReadIntoATableThatWorks() throws {
        let schema = try SegmentFixtures.randomSchema()
        var table = try Self.table(9, seed: 12)
        var chosen = try blankFacts("c99")
        chosen.profile = ["pet": .choice("dog"), "hobbies": .choices(["garden", "books"]), "has_pets": .boolean(true)]
        chosen.groups = ["vip", "staff"]
        table.upsert(Self.staged(chosen))
        let bytes = Self.image(of: table)
        let evaluators = try ["groups CONTAINS 'vip'", "profile.pet = 'dog'", "consent.newsletter = 'granted'", "profile.shoe_size > 40", "country = 'NL'"]
            .map { try SegmentEvaluator($0, schema: schema) }
        var read = 0
        for position in bytes.indices {
            for value: UInt8 in [0, 1, 2, 0x7F, 0x80, 0xC3, 0xFE, 0xFF] where value != bytes[position] {
                var damaged = bytes
                damaged[position] = value
                guard var back = try? Self.read(damaged, schema: schema) else { continue }
                read += 1
                for row in 0..<back.rowCount { _ = back.facts(at: row) }
                for evaluator in evaluators { _ = evaluator.members(of: back, at: Self.now) }
                for customer in back.customers { back.upsert(Self.staged(try blankFacts(customer.rawValue))) }
            }
        }
        #expect(read > 0, "changed values (a count, a day) still read")
        for length in 0..<bytes.count {
            #expect(throws: PackedReader.Malformed.self) { try Self.read(bytes.prefix(length), schema: schema) }
        }
    }
}
