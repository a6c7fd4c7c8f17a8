import ClienteleConsent
import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// The consent ledger's `RecordCodable` fast path writes and reads exactly the bytes of
/// the `Codable` conformances (the format), and refuses what those refuse.
@Suite struct ConsentRecordCodableTests {
    static let base = Date(timeIntervalSinceReferenceDate: 815_000_000.125)
    static let customer = CustomerID(rawValue: "cust-42") ?? CustomerID(using: .incrementing())

    static func digest(_ byte: UInt8) throws -> Digest256 {
        try #require(Digest256(bytes: [UInt8](repeating: byte, count: 31) + [0xA5]))
    }

    /// A ledger of three records: one with every optional set, a soft opt-in, and an
    /// objection with none set.
    static func ledger() throws -> [ConsentRecord] {
        let given = ConsentEntry(
            id: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F") ?? UUID(), at: base, action: .given,
            purpose: "newsletter", purposeVersion: 3, channel: .email, source: "newsletter-footer", actor: .customer,
            evidence: ConsentEvidence(formID: "footer-v2", ipAddressDigest: try digest(1), userAgentDigest: try digest(2)),
            confirmBy: base.addingTimeInterval(172_800), confirms: 0)
        let softOptIn = ConsentEntry(
            id: UUID(uuidString: "0A0B0C0D-0E0F-4011-8213-141516171819") ?? UUID(), at: base.addingTimeInterval(1.5),
            action: .softOptIn, purpose: "newsletter", purposeVersion: 3, channel: .sms, source: "checkout", actor: .shop,
            softOptIn: SoftOptIn(orderReference: "ORD-7", productCategories: ["garden", "books"], expiresAt: base.addingTimeInterval(9e6)))
        let objection = ConsentEntry(
            id: UUID(uuidString: "FFFFFFFF-0000-4000-8000-000000000001") ?? UUID(), at: base.addingTimeInterval(3),
            action: .objected, purpose: nil, source: "unsubscribe-link", actor: .system)
        var records: [ConsentRecord] = []
        for entry in [given, softOptIn, objection] {
            records.append(ConsentRecord(sealing: entry, customer: customer, after: records.last))
        }
        return records
    }

    static func send(head: LedgerHead, reference: String?) -> SendRecord {
        SendRecord(
            id: UUID(uuidString: "11111111-2222-4333-8444-555555555555") ?? UUID(), customer: customer, sequence: 0,
            at: base.addingTimeInterval(60), kind: .purpose("newsletter"), channel: .email, category: .marketing,
            purposeVersion: 3, basis: .consent(sequence: 0, version: 3, since: base), ledgerHead: head, reference: reference)
    }

    @Test(arguments: [0, 1, 2])
    func fastBytesEqualCodableBytesAndDecodeBothWays(index: Int) throws {
        let record = try Self.ledger()[index]
        let codable = try RecordEncoder.encode(CodableOnly(record))
        let fast = try RecordEncoder.encode(record)
        #expect(fast == codable)
        #expect(try RecordDecoder.decode(ConsentRecord.self, from: codable) == record)
        #expect(try RecordDecoder.decode(CodableOnly<ConsentRecord>.self, from: fast).value == record)
    }

