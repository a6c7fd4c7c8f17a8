import Clientele
import ClienteleTestKit
import Foundation
import Testing

/// Issue 18: `CustomerHub.importCustomers` brings customers in the peers' CSV schema into a
/// hub: guests with their order totals, group, birth date and newsletter consent.
@Suite struct CustomerImportTests {
    static let header =
        "id,email,created_at,country,birth_date,customer_group,newsletter,number_of_orders,amount_spent,first_order_at,last_order_at,last_visit_at"

    /// Six rows; line 4 has an impossible birth date and line 6 an invalid e-mail address.
    static let csv = """
        \(header)
        C0000001,user1@example.nl,1700000000,NL,1980-05-17,vip,granted,3,12345,1700100000,1790000000,1790500000
        C0000002,User.2@Example.com,1700000000,BE,,,none,0,0,,,
        C0000003,user3@example.de,1710000000,DE,1999-02-30,,granted,1,500,1720000000,1720000000,
        C0000004,user4@example.org,1720000000,,2001-12-01,b2b,withdrawn,2,2500,1725000000,1730000000,1730000001
        C0000005,secret-person-at-nowhere,1720000000,NL,,,granted,5,100,1725000000,1730000000,
        C0000006,user6@example.nl,1730000000,FR,,wholesale,true,7,99900,1731000000,1790000000,1790000000

        """

    static func id(_ text: String) throws -> CustomerID { try CustomerID(validating: text) }

    static func hub(_ clock: ManualClock = ManualClock(), stores: CustomerHubStores = .inMemory()) throws -> CustomerHub {
        try CustomerHubTests.hub(clock, stores: stores)
    }

    /// Everything the stores hold about every customer, without the values each run makes
    /// afresh (consent record ids and so their hashes).
    static func state(of hub: CustomerHub) async throws -> [String] {
        var lines: [String] = []
        for customer in try await hub.stores.accounts.customers(after: nil, limit: 10_000) {
            let record = try #require(try await hub.stores.accounts.record(customer))
            lines.append("\(record.customer.id) \(record.customer.kind) \(record.customer.email.uniquenessKey) \(record.customer.groups.map(\.rawValue).sorted()) \(record.customer.createdAt.timeIntervalSince1970) \(String(describing: record.customer.importedHistory)) r\(record.revision)")
            if let profile = try await hub.stores.profiles.profile(of: customer) {
                lines.append("  profile \(profile.entries.map { "\($0.field)=\($0.value) \($0.provenance.source) \($0.provenance.collectionPoint)" }) r\(profile.revision)")
            }
            for entry in try await hub.stores.consent.records(for: customer) {
                lines.append("  consent \(entry.sequence) \(entry.action) \(entry.purpose?.rawValue ?? "-") \(entry.channel?.rawValue ?? "-") \(entry.source) \(entry.actor) \(entry.at.timeIntervalSince1970)")
            }
        }
        for customer in try await hub.stores.profiles.customers(after: nil, limit: 10_000) {
            lines.append("profile of \(customer)")
        }
        for customer in try await hub.stores.consent.customers(after: nil, limit: 10_000) {
            lines.append("ledger of \(customer)")
        }
        return lines
    }

    @Test func aSmallCSVWithBadRowsImportsTheRestAndReportsEachBadLineWithItsColumn() async throws {
        let hub = try Self.hub()
        let summary = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        #expect(summary.rows == 6)
        #expect(summary.imported == 4)
        #expect(summary.alreadyPresent == 0)
        #expect(summary.rejected.map(\.line) == [4, 6])
        #expect(summary.rejected.map(\.error.context.field) == ["birth_date", "email"])
        #expect(summary.rejected.map(\.error.code) == [.invalidField, .invalidField])
        #expect(summary.rejected.map(\.error.context.item) == ["C0000003", "C0000005"])
        for bad in ["C0000003", "C0000005"] {
            let id = try Self.id(bad)
            #expect(try await hub.stores.accounts.record(id) == nil, "\(bad): no account")
            #expect(try await hub.stores.profiles.profile(of: id) == nil, "\(bad): no profile")
            #expect(try await hub.stores.consent.records(for: id).isEmpty, "\(bad): no consent")
        }
        for good in ["C0000001", "C0000002", "C0000004", "C0000006"] {
            let record = try #require(try await hub.stores.accounts.record(try Self.id(good)), "\(good)")
            #expect(record.customer.kind == .guest)
            #expect(record.credentials == nil)
        }
    }

