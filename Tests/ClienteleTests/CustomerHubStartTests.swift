@testable import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// `CustomerHub.start()` builds every customer's facts page by page: the members it loads
/// are what each customer's own facts give, with nobody lost between pages.
@Suite struct CustomerHubStartTests {
    @Test func startLoadsWhatEachCustomersOwnFactsGiveOverSeveralPages() async throws {
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock)
        // 2,345 customers: two full pages of 1,000 and a partial one; every third has orders.
        var customers: [CustomerID] = []
        for index in 0..<2_345 {
            let customer = try await hub.accounts.recordGuest(email: "guest\(index)@example.nl").id
            customers.append(customer)
            for order in 0..<(index % 3 == 0 ? 1 + index % 4 : 0) {
                try await hub.accounts.recordOrder(try CustomerHubTests.order("o\(index)-\(order)", of: customer, at: clock.now(), "10.00"))
            }
        }
        _ = try await hub.segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        _ = try await hub.segmentation.define("any", query: "number_of_orders >= 0", expectedRevision: 0)
        try await hub.start()

        var expected: Set<CustomerID> = []
        for customer in customers {
            let facts = try #require(try await hub.facts(of: customer))
            if facts.numberOfOrders >= 2 { expected.insert(customer) }
        }
        #expect(expected.count == 586, "index % 3 == 0 and index % 4 ≥ 1: 586 of the 2,345")
        #expect(Set(hub.segmentation.members(of: "repeat")) == expected)
        #expect(Set(hub.segmentation.members(of: "any")) == Set(customers), "no customer is lost between pages")
    }

    /// The facts `start()` loads are built by several tasks a page: whatever the page size
    /// and the number of tasks, they come in id order, each customer once, each equal to
    /// the customer's own facts.
    @Test(arguments: [(1, 1), (7, 3), (7, 7), (20, 2), (23, 2), (50, 4)])
    func everyCustomersFactsComeOnceInIDOrderWhateverThePagesAndTasks(pageSize: Int, workers: Int) async throws {
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock)
        var customers: [CustomerID] = []
        for index in 0..<23 {
            let customer = try await hub.accounts.recordGuest(email: "guest\(index)@example.nl").id
            customers.append(customer)
            for order in 0..<(index % 4) {
                try await hub.accounts.recordOrder(try CustomerHubTests.order("o\(index)-\(order)", of: customer, at: clock.now(), "10.00"))
            }
        }
        var loaded: [CustomerFacts] = []
        for try await facts in EveryCustomerFacts(hub: hub, pageSize: pageSize, workers: workers) { loaded.append(facts) }
        #expect(loaded.map(\.customer) == customers.sorted())
        for facts in loaded {
            #expect(try await hub.facts(of: facts.customer) == facts)
        }
    }

    @Test func startOnAnEmptyHubLoadsNothing() async throws {
        let hub = try CustomerHubTests.hub()
        let report = try await hub.start()
        #expect(report.changes.isEmpty)
        _ = try await hub.segmentation.define("any", query: "number_of_orders >= 0", expectedRevision: 0)
        #expect(hub.segmentation.members(of: "any").isEmpty)
    }
}
