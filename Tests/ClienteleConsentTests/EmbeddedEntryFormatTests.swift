import ClienteleConsent
import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// `ConsentRecord` and `ConsentReceipt.Event` embed a `ConsentEntry` but keep the flat
/// format they had when they repeated its fields: the same bytes in the record encoding and
/// in JSON, and the same hashes.
@Suite struct EmbeddedEntryFormatTests {
    /// `ConsentRecord` as it was declared before it embedded the entry, with the
    /// synthesized `Codable`.
    struct FlatRecord: Codable, Equatable {
        var id: UUID
        var customer: CustomerID
        var sequence: Int
        var at: Date
        var action: ConsentAction
        var purpose: PurposeID?
        var purposeVersion: Int?
        var channel: ContactChannel?
        var source: String
        var actor: ConsentActor
        var evidence: ConsentEvidence
        var confirmBy: Date?
        var confirms: Int?
        var softOptIn: SoftOptIn?
        var previousHash: Digest256
        var hash: Digest256

        init(_ record: ConsentRecord) {
            (id, customer, sequence, at, action) = (record.id, record.customer, record.sequence, record.at, record.action)
            (purpose, purposeVersion, channel, source) = (record.purpose, record.purposeVersion, record.channel, record.source)
            (actor, evidence, confirmBy, confirms) = (record.actor, record.evidence, record.confirmBy, record.confirms)
            (softOptIn, previousHash, hash) = (record.softOptIn, record.previousHash, record.hash)
        }
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    @Test(arguments: 0..<3)
    func aRecordEncodesAsTheFlatRecordDid(index: Int) throws {
        let record = try ConsentRecordCodableTests.ledger()[index]
        let flat = FlatRecord(record)
        #expect(try RecordEncoder.encode(record) == RecordEncoder.encode(flat))
        #expect(try RecordEncoder.encode(CodableOnly(record)) == RecordEncoder.encode(flat))
        #expect(try Self.json(record) == Self.json(flat))
        #expect(try JSONDecoder().decode(ConsentRecord.self, from: Self.json(flat)) == record)
        #expect(try RecordDecoder.decode(ConsentRecord.self, from: RecordEncoder.encode(flat)) == record)
        #expect(LedgerChain.computeHash(of: record) == record.hash)
    }

    @Test func sealingKeepsTheEntryWithItsInstantsToTheMillisecond() throws {
        let at = Date(timeIntervalSince1970: 1_793_491_200.123_456)
        let entry = ConsentEntry(
            id: UUID(), at: at, action: .given, purpose: "offers", source: "form", actor: .customer,
            confirmBy: at.addingTimeInterval(10))
        let record = ConsentRecord(sealing: entry, customer: ConsentRecordCodableTests.customer, after: nil)
        #expect(record.entry.id == entry.id)
        #expect(record.entry.source == "form")
        #expect(record.at == Date(timeIntervalSince1970: 1_793_491_200.123))
        #expect(record.entry.confirmBy == Date(timeIntervalSince1970: 1_793_491_210.123))
    }

    @Test func aReceiptEventCarriesTheRecordsEntryAndEncodesFlat() async throws {
        let harness = try Harness()
        try await harness.subscribeToNewsletter()
        let receipt = try await harness.service.receipt(for: Fixture.alice)
        let ledger = try await harness.service.ledger(of: Fixture.alice)
        #expect(receipt.events.map(\.entry) == ledger.map(\.entry))
        #expect(receipt.events.map(\.hash) == ledger.map(\.hash))
        let events = try #require(
            try JSONSerialization.jsonObject(with: Self.json(receipt.events)) as? [[String: Any]])
        #expect(Set(events[0].keys).isSuperset(of: ["sequence", "id", "at", "action", "source", "actor", "evidence", "previousHash", "hash"]))
        #expect(events[0]["entry"] == nil)
        #expect(events[0]["confirmBy"] != nil, "a double opt-in's deadline is in its event")
        #expect((events[1]["confirms"] as? Int) == 0, "a confirmation names the record it confirms")
        let decoded = try JSONDecoder().decode([ConsentReceipt.Event].self, from: Self.json(receipt.events))
        #expect(decoded == receipt.events)
        for event in decoded {
            let resealed = ConsentRecord(sealing: event.entry, customer: Fixture.alice, sequence: event.sequence, previousHash: event.previousHash)
            #expect(resealed.hash == event.hash, "every hash can be recomputed from the receipt alone")
        }
    }
}