    @Test func anErasedPersonsAddressIsNotImportedAgain() async throws {
        let hub = try Self.hub()
        let erased = try await hub.accounts.recordGuest(email: "USER6@example.nl")
        _ = try await hub.erase(customer: erased.id)
        let summary = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        #expect(summary.imported == 3)
        #expect(summary.rejected.map(\.line) == [4, 6, 7])
        let suppressed = try #require(summary.rejected.last?.error)
        #expect(suppressed.code == .suppressedAddress)
        #expect(suppressed.context.item == "C0000006")
        #expect(!"\(suppressed)".contains("user6"), "the address is not echoed")
        let id = try Self.id("C0000006")
        #expect(try await hub.stores.accounts.record(id) == nil)
        #expect(try await hub.stores.consent.records(for: id).isEmpty)
    }

    @Test func noMessageEchoesTheRowsEmailAddress() async throws {
        let hub = try Self.hub()
        let summary = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        for rejection in summary.rejected {
            #expect(!"\(rejection)".contains("secret-person"))
            #expect(!"\(rejection)".contains("user3@"))
        }
    }

    @Test func importingTheSameFileAgainChangesNothingAndFindsEveryRowPresent() async throws {
        let hub = try Self.hub()
        _ = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        let first = try await Self.state(of: hub)
        let again = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        #expect(again.imported == 0)
        #expect(again.alreadyPresent == 4)
        #expect(again.rejected.map(\.line) == [4, 6])
        #expect(try await Self.state(of: hub) == first)
    }

    @Test func theImportedTotalsAreTheCustomersSegmentFacts() async throws {
        let hub = try Self.hub()
        try await hub.start()
        _ = try await hub.segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
        _ = try await hub.segmentation.define("big", query: "amount_spent >= 100.00", expectedRevision: 0)
        _ = try await hub.segmentation.define("vip", query: "groups CONTAINS 'vip'", expectedRevision: 0)
        _ = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        #expect(hub.segmentation.members(of: "repeat").map(\.rawValue) == ["C0000001", "C0000004", "C0000006"])
        #expect(hub.segmentation.members(of: "big").map(\.rawValue) == ["C0000001", "C0000006"])
        #expect(hub.segmentation.members(of: "vip").map(\.rawValue) == ["C0000001"])

        let facts = try #require(try await hub.facts(of: try Self.id("C0000001")))
        #expect(facts.numberOfOrders == 3)
        #expect(facts.amountSpentMinorUnits == 12_345)
        #expect(facts.firstOrderDate == Date(timeIntervalSince1970: 1_700_100_000))
        #expect(facts.lastOrderDate == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(facts.lastVisitDate == Date(timeIntervalSince1970: 1_790_500_000))
        #expect(facts.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(facts.country == "NL")
        #expect(facts.groups == ["vip"])
        #expect(facts.birthDate == (try BirthDate(month: 5, day: 17, year: 1980)))
        #expect(facts.accountStatus == nil, "a guest has no account status")

        let none = try #require(try await hub.facts(of: try Self.id("C0000002")))
        #expect(none.numberOfOrders == 0 && none.firstOrderDate == nil && none.lastVisitDate == nil)
    }

    @Test func ordersRecordedAfterTheImportAddToTheImportedTotals() async throws {
        let clock = ManualClock()
        let hub = try Self.hub(clock)
        _ = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        let customer = try Self.id("C0000002")
        _ = try await hub.recordOrder(try CustomerHubTests.order("n1", of: customer, at: clock.now(), "10.00"))
        let later = try Self.id("C0000001")
        _ = try await hub.recordOrder(try CustomerHubTests.order("n2", of: later, at: clock.now(), "1.00"))
        let facts = try #require(try await hub.facts(of: later))
        #expect(facts.numberOfOrders == 4)
        #expect(facts.amountSpentMinorUnits == 12_445)
        #expect(facts.firstOrderDate == Date(timeIntervalSince1970: 1_700_100_000))
        #expect(facts.lastOrderDate == max(clock.now(), Date(timeIntervalSince1970: 1_790_000_000)))
        #expect(try await hub.facts(of: customer)?.numberOfOrders == 1)
    }

