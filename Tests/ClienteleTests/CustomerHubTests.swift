import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// The facade's cross-module flows, end to end, over in-memory and file-backed stores.
@Suite struct CustomerHubTests {
    static let password = "correct horse battery staple"

    /// The test shop; `complete` adds a registration requirement (a KvK number) and a
    /// prompt cap, so that every field a store can hold gets a value.
    static func configuration(complete: Bool = false) throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        let personalisation = Purpose(
            id: "personalisation", title: "Personal offers", textDigest: Purpose.digest(ofText: "Offers that fit you."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "test", secret: Array(repeating: 9, count: 32))),
                digestSalt: Array("a test salt that is long enough".utf8),
                controller: ReceiptController(
                    name: "Test shop", contact: "privacy desk", privacyPolicyURL: "https://shop.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter, personalisation]),
            triggerPurpose: "newsletter",
            profileCatalog: try FieldCatalog([
                FieldDefinition(key: "first-name", labelKey: "firstName", type: .text, moments: [.accountPage]),
                FieldDefinition(key: "pet", labelKey: "pet", type: .singleChoice, rules: FieldRules(choices: ["dog", "cat"]), moments: [.accountPage]),
                FieldDefinition(key: "birth-date", labelKey: "birthDate", type: .date, moments: [.accountPage]),
                FieldDefinition(key: "shoe-size", labelKey: "shoeSize", type: .number, purpose: "personalisation", moments: [.accountPage]),
                FieldDefinition(
                    key: "home", labelKey: "home", type: .address, moments: [.accountPage]),
            ]),
            birthDateField: "birth-date",
            accounts: AccountConfiguration(activation: .open, requirements: complete ? [KvKNumberValidator()] : []),
            profiling: try ProfilingConfiguration(promptCap: complete ? PromptCap() : nil))
    }

    static func hub(
        _ clock: ManualClock = ManualClock(), stores: CustomerHubStores = .inMemory(), complete: Bool = false
    ) throws -> CustomerHub {
        CustomerHub(
            stores: stores, configuration: try configuration(complete: complete), clock: clock,
            hasher: try PBKDF2PasswordHasher(iterations: 1))
    }

    static func order(_ id: String, of customer: CustomerID, at instant: Date, _ amount: String, status: OrderStatus = .placed) throws -> OrderReference {
        OrderReference(
            id: try OrderID(validating: id), customer: customer, placedAt: instant, total: try Money(parsing: amount, currency: .eur),
            status: status)
    }

    static let signup = CollectionContext(source: "test")

    @Test func everyModuleFeedsTheSegmentFacts() async throws {
        let clock = ManualClock()
        let hub = try Self.hub(clock)
        let customer = try await hub.accounts.register(email: "Jan@Voorbeeld.NL", password: Self.password).customer.id
        _ = try await hub.accounts.addToGroup(try CustomerGroup(validating: "vip"), customer)
        let address = try Address(
            id: AddressID(rawValue: "a1"), recipient: "J. Jansen", lines: ["Dorpsstraat 1"], postalCode: "1234 AB", city: "Utrecht", countryCode: "NL")
        _ = try await hub.accounts.saveAddress(address, for: customer, asDefaultFor: [.shipping])
        _ = try await hub.consent.give("newsletter", channel: .email, for: customer, context: Self.signup)
        let report = try await hub.profiling.submit(
            ["pet": .value(.choice("dog")), "birth-date": .value(.date(CalendarDate(year: 1990, month: 2, day: 28)))],
            for: customer, at: .accountPage)
        #expect(report.isValid)
        try await hub.accounts.recordOrder(try Self.order("o1", of: customer, at: clock.now(), "20.00"))
        clock.advance(by: .seconds(3_600))
        try await hub.accounts.recordOrder(try Self.order("o2", of: customer, at: clock.now(), "30.50"))
        try await hub.accounts.recordOrder(try Self.order("o3", of: customer, at: clock.now(), "99.00", status: .cancelled))
        try await hub.accounts.recordOrder(OrderReference(
            id: try OrderID(validating: "o4"), customer: customer, placedAt: clock.now(), total: try Money(parsing: "5.00", currency: .usd)))

        let facts = try #require(try await hub.facts(of: customer))
        #expect(facts.numberOfOrders == 3, "the cancelled order does not count; the dollar order does")
        #expect(facts.amountSpentMinorUnits == 50_50, "only euro orders add to the amount")
        #expect(facts.country == "NL")
        #expect(facts.emailDomain == "voorbeeld.nl")
        #expect(facts.groups == ["vip"])
        #expect(facts.accountStatus == "active")
        #expect(facts.consent("newsletter") == .granted)
        #expect(facts.consent("personalisation") == .none)
        #expect(facts.profile["pet"] == .choice("dog"))
        #expect(facts.birthDate == (try BirthDate(month: 2, day: 28, year: 1990)))
        #expect(facts.lastVisitDate == nil, "registration opens no session")
        let unknown = try await hub.facts(of: try CustomerID(validating: "nobody"))
        #expect(unknown == nil)
    }

    @Test func anOrderEntersASegmentSwitchesItsPriceAndFiresAMilestoneThroughConsent() async throws {
        let clock = ManualClock()
        let hub = try Self.hub(clock)
        let fan = try await hub.accounts.register(email: "fan@example.nl", password: Self.password).customer.id
        let quiet = try await hub.accounts.register(email: "quiet@example.nl", password: Self.password).customer.id
        _ = try await hub.consent.give("newsletter", channel: .email, for: fan, context: Self.signup)
        try await hub.start()
        _ = try await hub.segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        try await hub.pricing.create(PriceList(
            id: try PriceListID(validating: "repeat-10"), currency: .eur, audience: .segments(["repeat"]), mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts, adjustment: .percentOff(try BasisPoints(1_000)))]))
        let shoe = CatalogItem(product: try ProductID(validating: "SKU-1"), basePrice: try Money(parsing: "50.00", currency: .eur))
        #expect(try hub.pricing.resolvePrice(for: shoe, customer: try await hub.pricingContext(for: fan)).unitPrice == (try Money(parsing: "50.00", currency: .eur)))

        let first = try await hub.recordOrder(try Self.order("f1", of: fan, at: clock.now(), "10.00"))
        #expect(first.segmentation.changes.isEmpty)
        let kinds = first.messages.map { "\($0.occurrence.key):\($0.maySend)" }
        #expect(kinds == ["welcome:true", "milestone:1:true"])
        #expect(first.messages.first?.decision == nil, "welcome is a service message: no consent asked")
        clock.advance(by: .seconds(60))
        let second = try await hub.recordOrder(try Self.order("f2", of: fan, at: clock.now(), "10.00"))
        #expect(second.segmentation.changes == [MembershipChange(segment: "repeat", customer: fan, kind: .entered)])
        #expect(second.segmentation.transitions.map(\.to) == [.repeat])
        #expect(second.messages.isEmpty, "milestone 1 fired already; 10 is not reached")
        let context = try await hub.pricingContext(for: fan)
        #expect(context.segments == ["repeat"])
        #expect(try hub.pricing.resolvePrice(for: shoe, customer: context).unitPrice == (try Money(parsing: "45.00", currency: .eur)))
        let sock = CatalogItem(product: try ProductID(validating: "SKU-2"), basePrice: try Money(parsing: "8.00", currency: .eur))
        let listing = try hub.pricing.priceListing([shoe, sock], for: context).map(\.unitPrice)
        #expect(listing == [try Money(parsing: "45.00", currency: .eur), try Money(parsing: "7.20", currency: .eur)])
        let cart = try hub.pricing.priceCart([CartLine(item: shoe, quantity: 1), CartLine(item: sock, quantity: 3)], for: context)
        #expect(cart.total == (try Money(parsing: "66.60", currency: .eur)))
        let anonymousCart = try hub.pricing.priceCart([CartLine(item: shoe, quantity: 1), CartLine(item: sock, quantity: 3)], for: .anonymous)
        #expect(anonymousCart.total == (try Money(parsing: "74.00", currency: .eur)), "before login: base prices")

        let denied = try await hub.recordOrder(try Self.order("q1", of: quiet, at: clock.now(), "10.00"))
        let milestone = try #require(denied.messages.first { $0.occurrence.kind == .milestone })
        #expect(!milestone.maySend, "no newsletter consent: the marketing mail is denied")
        if case .denied(let reason)? = milestone.decision?.outcome {
            #expect("\(reason)".contains("noConsent"))
        } else {
            Issue.record("expected a denied decision")
        }
    }

    @Test func withdrawingConsentStopsTheQuestionsOfItsPurposeAtOnce() async throws {
        let hub = try Self.hub()
        let customer = try await hub.accounts.register(email: "p@example.nl", password: Self.password).customer.id
        #expect(try await !hub.profiling.nextQuestions(for: customer, at: .accountPage, limit: 5).map(\.field).contains("shoe-size"))
        _ = try await hub.consent.give("personalisation", channel: .email, for: customer, context: Self.signup)
        #expect(try await hub.profiling.nextQuestions(for: customer, at: .accountPage, limit: 5).map(\.field).contains("shoe-size"))
        _ = try await hub.consent.withdraw("personalisation", channel: .email, for: customer, context: Self.signup)
        #expect(try await !hub.profiling.nextQuestions(for: customer, at: .accountPage, limit: 5).map(\.field).contains("shoe-size"))
    }

    @Test func startLoadsEveryCustomerPageByPage() async throws {
        let hub = try Self.hub()
        for index in 0..<1_203 {
            _ = try await hub.accounts.recordGuest(email: "guest\(index)@example.nl")
        }
        try await hub.start()
        _ = try await hub.segmentation.define("guests", query: "account_status IS NULL", expectedRevision: 0)
        #expect(hub.segmentation.members(of: "guests").count == 1_203)
    }

    @Test func aHubInAFolderHoldsItsLockAndRestartsWithoutAnnouncingAgain() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-hub")
        defer { temporary.remove() }
        let folder = temporary.subfolder("shop")
        let clock = ManualClock()
        let configuration = try Self.configuration()
        let hasher = try PBKDF2PasswordHasher(iterations: 1)
        var customer: CustomerID
        do {
            let hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock, hasher: hasher)
            await #expect(throws: CoreError.self) {
                _ = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock, hasher: hasher)
            }
            try await hub.start()
            customer = try await hub.accounts.register(email: "r@example.nl", password: Self.password).customer.id
            _ = try await hub.segmentation.define("buyers", query: "number_of_orders >= 1", expectedRevision: 0)
            let outcome = try await hub.recordOrder(try Self.order("r1", of: customer, at: clock.now(), "12.00"))
            #expect(outcome.segmentation.changes.map(\.kind) == [.entered])
            try await hub.close()
        }
        for name in ["accounts", "consent", "pricing", "profiles", "segments"] {
            #expect(FileManager.default.fileExists(atPath: folder.appending(path: name).path), "\(name)/")
        }
        let hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock, hasher: hasher)
        let restart = try await hub.start()
        #expect(restart.changes.isEmpty, "the member was stored: nothing announced twice")
        #expect(hub.segmentation.contains(customer, in: "buyers"))
        #expect(try await hub.dueMessages().isEmpty, "welcome and milestone fired before the restart")
        try await hub.close()
    }

    @Test func anOpenThatFindsOneStoreLockedClosesTheStoresItDidOpen() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-hub-locked")
        defer { temporary.remove() }
        let folder = temporary.subfolder("shop")
        let configuration = try Self.configuration()
        let hasher = try PBKDF2PasswordHasher(iterations: 1)
        let consent = try await ReferenceConsentStore.open(folder: folder.appending(path: "consent"))
        let error = await #expect(throws: CoreError.self) {
            _ = try await CustomerHub.open(at: folder, configuration: configuration, hasher: hasher)
        }
        #expect(error?.code == .storeAlreadyOpen)
        try await consent.close()
        // The four stores the failed open did open were closed again: their locks are free.
        let hub = try await CustomerHub.open(at: folder, configuration: configuration, hasher: hasher)
        try await hub.start()
        try await hub.close()
    }

    @Test func aConfigurationWhoseTriggerPurposeOrBirthDateFieldDoesNotExistIsRefused() throws {
        let valid = try Self.configuration()
        #expect(throws: SegmentationError.self) {
            _ = try CustomerHubConfiguration(consent: valid.consent, purposes: valid.purposes, triggerPurpose: "offers")
        }
        #expect(throws: SegmentationError.self) {
            _ = try CustomerHubConfiguration(
                consent: valid.consent, purposes: valid.purposes, triggerPurpose: "newsletter", profileCatalog: valid.profileCatalog,
                birthDateField: "pet")
        }
        #expect(valid.segmentSchema.profileFields == ["first-name": .text, "pet": .text, "birth-date": .date, "shoe-size": .number])
    }
}
