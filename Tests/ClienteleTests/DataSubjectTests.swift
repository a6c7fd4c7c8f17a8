import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// Export and erasure across every module: what a data-subject request gets, and what is
/// left after an erasure (nothing), also when the erasure is interrupted at any write.
@Suite struct DataSubjectTests {
    static let email = "Jan.Jansen@Voorbeeld.NL"
    static let newEmail = "jan.nieuw@voorbeeld.nl"
    static let name = "Jantje Jansen"
    static let street = "Dorpsstraat 17"
    static let firstName = "Jantje"

    struct Filled {
        var customer: CustomerID
        var guest: CustomerID
        var bystander: CustomerID
        var session: SessionID
    }

    /// A customer with something in every store of every module, a guest checkout with
    /// the same address, and a bystander who shares a price list with the customer.
    static func fill(_ hub: CustomerHub, _ clock: ManualClock) async throws -> Filled {
        let guest = try await hub.accounts.recordGuest(email: email.lowercased()).id
        try await hub.accounts.recordOrder(try CustomerHubTests.order("g-1", of: guest, at: clock.now(), "15.00"))
        clock.advance(by: .seconds(60))
        let customer = try await hub.accounts.register(
            email: email, password: CustomerHubTests.password, requirements: ["kvk": "6959 9084"]).customer.id
        let verification = try await hub.accounts.requestEmailVerification(for: customer)
        _ = try await hub.accounts.verifyEmail(token: verification.value)
        let bystander = try await hub.accounts.register(
            email: "other@example.nl", password: CustomerHubTests.password, requirements: ["kvk": "12345678"]).customer.id
        try await hub.start()
        _ = try await hub.accounts.addToGroup(try CustomerGroup(validating: "vip"), customer)
        _ = try await hub.accounts.saveAddress(
            try Address(id: AddressID(rawValue: "home"), recipient: name, lines: [street], postalCode: "3511 AB", city: "Utrecht", countryCode: "NL"),
            for: customer, asDefaultFor: [.shipping])
        let session = try await hub.accounts.login(email: email, password: CustomerHubTests.password).session.id
        _ = try await hub.accounts.requestEmailChange(of: customer, currentPassword: CustomerHubTests.password, newEmail: newEmail)
        _ = try await hub.consent.give("newsletter", channel: .email, for: customer, context: CollectionContext(
            source: "checkout", formID: "newsletter-box", ipAddress: "198.51.100.7", userAgent: "ExportBrowser/2.0"))
        let decision = try await hub.consent.decide(.purpose("newsletter"), channel: .email, for: customer, emailKey: email.lowercased())
        _ = try await hub.consent.recordSend(decision, reference: "mail-4711")
        _ = try await hub.profiling.submit(["first-name": .value(.text("Jan"))], for: customer, at: .accountPage)
        clock.advance(by: .seconds(60))
        _ = try await hub.profiling.submit(
            ["first-name": .value(.text(firstName)), "pet": .value(.choice("cat")), "birth-date": .declined], for: customer,
            at: .accountPage, collectionPoint: "account-page-form")
        _ = try await hub.profiling.nextQuestions(for: customer, at: .accountPage, limit: 2)
        _ = try await hub.segmentation.define("vips", query: "groups CONTAINS 'vip'", expectedRevision: 0)
        _ = try await hub.recordOrder(try CustomerHubTests.order("o-1", of: customer, at: clock.now(), "42.00"))
        _ = try await hub.recordOrder(try CustomerHubTests.order("b-1", of: bystander, at: clock.now(), "10.00"))
        for (id, audience) in [("shared-list", [customer, bystander]), ("own-list", [customer])] {
            try await hub.pricing.create(PriceList(
                id: try PriceListID(validating: id), currency: .eur, audience: .customers(Set(audience)), mode: .sale,
                entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts, adjustment: .percentOff(try BasisPoints(500)))]))
        }
        return Filled(customer: customer, guest: guest, bystander: bystander, session: session)
    }

    @Test func theExportHoldsEveryStoredFieldOfEveryModuleAndNoSecret() async throws {
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock, complete: true)
        let filled = try await Self.fill(hub, clock)
        let export = try await hub.export(customer: filled.customer)
        #expect(export.schemaVersion == 1)
        #expect(export.account?.email.displayForm == Self.email)
        #expect(export.sessions.map(\.id) == [filled.session])
        #expect(export.tokens.map(\.newEmail?.displayForm) == [Self.newEmail])
        #expect(export.orders.map(\.id.rawValue) == ["o-1"])
        #expect(export.profile?.history.count == 3)
        #expect(export.profile?.declines.map(\.field) == ["birth-date"])
        #expect(export.profile?.prompts.count == 1)
        #expect(export.account?.requirements == ["kvk": "69599084"])
        #expect(export.account?.emailVerifiedAt != nil)
        #expect(export.account?.statusLog.isEmpty == false)
        #expect(export.consentLedger.count == 1)
        #expect(export.consentReceipt != nil)
        #expect(export.sends.count == 1)
        #expect(export.segments == ["vips"])
        #expect(export.firedTriggers == ["milestone:1", "welcome"])
        #expect(export.priceLists.map(\.rawValue).sorted() == ["own-list", "shared-list"])

        let json = String(decoding: try export.jsonData(), as: UTF8.self)
        for expected in [
            Self.email, Self.newEmail, Self.name, Self.street, "3511 AB", "Utrecht", "vip", filled.session.rawValue, "o-1", "\"minorUnits\" : 4200",
            Self.firstName, "cat", "account-page-form", "ipAddressDigest", "userAgentDigest", "newsletter-box", "mail-4711", "vips",
            "milestone:1", "welcome", "own-list", "shared-list", "changeEmail", "\"schemaVersion\" : 1", "69599084",
            "emailVerifiedAt", "\"declines\"", "birth-date", "\"prompts\"", "registered", "\"kind\" : \"account\"",
        ] {
            #expect(json.contains(expected), "the export holds \(expected)")
        }
        let record = try #require(try await hub.stores.accounts.record(filled.customer))
        let hash = try #require(record.credentials?.passwordHash)
        #expect(!json.contains(hash), "no password hash")
        for session in record.sessions { #expect(!json.contains(session.digest.description), "no session digest") }
        for token in record.tokens { #expect(!json.contains(token.digest.description), "no token digest") }
        let decoded = try JSONSerialization.jsonObject(with: try export.jsonData()) as? [String: Any]
        #expect(decoded?["customer"] as? String == filled.customer.rawValue)
    }

    @Test func theRecordsUnderAnAddressAreTheAccountThenItsGuestCheckouts() async throws {
        let clock = ManualClock()
        let hub = try CustomerHubTests.hub(clock)
        let filled = try await Self.fill(hub, clock)
        #expect(try await hub.customers(withEmail: try EmailAddress(parsing: Self.email.uppercased())) == [filled.customer, filled.guest])
        #expect(try await hub.customers(withEmail: try EmailAddress(parsing: "nobody@example.nl")).isEmpty)
        let erasure = try await hub.erase(customer: filled.guest)
        #expect(Set(erasure.customers) == [filled.customer, filled.guest])
        #expect(try await hub.customers(withEmail: try EmailAddress(parsing: Self.email)).isEmpty)
    }

    @Test func afterAnErasureNoFileOfAnyStoreHoldsTheAddressOrTheName() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-hub-erasure")
        defer { temporary.remove() }
        let folder = temporary.subfolder("shop")
        let clock = ManualClock()
        let hub = try await CustomerHub.open(
            at: folder, configuration: try CustomerHubTests.configuration(), clock: clock, hasher: try PBKDF2PasswordHasher(iterations: 1))
        let filled = try await Self.fill(hub, clock)
        let secrets = [Self.email, Self.email.lowercased(), Self.email.uppercased(), Self.newEmail, Self.newEmail.uppercased(),
                       Self.name, Self.name.lowercased(), Self.name.uppercased(), Self.street, Self.firstName]
        #expect(try !RedactionCheck.files(in: folder, holding: secrets).isEmpty, "the stores hold them before")

        let erasure = try await hub.erase(customer: filled.customer)
        #expect(Set(erasure.customers) == [filled.customer, filled.guest], "the guest checkout with the same address is the same person")
        #expect(erasure.priceLists == 2)
        #expect(try RedactionCheck.files(in: folder, holding: secrets).isEmpty)

        #expect(try await hub.stores.accounts.record(filled.customer) == nil)
        #expect(try await hub.stores.accounts.record(filled.guest) == nil)
        #expect(try await hub.stores.accounts.record(filled.bystander) != nil)
        #expect(try await hub.pricing.list(try PriceListID(validating: "own-list")) == nil)
        #expect(try await hub.pricing.list(try PriceListID(validating: "shared-list"))?.list.audience == .customers([filled.bystander]))
        #expect(hub.segmentation.facts(of: filled.customer) == nil)
        let mail = try await hub.consent.decide(.purpose("newsletter"), channel: .email, for: filled.customer, emailKey: Self.email.lowercased())
        guard case .denied(.suppressed) = mail.outcome else {
            Issue.record("the erased address is suppressed, not \(mail.outcome)")
            return
        }
        let export = try await hub.export(customer: filled.customer)
        #expect(export.account == nil && export.orders.isEmpty && export.profile == nil && export.consentLedger.isEmpty)
        #expect(export.segments.isEmpty && export.firedTriggers.isEmpty && export.priceLists.isEmpty && export.sends.isEmpty)
        try await hub.close()
    }

    @Test func anErasureInterruptedAtAnyWriteAndRepeatedEndsLikeAnUninterruptedOne() async throws {
        func erased(failingAt write: Int?) async throws -> (state: String, failed: Bool, writes: Int) {
            let fault = WriteFault()
            let clock = ManualClock()
            let hub = CustomerHub(
                stores: fault.stores(), configuration: try CustomerHubTests.configuration(), clock: clock,
                ids: .incrementing(from: 1), hasher: try PBKDF2PasswordHasher(iterations: 1))
            let filled = try await Self.fill(hub, clock)
            fault.fail(atWrite: write)
            var failed = false
            do {
                try await hub.erase(customer: filled.customer)
            } catch {
                failed = true
            }
            let writes = fault.writes
            fault.fail(atWrite: nil)
            try await hub.erase(customer: filled.customer)
            return (try await Self.observable(hub, filled), failed, writes)
        }
        let reference = try await erased(failingAt: nil)
        #expect(!reference.failed)
        #expect(reference.writes >= 8, "an erasure writes to every store: \(reference.writes) writes")
        for write in 1...reference.writes {
            let interrupted = try await erased(failingAt: write)
            #expect(interrupted.failed, "write \(write) failed the first attempt")
            #expect(interrupted.state == reference.state, "interrupted at write \(write), repeated")
            if interrupted.state != reference.state {
                let left = reference.state.split(separator: "\n"), right = interrupted.state.split(separator: "\n")
                for (a, b) in zip(left, right) where a != b { print("DIFF \(write): \(a) | \(b)") }
                break
            }
        }
    }

    /// What every store says about the three customers and the shared data, as text.
    static func observable(_ hub: CustomerHub, _ filled: Filled) async throws -> String {
        var lines: [String] = []
        for customer in [filled.customer, filled.guest, filled.bystander] {
            let export = try await hub.export(customer: customer)
            var copy = export
            copy.consentReceipt?.header.receiptID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            lines.append(String(decoding: try copy.jsonData(), as: UTF8.self))
        }
        let key = Self.email.lowercased()
        lines.append("suppressed: \(try await hub.consent.suppression(emailKey: key) != nil)")
        lines.append("account by address: \(String(describing: try await hub.stores.accounts.account(emailKey: key)?.customer.id))")
        lines.append("guests by address: \(try await hub.stores.accounts.guests(emailKey: key).count)")
        lines.append("lists: \(try await hub.stores.priceLists.snapshot().lists.map { "\($0.id) \($0.list.audience)" })")
        lines.append("customers: \(try await hub.stores.accounts.customers(after: nil, limit: 100))")
        lines.append("vips: \(try await hub.stores.segments.members(of: "vips", after: nil, limit: 100))")
        return lines.joined(separator: "\n")
    }
}

