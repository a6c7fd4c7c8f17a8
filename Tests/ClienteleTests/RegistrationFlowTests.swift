import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// Registration through the hub, consent with it, and what withdrawing consent does.
@Suite struct RegistrationFlowTests {
    static let requestID = UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16))

    static func request(email: String = "Sanne@Example.NL") -> RegistrationRequest {
        RegistrationRequest(
            requestID: requestID, email: email, password: CustomerHubTests.password, consents: ["newsletter", "personalisation"],
            context: CollectionContext(source: "registration", formID: "register-step-1"))
    }

    @Test func stepOneStoresTheAccountItsConsentsAndItsSegmentFacts() async throws {
        let hub = try CustomerHubTests.hub()
        try await hub.start()
        _ = try await hub.segmentation.define("subscribers", query: "consent.newsletter = 'granted'", expectedRevision: 0)
        let outcome = try await hub.register(Self.request())
        #expect(outcome.customer.id == Self.request().customerID)
        #expect(!outcome.resumed)
        #expect(outcome.consents.map(\.record.entry.purpose) == ["newsletter", "personalisation"])
        let standings = try await hub.consent.standings(of: outcome.customer.id)
        #expect(standings.filter(\.status.isGranted).map(\.purpose.rawValue).sorted() == ["newsletter", "personalisation"])
        #expect(hub.segmentation.contains(outcome.customer.id, in: "subscribers"))
        let report = try await hub.profiling.submit(["first-name": .value(.text("Sanne"))], for: outcome.customer.id, at: .accountPage)
        #expect(report.isValid, "step 2 is profiling's")
    }

    @Test func aRegistrationInterruptedAtAnyWriteAndRepeatedEndsLikeAnUninterruptedOne() async throws {
        func registered(failingAt write: Int?) async throws -> (state: String, failed: Bool, writes: Int, resumed: Bool) {
            let fault = WriteFault()
            let hub = CustomerHub(
                stores: fault.stores(), configuration: try CustomerHubTests.configuration(), clock: ManualClock(),
                ids: .incrementing(from: 1), hasher: try PBKDF2PasswordHasher(iterations: 1))
            try await hub.start()
            _ = try await hub.segmentation.define("subscribers", query: "consent.newsletter = 'granted'", expectedRevision: 0)
            fault.fail(atWrite: write)
            var failed = false
            do {
                _ = try await hub.register(Self.request())
            } catch {
                failed = true
            }
            let writes = fault.writes
            fault.fail(atWrite: nil)
            let outcome = try await hub.register(Self.request())
            let id = outcome.customer.id
            let standings = try await hub.consent.standings(of: id).map { "\($0.purpose) \($0.channel) \($0.status.name)" }
            let state = [
                "account: \(outcome.customer.email.displayForm) \(outcome.customer.status)",
                "customers: \(try await hub.stores.accounts.customers(after: nil, limit: 10))",
                "consents: \(standings.sorted())",
                "stored members: \(try await hub.stores.segments.members(of: "subscribers", after: nil, limit: 10))",
                "evaluated members: \(hub.segmentation.members(of: "subscribers"))",
            ].joined(separator: "\n")
            return (state, failed, writes, outcome.resumed)
        }
        let reference = try await registered(failingAt: nil)
        #expect(!reference.failed)
        #expect(reference.resumed, "the second call of a completed request resumes it")
        #expect(reference.writes >= 3, "account, two consents, segment members: \(reference.writes) writes")
        for write in 1...reference.writes {
            let interrupted = try await registered(failingAt: write)
            #expect(interrupted.failed, "write \(write) failed the first attempt")
            #expect(interrupted.state == reference.state, "interrupted at write \(write), repeated")
        }
    }

    @Test func aRequestIDUsedForAnotherAddressIsRefused() async throws {
        let hub = try CustomerHubTests.hub()
        _ = try await hub.register(Self.request())
        await #expect(throws: AccountError.self) { _ = try await hub.register(Self.request(email: "someone.else@example.nl")) }
        var other = Self.request()
        other.requestID = UUID(uuid: (9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9))
        do {
            _ = try await hub.register(other)
            Issue.record("a second account for the address was registered")
        } catch let error as AccountError {
            #expect(error.code == .emailTaken)
        }
        #expect(try await hub.stores.accounts.customers(after: nil, limit: 10).count == 1)
    }

    @Test func withdrawingAPurposePurgesTheProfileValuesServingIt() async throws {
        let hub = try CustomerHubTests.hub()
        let customer = try await hub.register(Self.request()).customer.id
        let report = try await hub.profiling.submit(
            ["shoe-size": .value(.number(43)), "pet": .value(.choice("dog"))], for: customer, at: .accountPage)
        #expect(report.isValid)
        let (_, purged) = try await hub.withdraw("personalisation", channel: .email, for: customer, context: CollectionContext(source: "account-page"))
        #expect(purged)
        let profile = try await hub.profiling.profile(of: customer)
        #expect(profile.value(for: "shoe-size") == nil, "the value served the withdrawn purpose")
        #expect(profile.value(for: "pet") == .choice("dog"), "other values stay")
        #expect(hub.segmentation.facts(of: customer)?.consent("personalisation") == .withdrawn)
    }
}

