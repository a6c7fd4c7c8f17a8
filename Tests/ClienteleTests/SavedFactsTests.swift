@testable import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// The facts a clean close saves in a hub folder (`facts.saved`): the next start loads
/// them only when nothing they were derived from changed, and what it loads is what
/// deriving every customer from the stores gives.
@Suite struct SavedFactsTests {
    /// The test shop, with a double opt-in purpose (`offers`) whose pending consents expire.
    static func configuration(currency: Currency = .eur) throws -> CustomerHubConfiguration {
        let base = try CustomerHubTests.configuration()
        let offers = Purpose(
            id: "offers", title: "Offers", textDigest: Purpose.digest(ofText: "Offers by e-mail."), legalBasis: .consent,
            category: .marketing, channels: [.email], requiresConfirmation: true)
        return try CustomerHubConfiguration(
            consent: base.consent, purposes: try PurposeCatalog(base.purposes.currentPurposes + [offers]),
            triggerPurpose: "newsletter", profileCatalog: base.profileCatalog, birthDateField: "birth-date", currency: currency,
            accounts: base.accounts)
    }

    struct Shop {
        let temporary: TemporaryFolder
        let folder: URL
        let clock = ManualClock()
        var customers: [CustomerID] = []
        var path: String { folder.appending(path: SavedFacts.fileName).path }

        func open(_ configuration: CustomerHubConfiguration? = nil) async throws -> CustomerHub {
            try await CustomerHub.open(at: folder, configuration: try configuration ?? SavedFactsTests.configuration(), clock: clock, hasher: try PBKDF2PasswordHasher(iterations: 1))
        }
    }

    /// A started hub folder of 30 customers with orders, groups, profiles and consents of
    /// every kind, and two segments; closed (so the facts are saved).
    static func shop() async throws -> Shop {
        let temporary = try TemporaryFolder(prefix: "clientele-saved-facts")
        var shop = Shop(temporary: temporary, folder: temporary.subfolder("shop"))
        let hub = try await shop.open()
        try await hub.start()
        _ = try await hub.segmentation.define("buyers", query: "number_of_orders >= 1", expectedRevision: 0)
        _ = try await hub.segmentation.define("offers", query: "consent.offers = 'pending'", expectedRevision: 0)
        for index in 0..<30 {
            let customer = index % 5 == 0
                ? try await hub.accounts.recordGuest(email: "guest\(index)@example.nl").id
                : try await hub.accounts.register(email: "c\(index)@Voorbeeld.NL", password: CustomerHubTests.password).customer.id
            shop.customers.append(customer)
            for order in 0..<(index % 3) {
                _ = try await hub.recordOrder(try CustomerHubTests.order("o\(index)-\(order)", of: customer, at: shop.clock.now(), "12.50"))
            }
            if index % 4 == 1 { _ = try await hub.accounts.addToGroup(try CustomerGroup(validating: "vip"), customer) }
            if index % 2 == 0 {
                _ = try await hub.profiling.submit(
                    ["first-name": .value(.text("Naam \(index) ✓")), "pet": .value(.choice(index % 4 == 0 ? "dog" : "cat")),
                     "birth-date": .value(.date(CalendarDate(year: 1980 + index, month: 1 + index % 12, day: 1 + index % 28)))],
                    for: customer, at: .accountPage)
            }
            if index % 3 == 0 { _ = try await hub.consent.give("newsletter", channel: .email, for: customer, context: CustomerHubTests.signup) }
            if index % 3 == 1 { _ = try await hub.consent.give("offers", channel: .email, for: customer, context: CustomerHubTests.signup) }
            _ = try await hub.refreshFacts(of: customer)
            shop.clock.advance(by: .seconds(60))
        }
        try await hub.close()
        return shop
    }

    /// Every customer's facts and every segment's members as a started hub holds them.
    static func loaded(_ hub: CustomerHub, _ customers: [CustomerID]) -> Loaded {
        Loaded(facts: customers.map { hub.segmentation.facts(of: $0) }, members: ["buyers", "offers"].map { hub.segmentation.members(of: $0).sorted() })
    }

