import ClienteleConsent
import ClienteleTestKit
import Foundation
import Testing

/// A store folder written by an earlier version still opens, reads the same values, and
/// re-encodes to the same bytes; every ledger's hash chain still verifies.
@Suite struct StoredFixtureTests {
    struct Expected {
        var heads: [(customer: CustomerID, head: LedgerHead)] = []
        var records: [CustomerID: [[UInt8]]] = [:]
        var sends: [CustomerID: [[UInt8]]] = [:]
        var suppressions: [[UInt8]] = []
    }

    struct FixtureMissing: Error {}

    static func fixture(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureMissing()
        }
        return url
    }

    static func expected() throws -> Expected {
        var expected = Expected()
        var current: CustomerID?
        let text = try String(contentsOf: try fixture("store-v1.expected"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            switch fields.first {
            case "ledger":
                let customer = try #require(CustomerID(rawValue: fields[1]))
                let head = LedgerHead(count: try #require(Int(fields[2])), hash: try #require(Digest256(hex: fields[3])))
                expected.heads.append((customer, head))
                current = customer
            case "record":
                expected.records[try #require(current), default: []].append(try #require(Hex.decode(fields[1])))
            case "send":
                expected.sends[try #require(current), default: []].append(try #require(Hex.decode(fields[1])))
            case "suppression":
                expected.suppressions.append(try #require(Hex.decode(fields[1])))
            default:
                Issue.record("unexpected line in the fixture: \(line.prefix(20))")
            }
        }
        return expected
    }

    /// A fresh copy of the fixture folder (opening it may write to it).
    static func copyOfStore() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appending(
            path: "consent-fixture-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.copyItem(at: try fixture("store-v1"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: copy.path)
        return copy
    }

    @Test func aStoreWrittenByAnEarlierVersionReadsTheSameAndEveryChainVerifies() async throws {
        let expected = try Self.expected()
        #expect(expected.heads.count == 3)
        let folder = try Self.copyOfStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await ReferenceConsentStore.open(folder: folder)
        #expect(store.folder == folder)
        #expect(ReferenceConsentStore.inMemory().folder == nil)
        #expect(try await store.customers(after: nil, limit: 10) == expected.heads.map(\.customer).sorted())
        for (customer, head) in expected.heads {
            let records = try await store.records(for: customer)
            #expect(LedgerChain.verify(records, of: customer).isIntact)
            #expect(LedgerChain.head(of: records, customer: customer) == head)
            #expect(try records.map { try RecordEncoder.encode($0) } == expected.records[customer])
            let decoded = try (expected.records[customer] ?? []).map { try RecordDecoder.decode(ConsentRecord.self, from: $0) }
            #expect(decoded == records)
            let sends = try await store.sends(for: customer, since: .distantPast)
            #expect(try sends.map { try RecordEncoder.encode($0) } == (expected.sends[customer] ?? []))
        }
        for bytes in expected.suppressions {
            let entry = try RecordDecoder.decode(SuppressionEntry.self, from: bytes)
            #expect(try await store.suppression(for: entry.digest) == entry)
            #expect(try RecordEncoder.encode(entry) == bytes)
        }
        try await store.close()
    }

    @Test func aStoreWrittenByAnEarlierVersionTakesNewRecordsAfterACompaction() async throws {
        let expected = try Self.expected()
        let folder = try Self.copyOfStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        var store = try await ReferenceConsentStore.open(folder: folder)
        try await store.compact()
        try await store.close()
        store = try await ReferenceConsentStore.open(folder: folder)
        let harness = try Harness(store: store)
        let dave = try #require(CustomerID(rawValue: "dave"))
        try await harness.service.give("offers", channel: .email, for: dave, context: Fixture.form)
        try await harness.service.give("offers", channel: .email, for: Fixture.alice, context: Fixture.form)
        #expect(try await store.customers(after: nil, limit: 10) == (expected.heads.map(\.customer) + [dave]).sorted())
        let alice = try await store.records(for: Fixture.alice)
        #expect(LedgerChain.verify(alice, of: Fixture.alice).isIntact)
        #expect(try alice.dropLast().map { try RecordEncoder.encode($0) } == expected.records[Fixture.alice])
        try await store.close()
    }
}