/// Guest checkout to account, with earlier guest orders claimed after a mailbox proof.
@Suite struct GuestCheckoutFlowTests {
    @Test func aGuestBecomesAnAccountAndClaimsItsEarlierOrdersAfterTheMailboxProof() async throws {
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock)
        try await hub.start()
        _ = try await hub.segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        let earlier = try await hub.accounts.recordGuest(email: "guest@example.nl").id
        _ = try await hub.recordOrder(try CustomerHubTests.order("e-1", of: earlier, at: clock.now(), "20.00"))
        clock.advance(by: .seconds(86_400))
        let today = try await hub.accounts.recordGuest(email: "Guest@Example.nl").id
        let checkout = try await hub.recordOrder(try CustomerHubTests.order("t-1", of: today, at: clock.now(), "30.00"))
        #expect(checkout.messages.map(\.occurrence.key) == ["milestone:1"], "a guest gets no welcome: it has no account")

        _ = try await hub.convertGuest(today, password: CustomerHubTests.password)
        #expect(hub.segmentation.facts(of: today)?.accountStatus == "active")
        let welcome = try await hub.dueMessages()
        #expect(welcome.map { "\($0.occurrence.customer == today) \($0.occurrence.key)" } == ["true welcome"])
        #expect(!hub.segmentation.contains(today, in: "repeat"))

        let proof = try await hub.accounts.requestGuestOrderClaim(for: today)
        let moved = try await hub.claimGuestOrders(for: today, token: proof.value)
        #expect(moved == 1)
        #expect(try await hub.accounts.orders(of: today).orders.map(\.id.rawValue).sorted() == ["e-1", "t-1"])
        #expect(hub.segmentation.contains(today, in: "repeat"), "the claimed order makes a repeat buyer")
        #expect(hub.segmentation.facts(of: earlier)?.numberOfOrders == 0)
    }
}

/// Values of the facade that hold personal data print none of it.
@Suite struct FacadeRedactionTests {
    @Test func aRegistrationRequestAndAnExportPrintAndDumpNoPersonalData() async throws {
        let request = RegistrationFlowTests.request(email: "Secret.Person@Example.NL")
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock)
        let id = try await hub.register(request).customer.id
        let export = try await hub.export(customer: id)
        for value in [request as Any, export as Any] {
            var dumped = ""
            dump(value, to: &dumped)
            for text in ["\(value)", String(reflecting: value), dumped] {
                #expect(!text.lowercased().contains("secret.person"), "\(type(of: value)) shows the address")
                #expect(!text.contains(CustomerHubTests.password), "\(type(of: value)) shows the password")
            }
        }
        #expect("\(export)".contains(id.rawValue))
    }
}
