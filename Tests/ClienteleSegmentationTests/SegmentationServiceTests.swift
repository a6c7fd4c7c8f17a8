import ClienteleSegmentation
import ClienteleTestKit
import Foundation
import Testing

/// The service over a store: what it stores, announces and returns, across restarts and
/// races, with a manual clock.
@Suite struct SegmentationServiceTests {
    static let day: Double = 86_400

    static func id(_ text: String) throws -> CustomerID { try CustomerID(validating: text) }

    /// A registered customer created `createdDaysAgo` before the clock's start.
    static func facts(
        _ id: String, orders: Int64 = 0, amount: Int64 = 0, lastOrderDaysAgo: Double? = nil, country: String? = "NL",
        createdDaysAgo: Double = 400, groups: [String] = []
    ) throws -> CustomerFacts {
        let now = ManualClock.defaultStart
        return CustomerFacts(
            customer: try Self.id(id), createdAt: now.addingTimeInterval(-createdDaysAgo * day), numberOfOrders: orders,
            amountSpentMinorUnits: amount, lastOrderDate: lastOrderDaysAgo.map { now.addingTimeInterval(-$0 * day) },
            country: country, groups: groups, accountStatus: "active")
    }

    static func service(
        _ store: any SegmentStore, clock: ManualClock, events: EventBroadcaster? = nil
    ) throws -> SegmentationService {
        SegmentationService(store: store, clock: clock, events: events, schema: try testSchema())
    }

    /// Every stored member of `segment`, as a set.
    static func stored(_ store: any SegmentStore, _ segment: String) async throws -> Set<CustomerID> {
        Set(try await store.members(of: segment, after: nil, limit: Int.max))
    }

    static func entered(_ report: [MembershipChange]) -> Set<String> {
        Set(report.filter { $0.kind == .entered }.map { "\($0.segment):\($0.customer.rawValue)" })
    }

    static func exited(_ report: [MembershipChange]) -> Set<String> {
        Set(report.filter { $0.kind == .exited }.map { "\($0.segment):\($0.customer.rawValue)" })
    }

    @Test func definingASegmentStoresItsCanonicalTextAndItsMembers() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let segmentation = try Self.service(store, clock: ManualClock())
        try await segmentation.load([try Self.facts("C1", orders: 3), try Self.facts("C2", orders: 1), try Self.facts("C3")])
        let (definition, changes) = try await segmentation.define("repeat", query: "number_of_orders   >=2", expectedRevision: 0)
        #expect(definition.query == "number_of_orders >= 2")
        #expect(definition.revision == 1)
        #expect(Self.entered(changes) == ["repeat:C1"])
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1")])
        #expect(segmentation.contains(try Self.id("C1"), in: "repeat"))
        #expect(segmentation.segments(of: try Self.id("C1")) == ["repeat"])

