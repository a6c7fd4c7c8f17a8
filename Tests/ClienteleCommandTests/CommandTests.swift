import Clientele
import ClienteleTestKit
import Foundation
import Testing
@testable import clientele

/// The `clientele` command end to end: the built executable, run as a subprocess on store
/// folders made through `CustomerHub.open(at:)`.
@Suite struct CommandTests {
    // MARK: Help and usage errors

    @Test func helpListsEveryCommandAndEachCommandHasItsOwnHelp() async throws {
        let help = try await CommandRunner.run(["help"])
        #expect(help.status == 0)
        for command in Commands.all {
            #expect(help.output.contains("  \(command.name) "))
            let own = try await CommandRunner.run([command.name, "--help"])
            #expect(own.status == 0, "\(command.name) --help")
            #expect(own.output.hasPrefix("usage: clientele \(command.name)"), "\(command.name) --help")
        }
        #expect(try await CommandRunner.run(["help", "segment"]).output.contains("--explain EMAIL"))
    }

    @Test(arguments: [
        (["inspect"], "missing DIR"),
        (["inspect", "a", "b"], "unexpected argument 'b'"),
        (["verify", "dir", "--fast"], "unknown option '--fast'"),
        (["price", "dir", "--product", "SKU-1"], "missing option '--base'"),
        (["price", "dir", "--product", "SKU-1", "--base", "ten"], "option '--base' needs an amount"),
        (["price", "dir", "--product", "SKU-1", "--base", "1.00", "--quantity"], "option '--quantity' needs a value (N)"),
        (["segment", "dir", "x", "--at", "yesterday"], "option '--at' needs a date"),
        (["frobnicate"], "unknown command 'frobnicate'"),
    ])
    func aUsageErrorIsOneLineNamingTheArgumentAndExits64(arguments: [String], message: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
    }

