import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

@Suite struct SegmentStoreConformanceTests {
    @Test(arguments: SegmentStoreConformance.checksWithoutReopen)
    func theInMemoryStoreConforms(_ check: SegmentStoreConformance.Check) async throws {
        try await SegmentStoreConformance { ReferenceSegmentStore.inMemory() }.run(check)
    }

    @Test(arguments: SegmentStoreConformance.Check.allCases)
    func theFileBackedStoreConforms(_ check: SegmentStoreConformance.Check) async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-segment-\(check.rawValue)")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let suite = SegmentStoreConformance(
            makeStore: { try await ReferenceSegmentStore.open(folder: folder) },
            reopen: { store in
                try await store.close()
                return try await ReferenceSegmentStore.open(folder: folder)
            },
            tearDown: { store in try await store.close() })
        try await suite.run(check)
    }

    @Test func theInMemoryStoreSkipsTheReopenChecksWithoutFailing() async {
        let report = await SegmentStoreConformance { ReferenceSegmentStore.inMemory() }.runAll()
        #expect(report.failed.isEmpty, "\(report)")
        #expect(Set(report.skipped.map(\.check)) == Set(SegmentStoreConformance.reopenChecks.map(\.rawValue)))
    }

    @Test func theFixturesProbeByteLimitsAndOrder() throws {
        let limit = SegmentStoreLimits.maximumTriggerKeyLength
        #expect(SegmentFixtures.triggerKey(bytes: limit).utf8.count == limit)
        #expect(SegmentFixtures.triggerKey(bytes: limit + 1).utf8.count == limit + 1)
        #expect(SegmentFixtures.triggerKey(bytes: limit + 1).count <= limit, "fewer characters than bytes")
        #expect(SegmentFixtures.richQuery.utf8.count > 4_000)
        #expect(SegmentFixtures.richQuery.unicodeScalars.contains { !$0.isASCII })
        #expect(SegmentFixtures.byteOrdered(["b", "a_b", "a-b", "a0", "a.b"]) == ["a-b", "a.b", "a0", "a_b", "b"])
        let rich = try SegmentFixtures.definition("vip", query: "a = 1", at: 123)
        var moved = rich
        moved.updatedAt = rich.updatedAt.addingTimeInterval(0.001)
        moved.revision = 2
        #expect(SegmentFixtures.differences(between: rich, and: rich).isEmpty)
        #expect(SegmentFixtures.differences(between: rich, and: moved) == ["revision", "updatedAt"])
    }

    @Test func aStoreThatForgetsFiredKeysFailsTheSuiteWithTheCheckNamed() async throws {
        let suite = SegmentStoreConformance { FiredKeyForgettingStore() }
        do {
            try await suite.run(.firedKeysClaimOnce)
            Issue.record("a store that forgets fired keys passed")
        } catch let failure as ConformanceFailure {
            #expect(failure.suite == "SegmentStoreConformance")
            #expect(failure.check == "firedKeysClaimOnce")
            #expect(failure.expected.contains("fired keys"))
        }
    }

    /// Before the fix, `save(_:expectedRevision: Int.max)` overflowed computing the next
    /// revision and crashed the process; now it is a conflict like any other stale revision.
    @Test func aSaveExpectingTheLargestRevisionIsAConflictNotACrash() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let vip = try SegmentFixtures.definition("vip")
        for expected in [Int.max, Int.min] {
            await #expect(throws: SegmentationError.self) { _ = try await store.save(vip, expectedRevision: expected) }
            let outcome = await ErrorOutcome<SegmentationErrorCode>.of { _ = try await store.save(vip, expectedRevision: expected) }
            #expect(outcome == .conflict)
        }
        #expect(try await store.definitions().isEmpty)
        // A state holding the largest revision (only a snapshot can): the next save is refused.
        let snapshot = #"{"definitions":[{"name":"vip","query":"a = 1","revision":9223372036854775807,"updatedAt":0}],"members":[],"fired":[]}"#
        var state = try JSONDecoder().decode(SegmentState.self, from: Data(snapshot.utf8))
        var next = vip
        next.revision = Int.min
        #expect(throws: SegmentationError.self) { try state.apply(.save(next, expectedRevision: Int.max)) }
        #expect(state.definitions["vip"]?.revision == Int.max)
    }

    /// A snapshot holds the members packed: they read back as stored; a snapshot written
    /// before (the members as a list of segments) still reads; a damaged member list or
    /// members of an undefined segment are a decoding error, never a crash.
    @Test func membersReadBackFromPackedAndOlderSnapshots() throws {
        var vip = try SegmentFixtures.definition("vip")
        vip.revision = 1
        let members = (0..<300).map { SegmentFixtures.customerID("c-\($0)") }
        var state = SegmentState()
        try state.apply(.save(vip, expectedRevision: 0))
        try state.apply(.record(SegmentMembershipDelta(segment: "vip", definitionRevision: 1, entered: members.shuffled(), exited: [])))
        let snapshot = try RecordEncoder.encode(state)
        let read = try RecordDecoder.decode(SegmentState.self, from: snapshot)
        #expect(read.members(of: "vip", after: nil, limit: 1_000) == members.sorted())

        struct OlderSnapshot: Encodable {
            struct Members: Encodable {
                var segment: String
                var customers: [CustomerID]
            }
            var definitions: [SegmentDefinition]
            var members: [Members]
            var fired: [String] = []
        }
        let older = try RecordEncoder.encode(OlderSnapshot(definitions: [vip], members: [.init(segment: "vip", customers: members)]))
        #expect(try RecordDecoder.decode(SegmentState.self, from: older).members(of: "vip", after: nil, limit: 1_000) == members.sorted())

        struct PackedSnapshot: Encodable {
            var definitions: [SegmentDefinition]
            var packedMembers: [UInt8]
            var fired: [String] = []
        }
        var packed = PackedWriter()
        packed.text("vip")
        packed.count(2)
        packed.text("c-1")
        packed.text("c-2")
        let good = packed.bytes
        let two = try RecordDecoder.decode(SegmentState.self, from: RecordEncoder.encode(PackedSnapshot(definitions: [vip], packedMembers: good)))
        #expect(two.members(of: "vip", after: nil, limit: 10)?.map(\.rawValue) == ["c-1", "c-2"])
        for length in 1..<good.count {
            let truncated = PackedSnapshot(definitions: [vip], packedMembers: Array(good.prefix(length)))
            #expect(throws: DecodingError.self) { try RecordDecoder.decode(SegmentState.self, from: RecordEncoder.encode(truncated)) }
        }
        var badID = good
        badID[badID.count - 1] = UInt8(ascii: "@")
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(SegmentState.self, from: RecordEncoder.encode(PackedSnapshot(definitions: [vip], packedMembers: badID))) }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode(SegmentState.self, from: RecordEncoder.encode(PackedSnapshot(definitions: [], packedMembers: good))) }
    }

    @Test func afterAnErasureNoFileOfTheFolderHoldsTheCustomersMembershipsOrKeys() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-segment-erasure")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let alice = SegmentFixtures.customerID("zoe-van-der-berg-4711")
        let bob = SegmentFixtures.customerID("bob-0815")
        let store = try await ReferenceSegmentStore.open(folder: folder)
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        let lapsed = try await store.save(try SegmentFixtures.definition("lapsed"), expectedRevision: 0)
        try await store.record(SegmentFixtures.delta(vip, entered: [alice, bob]))
        try await store.record(SegmentFixtures.delta(lapsed, entered: [alice]))
        try await store.record(SegmentFixtures.delta(vip, exited: [alice]))
        try await store.recordFired(["birthday-of-zoe:2026"], of: alice)
        try await store.recordFired(["welcome-bob"], of: bob)
        let secrets = [alice.rawValue, "birthday-of-zoe:2026"]
        #expect(try !RedactionCheck.files(in: folder, holding: secrets).isEmpty, "the journal holds them before")
        try await store.erase(customer: alice)
        #expect(try RedactionCheck.files(in: folder, holding: secrets).isEmpty)
        #expect(try RedactionCheck.files(in: folder, holding: [bob.rawValue, "welcome-bob"]).count >= 1, "the other customer is kept")
        try await store.close()
        let reopened = try await ReferenceSegmentStore.open(folder: folder)
        #expect(try await reopened.segments(of: alice).isEmpty)
        #expect(try await reopened.firedKeys(of: alice).isEmpty)
        #expect(try await reopened.members(of: "vip", after: nil, limit: 10) == [bob])
        #expect(try await reopened.firedKeys(of: bob) == ["welcome-bob"])
        try await reopened.close()
    }

    @Test func theStoreFilesAreOwnerOnly() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-segment-modes")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let store = try await ReferenceSegmentStore.open(folder: folder)
        let vip = try await store.save(try SegmentFixtures.definition("vip"), expectedRevision: 0)
        try await store.record(SegmentFixtures.delta(vip, entered: [SegmentFixtures.customerID("alice")]))
        try await store.compact()
        try await store.recordFired(["welcome"], of: SegmentFixtures.customerID("alice"))
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.isEmpty)
        for name in names {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        try await store.close()
    }
}

/// A store that records fired keys but never reads them back: the suite must name the check
/// it fails.
private final class FiredKeyForgettingStore: SegmentStore {
    private let base = ReferenceSegmentStore.inMemory()

    func definitions() async throws -> [SegmentDefinition] { try await base.definitions() }
    func definition(named name: String) async throws -> SegmentDefinition? { try await base.definition(named: name) }
    func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        try await base.save(definition, expectedRevision: expectedRevision)
    }
    func removeDefinition(named name: String, expectedRevision: Int) async throws {
        try await base.removeDefinition(named: name, expectedRevision: expectedRevision)
    }
    func record(_ delta: SegmentMembershipDelta) async throws { try await base.record(delta) }
    func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try await base.members(of: segment, after: after, limit: limit)
    }
    func segments(of customer: CustomerID) async throws -> [String] { try await base.segments(of: customer) }
    func firedKeys(of customer: CustomerID) async throws -> Set<String> { [] }
    func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws { try await base.recordFired(keys, of: customer) }
    func erase(customer: CustomerID) async throws { try await base.erase(customer: customer) }
}