    @Test func newsletterConsentIsRecordedAsAnImportedLedgerRecord() async throws {
        let clock = ManualClock()
        let hub = try Self.hub(clock)
        _ = try await hub.importCustomers(csv: Data(Self.csv.utf8))
        let granted = try await hub.consent.ledger(of: try Self.id("C0000001"))
        #expect(granted.count == 1)
        #expect(granted.first?.action == .given)
        #expect(granted.first?.actor == .import)
        #expect(granted.first?.source == "import")
        #expect(granted.first?.evidence.formID == "import")
        #expect(granted.first?.purpose == "newsletter")
        #expect(granted.first?.channel == .email)
        #expect(try await hub.consent.standing(of: try Self.id("C0000001"), purpose: "newsletter", channel: .email).status.isGranted)
        #expect(try await hub.consent.standing(of: try Self.id("C0000006"), purpose: "newsletter", channel: .email).status.isGranted)
        let withdrawn = try await hub.consent.ledger(of: try Self.id("C0000004"))
        #expect(withdrawn.map(\.action) == [.withdrawn])
        #expect(try await hub.consent.ledger(of: try Self.id("C0000002")).isEmpty)
        #expect(try await hub.consent.verifyChain(of: try Self.id("C0000001")).isIntact)

        let profile = try #require(try await hub.stores.profiles.profile(of: try Self.id("C0000001")))
        let entry = try #require(profile.entry(for: "birth-date"))
        #expect(entry.value == .date(CalendarDate(year: 1980, month: 5, day: 17)))
        #expect(entry.provenance.source == .import)
        #expect(entry.provenance.collectionPoint == "import")
    }