        let (second, redefined) = try await segmentation.define("repeat", query: "number_of_orders >= 1", expectedRevision: 1)
        #expect(second.revision == 2)
        #expect(Self.entered(redefined) == ["repeat:C2"])
        #expect(Self.exited(redefined).isEmpty)
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1"), try Self.id("C2")])
        await #expect(throws: SegmentationError.self) {
            _ = try await segmentation.define("repeat", query: "number_of_orders >= 5", expectedRevision: 1)
        }
        #expect(try await store.definition(named: "repeat")?.query == "number_of_orders >= 1", "the stale redefinition changed nothing")
    }

    @Test func aQueryThatDoesNotParseOrABadNameIsRefusedBeforeAnythingIsStored() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let segmentation = try Self.service(store, clock: ManualClock())
        try await segmentation.load([])
        do {
            _ = try await segmentation.define("vip", query: "number_of_order >= 2", expectedRevision: 0)
            Issue.record("an unknown attribute was accepted")
        } catch let error as SegmentationError {
            #expect(error.code == .unknownAttribute)
            #expect(error.context.position == 0)
            #expect(error.message.contains("number_of_orders"))
        }
        do {
            _ = try await segmentation.define("VIP Customers", query: "number_of_orders >= 2", expectedRevision: 0)
            Issue.record("an invalid name was accepted")
        } catch let error as SegmentationError {
            #expect(error.code == .invalidSegmentName)
        }
        #expect(try await store.definitions().isEmpty)
    }

    @Test func anUpdateStoresAndAnnouncesEntriesExitsAndTheLifecycleTransition() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let events = EventBroadcaster()
        let stream = events.subscribe()
        let segmentation = try Self.service(store, clock: ManualClock(), events: events)
        try await segmentation.load([try Self.facts("C1", orders: 1, lastOrderDaysAgo: 10)])
        _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        _ = try await segmentation.define("newcomers", query: "lifecycle_stage = 'new'", expectedRevision: 0)
        #expect(segmentation.contains(try Self.id("C1"), in: "newcomers"), "the service set the stage from the policy")

        let report = try await segmentation.update(try Self.facts("C1", orders: 2, lastOrderDaysAgo: 0))
        #expect(Self.entered(report.changes) == ["repeat:C1"])
        #expect(Self.exited(report.changes) == ["newcomers:C1"])
        #expect(report.transitions.map { "\($0.from?.rawValue ?? "none")->\($0.to.rawValue)" } == ["new->repeat"])
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1")])
        #expect(try await Self.stored(store, "newcomers").isEmpty)
        #expect(try await store.segments(of: try Self.id("C1")) == ["repeat"])
        events.finish()
        var names: [String] = []
        for await event in stream { names.append("\(event.name) \(event.attributes["segment"] ?? event.attributes["to"] ?? "")") }
        #expect(names.contains("segmentation.entered repeat"))
        #expect(names.contains("segmentation.exited newcomers"))
        #expect(names.contains("segmentation.lifecycle repeat"))
        #expect(names.filter { $0.hasPrefix("segmentation.defined") }.count == 2)
    }

    @Test func aRestartAnnouncesOnlyWhatChangedWhileTheProcessWasDown() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-segmentation-restart")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let clock = ManualClock()
        let before = [try Self.facts("C1", orders: 3), try Self.facts("C2", orders: 1), try Self.facts("C3", orders: 5)]
        do {
            let store = try await ReferenceSegmentStore.open(folder: folder)
            let segmentation = try Self.service(store, clock: clock)
            try await segmentation.load(before)
            _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
            try await store.close()
        }
        let store = try await ReferenceSegmentStore.open(folder: folder)
        let segmentation = try Self.service(store, clock: clock)
        let unchanged = try await segmentation.load(before)
        #expect(unchanged.changes.isEmpty, "the same facts: nothing entered or left")
        #expect(segmentation.members(of: "repeat").count == 2)
        let after = [try Self.facts("C1", orders: 3), try Self.facts("C2", orders: 2), try Self.facts("C3", orders: 1)]
        let report = try await segmentation.load(after)
        #expect(Self.entered(report.changes) == ["repeat:C2"])
        #expect(Self.exited(report.changes) == ["repeat:C3"])
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1"), try Self.id("C2")])
        try await store.close()
    }

    /// A restart compares the evaluated members with the stored ones however they come: rows
    /// in any order (loaded shuffled, so not in id order), stored members over many pages.
    /// What is announced is exactly the difference a set model gives.
    @Test func aRestartSettlesAgainstStoredMembersInAnyRowOrderAndOverManyPages() async throws {
        var random = SeededGenerator(seed: 44)
        let store = ReferenceSegmentStore.inMemory()
        let clock = ManualClock()
        func service() throws -> SegmentationService {
            SegmentationService(
                store: store, clock: clock, configuration: try SegmentationConfiguration(memberPageSize: 7), schema: try testSchema())
        }
        func facts(_ orders: [Int64]) throws -> [CustomerFacts] {
            try orders.enumerated().map { try Self.facts("C\($0.offset)", orders: $0.element) }.shuffled(using: &random)
        }
        let before = (0..<300).map { _ in Int64.random(in: 0...3, using: &random) }
        let first = try service()
        try await first.load(try facts(before))
        _ = try await first.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        var after = before
        for index in stride(from: 0, to: after.count, by: 3) { after[index] = Int64.random(in: 0...3, using: &random) }
        let report = try await service().load(try facts(after))
        func members(_ orders: [Int64]) throws -> Set<String> {
            Set(orders.indices.filter { orders[$0] >= 2 }.map { "repeat:C\($0)" })
        }
        #expect(Set(Self.entered(report.changes)) == (try members(after)).subtracting(try members(before)))
        #expect(Set(Self.exited(report.changes)) == (try members(before)).subtracting(try members(after)))
        #expect(Set(try await Self.stored(store, "repeat").map { "repeat:\($0)" }) == (try members(after)))
    }

    @Test func factsLoadedFromAnAsyncSequenceGiveWhatAnArrayGivesAndAFailingOneLoadsNothing() async throws {
        struct Interrupted: Error {}
        let store = ReferenceSegmentStore.inMemory()
        let segmentation = try Self.service(store, clock: ManualClock())
        let facts = [try Self.facts("C1", orders: 3), try Self.facts("C2", orders: 1), try Self.facts("C3", orders: 5)]
        try await segmentation.load(facts)
        _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)

        let moved = [try Self.facts("C1", orders: 1), try Self.facts("C2", orders: 2), try Self.facts("C3", orders: 5)]
        let (failing, failingInput) = AsyncThrowingStream.makeStream(of: CustomerFacts.self)
        failingInput.yield(moved[0])
        failingInput.finish(throwing: Interrupted())
        await #expect(throws: Interrupted.self) { try await segmentation.load(failing) }
        #expect(Set(segmentation.members(of: "repeat")) == [try Self.id("C1"), try Self.id("C3")], "the loaded state is untouched")
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1"), try Self.id("C3")])

        let (stream, input) = AsyncThrowingStream.makeStream(of: CustomerFacts.self)
        for customer in moved { input.yield(customer) }
        input.finish()
        let report = try await segmentation.load(stream)
        #expect(Self.entered(report.changes) == ["repeat:C2"])
        #expect(Self.exited(report.changes) == ["repeat:C1"])
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C2"), try Self.id("C3")])
    }

    @Test func triggersFireOnceAcrossARestartOfTheFileStore() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-segmentation-triggers")
        defer { temporary.remove() }
        let folder = temporary.subfolder("store")
        let clock = ManualClock()
        let newcomer = try Self.facts("C1", createdDaysAgo: 0)
        do {
            let store = try await ReferenceSegmentStore.open(folder: folder)
            let segmentation = try Self.service(store, clock: clock)
            try await segmentation.load([newcomer])
            let first = try await segmentation.dueTriggers(for: newcomer.customer)
            #expect(first.map(\.key) == ["welcome"])
            #expect(first.first?.category == .service)
            #expect(try await segmentation.dueTriggers(for: newcomer.customer).isEmpty, "a second scan finds it fired")
            #expect(try await segmentation.dueTriggers().isEmpty)
            try await store.close()
        }
        clock.advance(by: .seconds(3_600))
        let store = try await ReferenceSegmentStore.open(folder: folder)
        let segmentation = try Self.service(store, clock: clock)
        try await segmentation.load([newcomer])
        #expect(try await segmentation.dueTriggers().isEmpty, "the restart did not forget the fired welcome")
        clock.advance(by: .seconds(365 * 86_400))
        let anniversary = try await segmentation.dueTriggers()
        #expect(anniversary.map(\.key).contains("anniversary:2027"))
        #expect(try await segmentation.dueTriggers().isEmpty)
        #expect(try await store.firedKeys(of: newcomer.customer).isSuperset(of: ["welcome", "anniversary:2027"]))
        try await store.close()
    }

    @Test func twoServicesScanningOneStoreGetEachOccurrenceOnce() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let clock = ManualClock()
        let customers = try (0..<40).map { try Self.facts("C\($0)", createdDaysAgo: 0) }
        let first = try Self.service(store, clock: clock)
        let second = try Self.service(store, clock: clock)
        try await first.load(customers)
        try await second.load(customers)
        async let a = first.dueTriggers()
        async let b = second.dueTriggers()
        let all = try await a + b
        #expect(all.count == 40, "40 welcomes between the two scans")
        #expect(Set(all.map(\.customer)).count == 40)
    }

    @Test func aFailedStoreWriteIsMadeGoodByTheNextWrite() async throws {
        let reference = ReferenceSegmentStore.inMemory()
        let store = FailingRecordStore(reference)
        let segmentation = try Self.service(store, clock: ManualClock())
        try await segmentation.load([try Self.facts("C1", orders: 1), try Self.facts("C2", orders: 1)])
        _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        store.failNextRecord()
        await #expect(throws: SegmentationError.self) {
            _ = try await segmentation.update(try Self.facts("C1", orders: 2))
        }
        #expect(segmentation.contains(try Self.id("C1"), in: "repeat"), "memory holds the evaluation")
        #expect(try await Self.stored(reference, "repeat").isEmpty, "the store does not")
        let report = try await segmentation.update(try Self.facts("C2", orders: 2))
        #expect(Self.entered(report.changes) == ["repeat:C2"])
        #expect(try await Self.stored(reference, "repeat") == [try Self.id("C1"), try Self.id("C2")], "C1 settled first")
    }

    @Test func aStaleMembershipWriteFromAnotherProcessIsSettledAgainstTheStore() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let clock = ManualClock()
        let first = try Self.service(store, clock: clock)
        let second = try Self.service(store, clock: clock)
        let facts = [try Self.facts("C1", orders: 1)]
        try await first.load(facts)
        _ = try await first.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        try await second.load(facts)
        let one = try await first.update(try Self.facts("C1", orders: 2))
        #expect(Self.entered(one.changes) == ["repeat:C1"])
        let two = try await second.update(try Self.facts("C1", orders: 2))
        #expect(two.changes.isEmpty, "the other service already stored the entry: announced once")
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C1")])
    }

    @Test func aStoredDefinitionTheSchemaNoLongerAllowsIsReportedAndLeftAlone() async throws {
        let store = ReferenceSegmentStore.inMemory()
        _ = try await store.save(
            try SegmentDefinition(name: "dogs", query: "profile.pet = 'dog'", updatedAt: ManualClock.defaultStart), expectedRevision: 0)
        let segmentation = try Self.service(store, clock: ManualClock())
        try await segmentation.load([try Self.facts("C1")])
        #expect(segmentation.unusableDefinitions["dogs"]?.code == .unknownAttribute)
        #expect(segmentation.members(of: "dogs").isEmpty)
        _ = try await segmentation.define("dogs", query: "country = 'NL'", expectedRevision: 1)
        #expect(segmentation.unusableDefinitions.isEmpty)
        #expect(segmentation.contains(try Self.id("C1"), in: "dogs"))
    }

    @Test func aDailyRefreshMovesStagesAndRelativeDatesOn() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let clock = ManualClock()
        let segmentation = try Self.service(store, clock: clock)
        try await segmentation.load([try Self.facts("C1", orders: 3, lastOrderDaysAgo: 89)])
        _ = try await segmentation.define("at_risk", query: "lifecycle_stage = 'at_risk'", expectedRevision: 0)
        _ = try await segmentation.define("recent", query: "last_order_date >= -89d", expectedRevision: 0)
        #expect(segmentation.segments(of: try Self.id("C1")) == ["recent"])
        clock.advance(by: .seconds(86_400))
        let report = try await segmentation.refresh()
        #expect(report.transitions.map(\.to) == [.atRisk])
        #expect(Self.entered(report.changes) == ["at_risk:C1"])
        #expect(Self.exited(report.changes) == ["recent:C1"])
        #expect(try await store.segments(of: try Self.id("C1")) == ["at_risk"])
        #expect(try await segmentation.refresh() == SegmentationReport(), "a second refresh the same day changes nothing")
    }

    @Test func explainingAMembershipNamesEachPredicate() async throws {
        let segmentation = try Self.service(ReferenceSegmentStore.inMemory(), clock: ManualClock())
        try await segmentation.load([try Self.facts("C1", orders: 3, country: nil)])
        _ = try await segmentation.define("nl_repeat", query: "number_of_orders >= 2 AND country = 'NL'", expectedRevision: 0)
        let explanation = try segmentation.explain("nl_repeat", for: try Self.id("C1"))
        #expect(explanation.result == .unknown)
        #expect(explanation.predicates.map(\.result) == [.true, .unknown])
        #expect(throws: SegmentationError.self) { try segmentation.explain("nope", for: try Self.id("C1")) }
    }

    @Test func erasingACustomerForgetsItsFactsMembershipsAndFiredKeys() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let segmentation = try Self.service(store, clock: ManualClock())
        let customer = try Self.facts("C1", orders: 3, createdDaysAgo: 0)
        try await segmentation.load([customer, try Self.facts("C2", orders: 3)])
        _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        _ = try await segmentation.dueTriggers(for: customer.customer)
        try await segmentation.erase(customer: customer.customer)
        #expect(segmentation.facts(of: customer.customer) == nil)
        #expect(segmentation.segments(of: customer.customer).isEmpty)
        #expect(try await store.segments(of: customer.customer).isEmpty)
        #expect(try await store.firedKeys(of: customer.customer).isEmpty)
        #expect(try await Self.stored(store, "repeat") == [try Self.id("C2")])
        try await segmentation.erase(customer: customer.customer)
    }

    @Test func removingASegmentDropsItsStoredMembers() async throws {
        let store = ReferenceSegmentStore.inMemory()
        let segmentation = try Self.service(store, clock: ManualClock())
        try await segmentation.load([try Self.facts("C1", orders: 3)])
        _ = try await segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        let exits = try await segmentation.remove(segment: "repeat", expectedRevision: 1)
        #expect(Self.exited(exits) == ["repeat:C1"])
        #expect(try await store.definitions().isEmpty)
        #expect(try await store.segments(of: try Self.id("C1")).isEmpty)
        #expect(segmentation.segments(of: try Self.id("C1")).isEmpty)
    }

    @Test func afterRandomUpdatesTheStoredMembersEqualTheEvaluatedOnes() async throws {
        var random = SeededGenerator(seed: 16)
        let store = ReferenceSegmentStore.inMemory()
        let clock = ManualClock()
        let segmentation = try Self.service(store, clock: clock)
        func makeFacts(_ index: Int, _ random: inout SeededGenerator) throws -> CustomerFacts {
            try Self.facts(
                "C\(index)", orders: Int64.random(in: 0...12, using: &random), amount: Int64.random(in: 0...90_000, using: &random),
                lastOrderDaysAgo: Bool.random(using: &random) ? Double.random(in: 0...500, using: &random).rounded() : nil,
                country: ["NL", "BE", nil].randomElement(using: &random) ?? nil,
                groups: Bool.random(using: &random) ? ["vip"] : [])
        }
        try await segmentation.load(try (0..<60).map { try makeFacts($0, &random) })
        let queries = [
            "repeat": "number_of_orders >= 2", "vip_nl": "groups CONTAINS 'vip' AND country = 'NL'",
            "lapsed": "lifecycle_stage = 'lapsed'", "big": "amount_spent > 500.00 OR NOT country != 'BE'",
        ]
        for (name, query) in queries { _ = try await segmentation.define(name, query: query, expectedRevision: 0) }
        for round in 0..<200 {
            _ = try await segmentation.update(try makeFacts(Int.random(in: 0..<80, using: &random), &random))
            if round % 50 == 49 {
                clock.advance(by: .seconds(40 * 86_400))
                _ = try await segmentation.refresh()
            }
        }
        for name in queries.keys {
            #expect(try await Self.stored(store, name) == Set(segmentation.members(of: name)), "segment \(name)")
        }
    }
}

