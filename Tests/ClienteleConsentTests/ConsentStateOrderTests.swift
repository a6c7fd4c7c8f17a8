import ClienteleConsent
import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// The customer order `ConsentState` pages from is derived from its ledgers: kept as
/// records are appended, rebuilt from a snapshot, and never part of the stored bytes.
@Suite struct ConsentStateOrderTests {
    /// The stored fields only, with the synthesized `Codable` the state had before it
    /// derived its customer order.
    struct StoredFieldsOnly: Codable {
        var packedLedgers: [UInt8]
        var sendLogs: [CustomerID: [SendRecord]]
        var suppressions: [Digest256: SuppressionEntry]
    }

    static func entry(_ index: Int) -> ConsentEntry {
        ConsentEntry(
            id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(index >> 8 & 0xff), UInt8(index & 0xff))),
            at: ConsentRecordCodableTests.base, action: .given, purpose: "offers", purposeVersion: 1, channel: .email,
            source: "test", actor: .customer)
    }

    /// A state with `count` customers in a scrambled order (and a second record for every
    /// seventh), with their IDs.
    static func state(customers count: Int) throws -> (ConsentState, [CustomerID]) {
        var state = ConsentState()
        var ids: [CustomerID] = []
        for index in 0..<count {
            let scrambled = (index * 7_919) % count
            let customer = try #require(CustomerID(rawValue: "c-\(scrambled)"))
            ids.append(customer)
            let first = ConsentRecord(sealing: entry(index), customer: customer, after: nil)
            try state.apply(.append(first))
            if index % 7 == 0 { try state.apply(.append(ConsentRecord(sealing: entry(index), customer: customer, after: first))) }
        }
        return (state, ids.sorted())
    }

    static func allPages(of state: ConsentState, size: Int) -> [CustomerID] {
        var listed: [CustomerID] = []
        var after: CustomerID?
        while true {
            let page = state.customers(after: after, limit: size)
            listed += page
            guard page.count == size, let last = page.last else { return listed }
            after = last
        }
    }

    @Test(arguments: [1, 3, 512, 513, 5_000])
    func customersArePagedAscendingAcrossManyChunks(pageSize: Int) throws {
        let (state, sorted) = try Self.state(customers: 1_601)
        #expect(Self.allPages(of: state, size: pageSize) == sorted)
        #expect(state.customers(after: sorted[1_499], limit: 2) == [sorted[1_500], sorted[1_501]])
        #expect(state.customers(after: sorted[sorted.count - 1], limit: 10).isEmpty)
        #expect(state.customers(after: nil, limit: 0).isEmpty)
        let between = try #require(CustomerID(rawValue: sorted[10].rawValue + "0"))
        #expect(state.customers(after: between, limit: 1) == [sorted[11]])
    }

    @Test func theOrderIsRebuiltFromASnapshotAndIsNotStored() throws {
        let (state, sorted) = try Self.state(customers: 1_200)
        let bytes = try RecordEncoder.encode(state)
        // The snapshot holds these three fields and nothing else.
        let stored = try RecordDecoder.decode(StoredFieldsOnly.self, from: bytes)
        #expect(bytes == (try RecordEncoder.encode(stored)))
        let decoded = try RecordDecoder.decode(ConsentState.self, from: bytes)
        #expect(Self.allPages(of: decoded, size: 100) == sorted)
        var grown = decoded
        let newcomer = try #require(CustomerID(rawValue: "c-0500x"))
        try grown.apply(.append(ConsentRecord(sealing: Self.entry(9_999), customer: newcomer, after: nil)))
        #expect(Self.allPages(of: grown, size: 100) == (sorted + [newcomer]).sorted())
    }

    @Test func aRefusedAppendLeavesTheOrderUnchanged() throws {
        var state = ConsentState()
        let customer = try #require(CustomerID(rawValue: "c-1"))
        let gap = ConsentRecord(sealing: Self.entry(1), customer: customer, sequence: 1, previousHash: LedgerChain.genesisHash(of: customer))
        #expect(throws: ConsentError.self) { try state.apply(.append(gap)) }
        #expect(state.customers(after: nil, limit: 10).isEmpty)
    }

    /// Erasing customers (chunks emptied among them) keeps the paging order of the rest, and
    /// a snapshot of the erased state decodes to the same order.
    @Test func erasedCustomersLeaveTheOrderOfTheRest() throws {
        var (state, ids) = try Self.state(customers: 2_000)
        let erased = Set(ids.enumerated().filter { $0.offset % 3 == 0 || ($0.offset >= 300 && $0.offset < 900) }.map(\.element))
        for id in erased { try state.apply(.erase(customer: id)) }
        try state.apply(.erase(customer: try #require(CustomerID(rawValue: "c-unknown"))))
        let remaining = ids.filter { !erased.contains($0) }
        var listed: [CustomerID] = []
        var after: CustomerID?
        while true {
            let page = state.customers(after: after, limit: 97)
            listed += page
            guard let last = page.last else { break }
            after = last
        }
        #expect(listed == remaining)
        #expect(state.customers(after: erased.sorted().first, limit: 3) == Array(remaining.drop { $0 < erased.sorted()[0] }.prefix(3)))
        let decoded = try JSONDecoder().decode(ConsentState.self, from: try JSONEncoder().encode(state))
        #expect(decoded.customers(after: nil, limit: 5_000) == remaining)
        for id in erased.prefix(5) { #expect(try state.ledger(of: id).isEmpty && state.sendLogs[id] == nil) }
        #expect(state.ledgerCount == remaining.count)
    }
}