    @Test(arguments: [true, false])
    func sendsAndSuppressionsEncodeAsTheirCodable(withReference: Bool) throws {
        let send = Self.send(head: try #require(try Self.ledger().last).head, reference: withReference ? "mail-1" : nil)
        let suppression = SuppressionEntry(digest: try Self.digest(9), since: Self.base, reason: .complaint)
        #expect(try RecordEncoder.encode(send) == RecordEncoder.encode(CodableOnly(send)))
        #expect(try RecordEncoder.encode(suppression) == RecordEncoder.encode(CodableOnly(suppression)))
        #expect(try RecordDecoder.decode(SendRecord.self, from: RecordEncoder.encode(CodableOnly(send))) == send)
        #expect(try RecordDecoder.decode(CodableOnly<SendRecord>.self, from: RecordEncoder.encode(send)).value == send)
        #expect(try RecordDecoder.decode(SuppressionEntry.self, from: RecordEncoder.encode(CodableOnly(suppression))) == suppression)
    }

    @Test func aWholeConsentStateEncodesAsItsCodable() throws {
        var state = ConsentState()
        let ledger = try Self.ledger()
        for record in ledger { try state.apply(.append(record)) }
        try state.apply(.recordSend(Self.send(head: try #require(ledger.last).head, reference: nil)))
        try state.apply(.suppress(SuppressionEntry(digest: try Self.digest(9), since: Self.base, reason: .bounce)))
        let fast = try RecordEncoder.encode(state)
        #expect(fast == (try RecordEncoder.encode(CodableOnly(state))))
        let decoded = try RecordDecoder.decode(ConsentState.self, from: fast)
        #expect(try decoded.ledger(of: Self.customer) == ledger)
        #expect(decoded.ledgerCount == 1 && decoded.recordCount == ledger.count)
        #expect(decoded.sendLogs == state.sendLogs)
        #expect(decoded.suppressions == state.suppressions)
        #expect(try RecordDecoder.decode(CodableOnly<ConsentState>.self, from: fast).value.ledger(of: Self.customer) == ledger)
    }

    @Test func ledgersSendsAndSuppressionsSurviveTheJournalACompactionAndAReopen() async throws {
        let temporary = try TemporaryFolder(prefix: "consent-record-codable")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        var store = try await ReferenceConsentStore.open(folder: folder)
        let ledger = try Self.ledger()
        for record in ledger { try await store.append(record) }
        let send = Self.send(head: try #require(ledger.last).head, reference: "mail-1")
        try await store.appendSend(send)
        let suppression = SuppressionEntry(digest: try Self.digest(9), since: Self.base, reason: .erasure)
        try await store.addSuppression(suppression)
        for compacting in [false, true] {
            if compacting { try await store.compact() }
            try await store.close()
            store = try await ReferenceConsentStore.open(folder: folder)
            #expect(try await store.records(for: Self.customer) == ledger)
            #expect(try await store.sends(for: Self.customer, since: .distantPast) == [send])
            #expect(try await store.suppression(for: suppression.digest) == suppression)
            #expect(LedgerChain.verify(try await store.records(for: Self.customer), of: Self.customer).isIntact)
        }
        try await store.close()
    }

    /// Stored values that the `Codable` conformances refuse: the fast path refuses them too.
    static let damaged: [(field: String, from: String, to: String)] = [
        ("customer id", "cust-42", "cust 42"),
        ("record id", "E621E1F8-C36C", "E621E1F8-X36C"),
        ("action", "given", "givex"),
        ("purpose id", "newsletter", "newslette "),
        ("channel", "email", "emaiX"),
        ("evidence digest", String(repeating: "01", count: 31) + "a5", String(repeating: "01", count: 31) + "aZ"),
    ]

    @Test(arguments: damaged.indices)
    func invalidStoredValuesAreRefusedByBothPaths(index: Int) throws {
        let (_, from, to) = Self.damaged[index]
        let bytes = try RecordEncoder.encode(try Self.ledger()[0])
        let damaged = try #require(RecordBytes.replacing(Array(from.utf8), with: Array(to.utf8), in: bytes))
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(CodableOnly<ConsentRecord>.self, from: damaged) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(ConsentRecord.self, from: damaged) }
    }

    @Test func aMissingFieldIsKeyNotFound() throws {
        var bytes = try RecordEncoder.encode(try Self.ledger()[2])
        bytes = try #require(RecordBytes.replacing(Array("previousHash".utf8), with: Array("previousHasX".utf8), in: bytes))
        #expect {
            try RecordDecoder.decode(ConsentRecord.self, from: bytes)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "previousHash"
        }
    }

}