    @Test func anEmailAddressIsNeverEchoedInAnError() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let invalid = try await CommandRunner.run(["export", shop.path, "jan@@example.nl"])
        #expect(invalid.status == 64)
        #expect(invalid.errors.contains("the given e-mail address"))
        #expect(!invalid.errors.contains("example.nl"))
        let unknown = try await CommandRunner.run(["erase", shop.path, "nobody@example.nl", "--yes", "--demo-salt"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no customer has the given e-mail address"))
        #expect(!unknown.errors.contains("nobody"))
        let extra = try await CommandRunner.run(["inspect", shop.path, "nobody@example.nl"])
        #expect(extra.status == 64)
        #expect(!extra.errors.contains("nobody"))
    }

    @Test func aFolderThatIsNotAStoreIsRefusedAndLeftAlone() async throws {
        let folder = try TemporaryFolder(prefix: "clientele-command")
        defer { folder.remove() }
        let result = try await CommandRunner.run(["inspect", folder.url.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("is not a Clientele store folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    // MARK: inspect, verify, compact

    @Test func inspectCountsEveryModule() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let result = try await CommandRunner.run(["inspect", shop.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("accounts: 3 customers (2 accounts, 1 guest)"))
        #expect(result.output.contains("consent: 1 consent record in 1 ledger, 0 sends, 0 suppressed addresses"))
        #expect(result.output.contains("pricing: 1 price list"))
        #expect(result.output.contains("profiles: 1 profile"))
        #expect(result.output.contains("segments: 1 segment, 1 membership"))
        #expect(result.output.contains("snapshot: none"))
        #expect(!result.output.contains(ShopFolder.jan))
    }

    @Test func verifyPassesAnIntactStore() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let result = try await CommandRunner.run(["verify", shop.path])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains("consent chains: 1 verified"))
        #expect(result.output.hasSuffix("verified: no problems\n"))
    }

    @Test(arguments: ["accounts", "consent", "segments"])
    func verifyNamesTheFileAndOffsetOfAFlippedByteInAJournal(module: String) async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let journal = try shop.journal(of: module)
        let path = shop.url.appending(path: module).appending(path: journal).path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[44] ^= 0x01  // inside the first record, which starts after the 32-byte header
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try await CommandRunner.run(["verify", shop.path])
        #expect(result.status == 1)
        #expect(result.output.contains("problem: \(module)/\(journal): the record at byte offset 32 is damaged"), "\(result.output)")
        // The damaged store was not opened, so not repaired: the byte is still flipped.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path))[44] == bytes[44])
    }

    @Test func verifyNamesADamagedSnapshot() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        #expect(try await CommandRunner.run(["compact", shop.path]).status == 0)
        let folder = shop.url.appending(path: "profiles")
        let snapshot = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("snapshot-") })
        let url = folder.appending(path: snapshot)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 3] ^= 0x10
        try bytes.write(to: url)
        let result = try await CommandRunner.run(["verify", shop.path])
        #expect(result.status == 1)
        #expect(result.output.contains("problem: profiles/\(snapshot): core.storeCorrupted: The snapshot fails its checksum."), "\(result.output)")
        #expect(result.output.hasSuffix("1 problem found\n"))
    }

    @Test func verifyReportsAConsentLedgerAndASegmentMemberOfACustomerWhoDoesNotExist() async throws {
        let stranger = try CustomerID(validating: "no-such-customer")
        let shop = try await ShopFolder.make { hub in
            _ = try await hub.consent.give("newsletter", channel: .email, for: stranger, context: CollectionContext(source: "checkout"))
            let revision = try #require(try await hub.stores.segments.definition(named: "repeat_buyers")).revision
            try await hub.stores.segments.record(
                SegmentMembershipDelta(segment: "repeat_buyers", definitionRevision: revision, entered: [stranger], exited: []))
        }
        defer { shop.remove() }
        let result = try await CommandRunner.run(["verify", shop.path])
        #expect(result.status == 1)
        #expect(result.output.contains("consent ledger of customer no-such-customer, who does not exist"), "\(result.output)")
        #expect(result.output.contains("segment repeat_buyers lists customer no-such-customer, who does not exist"))
        #expect(result.output.hasSuffix("2 problems found\n"))
    }

    @Test func compactSnapshotsEveryStoreAndKeepsTheData() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let result = try await CommandRunner.run(["compact", shop.path])
        #expect(result.status == 0, "\(result.errors)")
        for module in StoreFolder.modules { #expect(result.output.contains("\(module): ")) }
        #expect(result.output.contains("total: "))
        let after = try await CommandRunner.run(["inspect", shop.path])
        #expect(after.output.contains("accounts: 3 customers"))
        #expect(!after.output.contains("snapshot: none"))
        #expect(after.output.split(separator: "\n").filter { $0.contains("journal: 0 changes since the snapshot") }.count == 5)
        #expect(try await CommandRunner.run(["verify", shop.path]).status == 0)
    }

    // MARK: export and erase

    @Test func exportPrintsTheCustomersDocumentAsJSON() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let result = try await CommandRunner.run(["export", shop.path, "JAN@example.nl"])
        #expect(result.status == 0, "\(result.errors)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["customer"] as? String == shop.jan.rawValue)
        #expect((document["orders"] as? [Any])?.count == 2)
        #expect(result.output.contains(ShopFolder.jan))
    }

    @Test func eraseAsksFirstAndErasesOnlyWhenConfirmed() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let declined = try await CommandRunner.run(["erase", shop.path, ShopFolder.jan], input: "no\n", environment: CommandRunner.shopSalt)
        #expect(declined.status == 1)
        #expect(declined.output.contains("Type 'yes'"))
        #expect(!declined.output.contains(ShopFolder.jan))
        #expect(declined.errors.contains("nothing was erased"))
        #expect(try await CommandRunner.run(["inspect", shop.path]).output.contains("accounts: 3 customers"))

        let confirmed = try await CommandRunner.run(["erase", shop.path, ShopFolder.jan], input: "yes\n", environment: CommandRunner.shopSalt)
        #expect(confirmed.status == 0, "\(confirmed.errors)")
        #expect(confirmed.output.contains("erased 1 customer record (\(shop.jan))"))
        let piet = try await CommandRunner.run(["erase", shop.path, ShopFolder.piet, "--yes", "--demo-salt"])
        #expect(piet.status == 0)
        #expect(!piet.output.contains("Type 'yes'"))
        let after = try await CommandRunner.run(["inspect", shop.path])
        #expect(after.output.contains("accounts: 1 customer (0 accounts, 1 guest)"))
        #expect(after.output.contains("segments: 1 segment, 0 memberships"))
        #expect(try await CommandRunner.run(["verify", shop.path]).status == 0)
        #expect(try await CommandRunner.run(["export", shop.path, ShopFolder.jan]).status == 1)
    }

    @Test func eraseNeedsTheShopsDigestSaltSoThatTheShopFindsTheAddressSuppressed() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let unsalted = try await CommandRunner.run(["erase", shop.path, ShopFolder.jan, "--yes"])
        #expect(unsalted.status == 64)
        #expect(unsalted.errors.contains("CLIENTELE_DIGEST_SALT"))
        let short = try await CommandRunner.run(["erase", shop.path, ShopFolder.jan, "--yes"], environment: ["CLIENTELE_DIGEST_SALT": "abcd"])
        #expect(short.status == 64)
        #expect(!short.errors.contains("abcd"), "the secret is not echoed")
        #expect(try await CommandRunner.run(["inspect", shop.path]).output.contains("accounts: 3 customers"), "nothing was erased")

        let erased = try await CommandRunner.run(["erase", shop.path, ShopFolder.jan, "--yes"], environment: CommandRunner.shopSalt)
        #expect(erased.status == 0, "\(erased.errors)")
        let hub = try await CustomerHub.open(at: shop.url, configuration: try ShopConfiguration.make())
        let address = try EmailAddress(parsing: ShopFolder.jan)
        let suppressed = try await hub.consent.suppression(of: address)
        try await hub.close()
        #expect(suppressed != nil, "the shop, with its own salt, finds the erased address on its suppression list")
    }

    // MARK: import

    @Test func importReportsABadRowByItsLineImportsTheRestAndChangesNothingTheSecondTime() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let csv = shop.temporary.url.appending(path: "customers.csv")
        try Data("""
            id,email,created_at,country,birth_date,customer_group,newsletter,number_of_orders,amount_spent,first_order_at,last_order_at,last_visit_at
            C0000001,import1@example.nl,1700000000,NL,1980-05-17,vip,granted,3,12345,1700100000,1790000000,1790500000
            C0000002,hidden-person-at-nowhere,1700000000,BE,,,none,0,0,,,
            C0000003,import3@example.de,1710000000,DE,,,granted,1,500,1720000000,1720000000,

            """.utf8).write(to: csv)
        let unsalted = try await CommandRunner.run(["import", shop.path, csv.path])
        #expect(unsalted.status == 64, "no salt: refused before anything is read")

        let first = try await CommandRunner.run(["import", shop.path, csv.path], environment: CommandRunner.shopSalt)
        #expect(first.status == 1, "a row was rejected")
        #expect(first.output.contains("imported 2 customers, 0 already present, 1 rejected, of 3 rows"), "\(first.output)")
        #expect(first.errors.contains("rejected line 3: import.invalidField"))
        #expect(first.errors.contains("field=email"))
        #expect(!first.errors.contains("hidden-person"), "the row's address is not echoed")
        #expect(try await CommandRunner.run(["inspect", shop.path]).output.contains("accounts: 5 customers"))
        let vip = try await CommandRunner.run(["segment", shop.path, "number_of_orders >= 3"])
        #expect(vip.output.contains("C0000001"), "the imported order totals are segment facts")

        let again = try await CommandRunner.run(["import", shop.path, csv.path], environment: CommandRunner.shopSalt)
        #expect(again.output.contains("imported 0 customers, 2 already present, 1 rejected, of 3 rows"), "\(again.output)")
        #expect(try await CommandRunner.run(["inspect", shop.path]).output.contains("accounts: 5 customers"))
        let inspect = try await CommandRunner.run(["inspect", shop.path])
        #expect(inspect.output.split(separator: "\n").filter { $0.contains("journal: 0 changes since the snapshot") }.count == 5,
                "the import ends with a snapshot of every store")
        #expect(try await CommandRunner.run(["verify", shop.path]).status == 0)
        let missing = try await CommandRunner.run(["import", shop.path, shop.temporary.url.appending(path: "none.csv").path, "--demo-salt"])
        #expect(missing.status == 64)
    }

    // MARK: segment and price

    @Test func segmentCountsTheMembersAndExplainsOneCustomer() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let result = try await CommandRunner.run(
            ["segment", shop.path, "number_of_orders >= 1", "--at", "2027-01-01", "--explain", ShopFolder.piet])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("members: 3 of 3 customers"))
        #expect(result.output.contains(shop.jan.rawValue))
        #expect(result.output.contains("customer \(shop.piet): member"))
        let repeaters = try await CommandRunner.run(["segment", shop.path, "number_of_orders >= 2"])
        #expect(repeaters.output.contains("members: 1 of 3 customers"))
        #expect(repeaters.output.contains("first: \(shop.jan)\n"))
    }

    @Test(arguments: ["number_of_orders >= ", "amount_spnt > 10", "number_of_orders >= 2 and (groups contains 'vip'"])
    func aQueryThatDoesNotParseIsShownWithACaretUnderTheProblem(query: String) async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let parser = SegmentQueryParser(schema: try ShopConfiguration.make().segmentSchema)
        var position: Int?
        do {
            _ = try parser.parse(query)
        } catch {
            position = error.context.position
        }
        let expected = try #require(position)
        let result = try await CommandRunner.run(["segment", shop.path, query])
        #expect(result.status == 64)
        let lines = result.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 3)
        #expect(lines[1] == "  \(query)")
        #expect(lines[2] == String(repeating: " ", count: 2 + expected) + "^")
    }

    @Test func priceShowsTheVIPPriceWithItsExplanationAndTheAnonymousOne() async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let vip = try await CommandRunner.run(
            ["price", shop.path, "--product", "SKU-1", "--base", "50.00", "--quantity", "2", "--category", "shoes",
             "--customer", ShopFolder.jan])
        #expect(vip.status == 0, "\(vip.errors)")
        #expect(vip.output.contains("price for customer \(shop.jan): 45.00 EUR each, 90.00 EUR for 2 (list vip, entry all)"), "\(vip.output)")
        #expect(vip.output.contains("won with entry"))
        let anonymous = try await CommandRunner.run(["price", shop.path, "--product", "SKU-1", "--base", "50.00"])
        #expect(anonymous.output.contains("price for an anonymous visitor: 50.00 EUR each"), "\(anonymous.output)")
        #expect(anonymous.output.contains("needs a logged-in customer"))
    }

    // MARK: Locks and the demo

    @Test(arguments: ["inspect", "verify", "compact", "segment"])
    func aStoreOpenInAnotherProcessIsReportedAndLeftAlone(command: String) async throws {
        let shop = try await ShopFolder.make()
        defer { shop.remove() }
        let hub = try await ShopFolder.open(shop.url)
        let arguments = command == "segment" ? [command, shop.path, "number_of_orders >= 1"] : [command, shop.path]
        let result = try await CommandRunner.run(arguments)
        try await hub.close()
        #expect(result.status == 1)
        #expect(result.errors.contains("another process holds the lock on this store"), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
    }

    @Test func theDemoRunsOnAGivenFolderThatThenVerifies() async throws {
        let folder = try TemporaryFolder(prefix: "clientele-command")
        defer { folder.remove() }
        let store = folder.url.appending(path: "demo").path
        let demo = try await CommandRunner.run(["demo", "--dir", store])
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("stores: file-backed, in the given folder (kept)"))
        #expect(demo.output.contains("files in the store folders still holding the address: 0"))
        #expect(try await CommandRunner.run(["verify", store]).status == 0)
        let again = try await CommandRunner.run(["demo", "--dir", store])
        #expect(again.status == 1)
        #expect(again.errors.contains("is not an empty folder"))
    }
}
