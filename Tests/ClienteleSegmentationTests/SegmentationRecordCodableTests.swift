import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// The segment store's `RecordCodable` fast path writes and reads exactly the bytes of the
/// `Codable` conformances (the format), and refuses what those refuse.
@Suite struct SegmentationRecordCodableTests {
    static let definition = Result {
        try SegmentDefinition(
            name: "lapsed_vip", query: "groups CONTAINS 'vip' AND NOT last_order_date >= -365d", revision: 3,
            updatedAt: Date(timeIntervalSince1970: 1_793_491_200.123))
    }

    @Test func aDefinitionEncodesAsItsCodableAndDecodesBothWays() throws {
        let definition = try Self.definition.get()
        let codable = try RecordEncoder.encode(CodableOnly(definition))
        let fast = try RecordEncoder.encode(definition)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(SegmentDefinition.self, from: codable) == definition)
        #expect(try RecordDecoder.decode(CodableOnly<SegmentDefinition>.self, from: fast).value == definition)
    }

    @Test func aMembershipDeltaEncodesAsItsCodableAndDecodesBothWays() throws {
        let ids = try ["b", "A", "c-1", "a"].map { try CustomerID(validating: $0) }
        for delta in [
            SegmentMembershipDelta(segment: "repeat", definitionRevision: 2, entered: ids.prefix(2), exited: ids.suffix(2)),
            SegmentMembershipDelta(segment: "repeat", definitionRevision: 1, entered: [], exited: []),
        ] {
            let codable = try RecordEncoder.encode(CodableOnly(delta))
            let fast = try RecordEncoder.encode(delta)
            #expect(fast == codable)
            #expect(try RecordDecoder.decode(SegmentMembershipDelta.self, from: codable) == delta)
            #expect(try RecordDecoder.decode(CodableOnly<SegmentMembershipDelta>.self, from: fast).value == delta)
        }
    }

    @Test func aStoredDefinitionWithAnInvalidNameIsRefusedByBothPaths() throws {
        let bad = BadDefinition(name: "VIP customers", query: "number_of_orders >= 2", revision: 1, updatedAt: Date(timeIntervalSince1970: 0))
        let bytes = try RecordEncoder.encode(bad)
        #expect(throws: (any Error).self) { try RecordDecoder.decode(SegmentDefinition.self, from: bytes) }
        #expect(throws: (any Error).self) { try RecordDecoder.decode(CodableOnly<SegmentDefinition>.self, from: bytes) }
    }

    /// A definition's fields without the name check.
    struct BadDefinition: Codable {
        var name: String
        var query: String
        var revision: Int
        var updatedAt: Date
    }
}