/// A store whose next `record` fails as if the database were down.
final class FailingRecordStore: SegmentStore {
    let base: ReferenceSegmentStore
    private let failing = Locked(false)

    init(_ base: ReferenceSegmentStore) { self.base = base }

    func failNextRecord() { failing.withLock { $0 = true } }

    func definitions() async throws -> [SegmentDefinition] { try await base.definitions() }
    func definition(named name: String) async throws -> SegmentDefinition? { try await base.definition(named: name) }
    func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        try await base.save(definition, expectedRevision: expectedRevision)
    }
    func removeDefinition(named name: String, expectedRevision: Int) async throws {
        try await base.removeDefinition(named: name, expectedRevision: expectedRevision)
    }
    func record(_ delta: SegmentMembershipDelta) async throws {
        let fail = failing.withLock { failing in
            defer { failing = false }
            return failing
        }
        if fail { throw SegmentationError(.unknownSegment, "The database is down (test).") }
        try await base.record(delta)
    }
    func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        try await base.members(of: segment, after: after, limit: limit)
    }
    func segments(of customer: CustomerID) async throws -> [String] { try await base.segments(of: customer) }
    func firedKeys(of customer: CustomerID) async throws -> Set<String> { try await base.firedKeys(of: customer) }
    func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws { try await base.recordFired(keys, of: customer) }
    func erase(customer: CustomerID) async throws { try await base.erase(customer: customer) }
}