    /// Deletes the saved facts and starts the folder from the stores: the hub must then hold
    /// `loaded`, what a start from saved facts held.
    static func expectDerivingGives(_ loaded: Loaded, _ shop: Shop) async throws {
        try? FileManager.default.removeItem(atPath: shop.path)
        let derived = try await shop.open()
        try await derived.start()
        let used = derived.startedFromSavedFacts
        #expect(!used)
        let fromStores = Self.loaded(derived, shop.customers)
        #expect(fromStores == loaded)
        try await derived.close()
    }

    struct Loaded: Equatable {
        var facts: [CustomerFacts?]
        var members: [[CustomerID]]
    }

    @Test func aCleanCloseSavesTheFactsAndTheNextStartLoadsWhatDerivingGives() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        let attributes = try FileManager.default.attributesOfItem(atPath: shop.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "owner-only: it holds profile values")

        let hub = try await shop.open()
        #expect(!FileManager.default.fileExists(atPath: shop.path), "read and deleted at open, before any write")
        let report = try await hub.start()
        let used1 = hub.startedFromSavedFacts
        #expect(used1)
        #expect(report.changes.isEmpty)
        let fromFile = Self.loaded(hub, shop.customers)
        try await hub.close()

        let counts = fromFile.members.map(\.count)  // buyers, offers
        #expect(counts == [20, 10])
        try await Self.expectDerivingGives(fromFile, shop)
    }

    @Test func aWriteThatBypassedTheHubDuringTheSessionIsInTheSavedFacts() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        let hub = try await shop.open()
        try await hub.start()
        // Through the account service, not the hub: the facts in memory miss it.
        try await hub.accounts.recordOrder(try CustomerHubTests.order("direct", of: shop.customers[0], at: shop.clock.now(), "5.00"))
        let before = hub.segmentation.contains(shop.customers[0], in: "buyers")
        #expect(!before)
        try await hub.close()

        let reopened = try await shop.open()
        let report = try await reopened.start()
        let used3 = reopened.startedFromSavedFacts
        #expect(used3)
        let after = reopened.segmentation.contains(shop.customers[0], in: "buyers")
        #expect(after)
        #expect(report.changes.map(\.customer) == [shop.customers[0]], "the entry the bypass missed is announced at the restart")
        try await reopened.close()
    }

    /// Writes that race the close (through the services, not the hub) either land before the
    /// facts are derived, or make the close delete what it saved: whatever the interleaving,
    /// the next start holds what deriving from the stores gives.
    @Test(arguments: 0..<4)
    func writesRacingTheCloseNeverLeaveStaleSavedFacts(round: Int) async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        let hub = try await shop.open()
        try await hub.start()
        let customers = shop.customers
        let clock = shop.clock
        let writer = Task {
            var written = 0
            while written < 10_000 {
                do {
                    let order = try CustomerHubTests.order("race-\(round)-\(written)", of: customers[written % customers.count], at: clock.now(), "1.00")
                    try await hub.accounts.recordOrder(order)
                    written += 1
                    if written % (round + 1) == 0 { await Task.yield() }
                } catch {
                    return written
                }
            }
            return written
        }
        await Task.yield()
        try await hub.close()
        let written = await writer.value
        #expect(written > 0)

        let reopened = try await shop.open()
        try await reopened.start()
        let fromFile = Self.loaded(reopened, shop.customers)
        try await reopened.close()
        try await Self.expectDerivingGives(fromFile, shop)
    }

    @Test func aStoreChangedAfterTheCloseOrAnotherConfigurationIsNotTrusted() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        // A write to the accounts store alone, between the close and the next open.
        let accounts = try await ReferenceAccountStore.open(folder: shop.folder.appending(path: "accounts"))
        try await accounts.recordOrder(try CustomerHubTests.order("later", of: shop.customers[0], at: shop.clock.now(), "5.00"))
        try await accounts.close()
        var hub = try await shop.open()
        try await hub.start()
        let used4 = hub.startedFromSavedFacts
        #expect(!used4)
        let entered = hub.segmentation.contains(shop.customers[0], in: "buyers")
        #expect(entered)
        try await hub.close()

        // A store opened and closed without a write changes nothing: the file is used.
        let profiles = try await ReferenceProfileStore.open(folder: shop.folder.appending(path: "profiles"))
        try await profiles.close()
        hub = try await shop.open()
        try await hub.start()
        let used5 = hub.startedFromSavedFacts
        #expect(used5)
        try await hub.close()

        // Another shop currency: amounts derive differently, so the file is not used.
        hub = try await shop.open(try Self.configuration(currency: .usd))
        try await hub.start()
        let used6 = hub.startedFromSavedFacts
        #expect(!used6)
        let amount = hub.segmentation.facts(of: shop.customers[1])?.amountSpentMinorUnits
        #expect(amount == 0, "euro orders add nothing in dollars")
        try await hub.close()
    }

    @Test func aPendingConsentWhoseDeadlinePassedSinceTheCloseIsDerivedAgain() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        shop.clock.advance(by: .seconds(49 * 3600))  // past every 48-hour confirmation deadline
        let hub = try await shop.open()
        try await hub.start()
        let used7 = hub.startedFromSavedFacts
        #expect(used7)
        let offers = hub.segmentation.members(of: "offers")
        #expect(offers.isEmpty)
        let pending = shop.customers.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)
        for customer in pending {
            let state = hub.segmentation.facts(of: customer)?.consent("offers")
            #expect(state == .expired)
        }
        let fromFile = Self.loaded(hub, shop.customers)
        try await hub.close()
        try await Self.expectDerivingGives(fromFile, shop)
    }

    @Test func aDamagedFileOrAClockBeforeTheCloseIsIgnoredAndDeleted() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        var bytes = try Data(contentsOf: URL(filePath: shop.path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(filePath: shop.path))
        // And the temporary file of a close that died while writing.
        try Data("CLFACTS".utf8).write(to: URL(filePath: shop.path + ".tmp"))
        var hub = try await shop.open()
        #expect(!FileManager.default.fileExists(atPath: shop.path))
        #expect(!FileManager.default.fileExists(atPath: shop.path + ".tmp"))
        try await hub.start()
        let used8 = hub.startedFromSavedFacts
        #expect(!used8)
        let buyers = hub.segmentation.members(of: "buyers").count
        #expect(buyers == 20)
        try await hub.close()

        // A file whose checksum is right but which does not read back as saved facts (a
        // byte added after them): refused at open, and every customer derived.
        var extended = try Data(contentsOf: URL(filePath: shop.path)).dropLast(4) + [0]
        withUnsafeBytes(of: CRC32C.checksum(extended).littleEndian) { extended.append(contentsOf: $0) }
        try extended.write(to: URL(filePath: shop.path))
        hub = try await shop.open()
        try await hub.start()
        let usedRecounted = hub.startedFromSavedFacts
        #expect(!usedRecounted)
        let buyersAfterRecount = hub.segmentation.members(of: "buyers").count
        #expect(buyersAfterRecount == 20)
        try await hub.close()

        shop.clock.set(to: shop.clock.now().addingTimeInterval(-3600))
        hub = try await shop.open()
        try await hub.start()
        let used9 = hub.startedFromSavedFacts
        #expect(!used9, "a clock before the close cannot tell which pending consents expired")
        try await hub.close()
    }

    @Test func aHubThatWasNotStartedSavesNothingAndErasedValuesDoNotSurviveInTheFile() async throws {
        let shop = try await Self.shop()
        defer { shop.temporary.remove() }
        #expect(try !RedactionCheck.files(in: shop.folder, holding: ["Naam 2 ✓"]).filter { $0.file.hasSuffix(SavedFacts.fileName) }.isEmpty)
        var hub = try await shop.open()
        try await hub.close()
        #expect(!FileManager.default.fileExists(atPath: shop.path), "not started: nothing to save")

        hub = try await shop.open()
        try await hub.start()
        _ = try await hub.erase(customer: shop.customers[2])
        #expect(try RedactionCheck.files(in: shop.folder, holding: ["Naam 2 ✓"]).isEmpty)
        try await hub.close()
        #expect(FileManager.default.fileExists(atPath: shop.path))
        #expect(try RedactionCheck.files(in: shop.folder, holding: ["Naam 2 ✓"]).isEmpty, "the saved facts leave the erased customer out")
    }
}