    @Test func aFileBackedImportReopensToTheSameState() async throws {
        let temporary = try TemporaryFolder(prefix: "clientele-import")
        defer { temporary.remove() }
        let folder = temporary.subfolder("shop")
        let file = temporary.url.appending(path: "customers.csv")
        try Data(Self.csv.utf8).write(to: file)
        let clock = ManualClock()
        let configuration = try CustomerHubTests.configuration()
        let hasher = try PBKDF2PasswordHasher(iterations: 1)
        let before: [String]
        do {
            let hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock, hasher: hasher)
            try await hub.start()
            _ = try await hub.segmentation.define("repeat", query: "number_of_orders >= 2", expectedRevision: 0)
            let steps = Locked([CustomerImportProgress]())
            let summary = try await hub.importCustomers(
                from: file, options: CustomerImportOptions(batchSize: 2), progress: { step in steps.withLock { $0.append(step) } })
            #expect(summary.imported == 4)
            #expect(summary.rejected.map(\.error.context.file) == [file.path, file.path])
            let reported = steps.withLock { $0 }
            #expect(reported.last?.rows == 6)
            #expect(reported.last?.bytesRead == Self.csv.utf8.count)
            #expect(reported.last?.totalBytes == Self.csv.utf8.count)
            #expect(reported.map(\.rows) == reported.map(\.rows).sorted(), "progress only moves forward")
            before = try await Self.state(of: hub)
            try await hub.close()
        }
        let hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock, hasher: hasher)
        try await hub.start()
        #expect(try await Self.state(of: hub) == before)
        #expect(hub.segmentation.members(of: "repeat").map(\.rawValue) == ["C0000001", "C0000004", "C0000006"])
        let again = try await hub.importCustomers(from: file)
        #expect(again.imported == 0 && again.alreadyPresent == 4)
        try await hub.close()
    }

    @Test func anImportInterruptedAtAnyWriteCompletesOnTheNextRunWithTheSameEndState() async throws {
        let clock = ManualClock()
        let reference = try Self.hub(clock)
        _ = try await reference.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: 3, refreshFacts: false))
        let expected = try await Self.state(of: reference)

        let counting = WriteFault()
        _ = try await Self.hub(clock, stores: counting.stores()).importCustomers(
            csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: 3, refreshFacts: false))
        let writes = counting.writes
        #expect(writes == 4 + 2 + 3, "four accounts, two profiles, three consent records")

        for failing in 1...writes {
            let fault = WriteFault()
            let hub = try Self.hub(clock, stores: fault.stores())
            fault.fail(atWrite: failing)
            await #expect(throws: ImportError.self, "write \(failing)") {
                _ = try await hub.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: 3, refreshFacts: false))
            }
            fault.fail(atWrite: nil)
            let rerun = try await hub.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: 3, refreshFacts: false))
            #expect(rerun.imported + rerun.alreadyPresent == 4, "write \(failing)")
            #expect(rerun.imported >= 1, "write \(failing): something was left to complete")
            #expect(try await Self.state(of: hub) == expected, "write \(failing)")
        }
    }

    @Test func batchesOfAnySizeGiveTheSameState() async throws {
        let clock = ManualClock()
        let whole = try Self.hub(clock)
        _ = try await whole.importCustomers(csv: Data(Self.csv.utf8))
        for size in [1, 2, 5] {
            let hub = try Self.hub(clock)
            let summary = try await hub.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: size))
            #expect(summary.imported == 4)
            #expect(try await Self.state(of: hub) == (try await Self.state(of: whole)), "batch size \(size)")
        }
    }

    @Test func quotedFieldsCRLFLineEndsAndExtraColumnsAreRead() async throws {
        let csv = "\u{FEFF}Email,ID,created_at,note,customer_group\r\n\"quoted@example.nl\",\"Q1\",1700000000,\"a note, with \"\"quotes\"\"\r\nover two lines\",\r\nplain@example.nl,Q2,1700000001,,b2b\r\n"
        let hub = try Self.hub()
        let summary = try await hub.importCustomers(csv: Data(csv.utf8))
        #expect(summary.rejected.isEmpty, "\(summary.rejected)")
        #expect(summary.imported == 2)
        #expect(try await hub.stores.accounts.record(try Self.id("Q1"))?.customer.email.uniquenessKey == "quoted@example.nl")
        #expect(try await hub.stores.accounts.record(try Self.id("Q2"))?.customer.groups.map(\.rawValue) == ["b2b"])
    }

    @Test(arguments: [
        ("C9,x@example.nl,1700000000,NL", ImportErrorCode.malformedRow, nil as String?),
        ("C9,x@example.nl,soon,NL,,,,,,,,", .invalidField, "created_at"),
        ("C9!,x@example.nl,1700000000,NL,,,,,,,,", .invalidField, "id"),
        ("C9,x@example.nl,1700000000,Nederland,,,,,,,,", .invalidField, "country"),
        ("C9,x@example.nl,1700000000,NL,,VIP Club,,,,,,", .invalidField, "customer_group"),
        ("C9,x@example.nl,1700000000,NL,,,maybe,,,,,", .invalidField, "newsletter"),
        ("C9,x@example.nl,1700000000,NL,,,,-1,,,,", .invalidField, "number_of_orders"),
        ("C9,x@example.nl,1700000000,NL,,,,2,12.50,,,", .invalidField, "amount_spent"),
        ("C9,x@example.nl,1700000000,NL,,,,2,100,1700000009,1700000001,", .invalidField, "first_order_at"),
        ("C9,x@example.nl,1700000000,NL,,,,0,0,1700000009,,", .invalidField, "number_of_orders"),
        ("C9,x@exa\"mple.nl,1700000000,NL,,,,0,0,,,", .malformedRow, nil),
    ])
    func eachKindOfBadRowIsRejectedWithItsLineAndColumn(row: String, code: ImportErrorCode, column: String?) async throws {
        let hub = try Self.hub()
        let csv = "\(Self.header)\nC8,ok@example.nl,1700000000,NL,,,,,,,,\n\(row)\nC10,ok10@example.nl,1700000000,NL,,,,,,,,\n"
        let summary = try await hub.importCustomers(csv: Data(csv.utf8))
        #expect(summary.imported == 2)
        let rejection = try #require(summary.rejected.first)
        #expect(summary.rejected.count == 1)
        #expect(rejection.line == 3)
        #expect(rejection.error.code == code)
        #expect(rejection.error.context.field == column)
        #expect(try await hub.stores.accounts.record(try Self.id("C9")) == nil)
    }

    @Test func aRepeatedIdWithTheSameAddressIsPresentAndWithAnotherIsAConflict() async throws {
        let hub = try Self.hub()
        let csv = """
            \(Self.header)
            D1,d1@example.nl,1700000000,NL,,,,,,,,
            D1,D1@example.nl,1700000000,NL,,,,,,,,
            D1,other@example.nl,1700000000,NL,,,,,,,,

            """
        let summary = try await hub.importCustomers(csv: Data(csv.utf8))
        #expect(summary.imported == 1)
        #expect(summary.alreadyPresent == 1)
        #expect(summary.rejected.map(\.line) == [4])
        #expect(summary.rejected.first?.error.code == .conflictingCustomer)
        let later = try await hub.importCustomers(csv: Data("\(Self.header)\nD1,other@example.nl,1700000000,NL,,,,,,,,\n".utf8))
        #expect(later.rejected.first?.error.code == .conflictingCustomer)
    }

    @Test func aHeaderWithoutTheRequiredColumnsOrAnEmptyFileIsRefused() async throws {
        let hub = try Self.hub()
        await #expect(throws: ImportError.self) {
            _ = try await hub.importCustomers(csv: Data("mail,created_at\nx@example.nl,1\n".utf8))
        }
        await #expect(throws: ImportError.self) { _ = try await hub.importCustomers(csv: Data()) }
        await #expect(throws: ImportError.self) {
            _ = try await hub.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(batchSize: 0))
        }
        await #expect(throws: ImportError.self) {
            _ = try await hub.importCustomers(csv: Data(Self.csv.utf8), options: CustomerImportOptions(newsletterPurpose: "unknown"))
        }
        await #expect(throws: ImportError.self) {
            _ = try await hub.importCustomers(from: URL(filePath: "/nonexistent/customers.csv"))
        }
        #expect(try await hub.stores.accounts.customers(after: nil, limit: 10).isEmpty)
    }
}
