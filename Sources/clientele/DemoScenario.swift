import Clientele
import Foundation

/// `clientele demo`: one customer's way through a shop, through a `CustomerHub` over durable
/// file-backed stores in a fresh temporary folder, end to end: guest checkout, account at the thank-you page,
/// double opt-in for the newsletter, VIP prices that switch on at login, a login attempt with
/// a wrong password, one-click unsubscribe, reopening the stores, a few profile questions
/// after the first order, segments and triggers after a second order, and a GDPR erasure
/// that leaves no file holding the address.
///
/// The shop's secrets (token key, digest salt) are made up for the demo; a real shop keeps
/// them in its secret store.
enum DemoScenario {
    /// Runs the scenario on file-backed stores in `folder` (kept afterwards), or in a fresh
    /// temporary folder removed at the end when `folder` is `nil`.
    static func run(in folder: URL? = nil) async throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("clientele-demo-\(UUID().uuidString)", isDirectory: true)
        let folder = folder ?? temporary
        defer { try? FileManager.default.removeItem(at: temporary) }
        let clock = SystemClock()

        print("Clientele demo: a customer's way through a shop")
        print(folder == temporary ? "  stores: file-backed, in a fresh temporary folder" : "  stores: file-backed, in the given folder (kept)")

        // MARK: The hub: five modules over one folder

        let configuration = try ShopConfiguration.make()
        var hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock)
        try await hub.start()
        let accounts = hub.accounts
        var consent = hub.consent
        let pricing = hub.pricing
        let profiling = hub.profiling
        let segmentation = hub.segmentation

        // MARK: 1. Guest checkout

        section("1. Guest checkout: only an e-mail address")
        let guest = try await accounts.recordGuest(email: "  Jan.Jansen@Voorbeeld.NL ")
        _ = try await hub.recordOrder(OrderReference(
            id: try OrderID(validating: "2026-000123"), customer: guest.id, placedAt: clock.now(),
            total: try Money(parsing: "89.90", currency: .eur)))
        print("  guest \(guest.id) checked out as \(guest.email) (redacted in every description)")

        // MARK: 2. Account at the thank-you page

        section("2. Thank-you page: the guest becomes an account by choosing a password")
        let registration = try await hub.convertGuest(guest.id, password: "correct horse battery staple")
        let customer = registration.customer
        print("  account \(customer.id): status \(customer.status), kind \(customer.kind)")
        let orders = try await accounts.orders(of: customer.id)
        print("  my orders: \(orders.orders.map(\.id.rawValue).joined(separator: ", "))")
        let stepTwo = try await profiling.questionPlan(for: customer.id, at: .registrationStep2, limit: 1)
        print("  registration step 2 offers one question: \(stepTwo.questions.map(\.field.rawValue).joined(separator: ", "))"
              + " (the customer skips it)")

        // MARK: 3. Newsletter with double opt-in

        section("3. Newsletter: consent given at checkout, confirmed from the mailbox")
        let signup = CollectionContext(source: "checkout", formID: "thank-you-newsletter",
                                       ipAddress: "192.0.2.10", userAgent: "DemoBrowser/1.0")
        let given = try await consent.give("newsletter", channel: .email, for: customer.id, context: signup)
        let before = try await consent.decide(
            .purpose("newsletter"), channel: .email, for: customer.id, emailKey: customer.email.uniquenessKey)
        print("  before confirmation: \(describe(before))")
        if let token = given.confirmationToken {
            try await consent.confirm(token: token, context: CollectionContext(source: "confirmation-link"))
        }
        let allowed = try await consent.decide(
            .purpose("newsletter"), channel: .email, for: customer.id, emailKey: customer.email.uniquenessKey)
        print("  after confirmation:  \(describe(allowed))")
        let send = try await consent.recordSend(allowed, reference: "newsletter-2026-47")
        print("  send recorded with the ledger head as proof (after record \(send.ledgerHead.count))")

        // MARK: 3b. Progressive profiling

        section("3b. After the first order: two questions, not a form")
        let questions = try await profiling.nextQuestions(for: customer.id, at: .afterFirstOrder, limit: 2)
        print("  asked: \(questions.map(\.field.rawValue).joined(separator: ", "))")
        let report = try await profiling.submit(
            ["first-name": .value(.text("Jan")), "has-pets": .value(.text("yes"))], for: customer.id, at: .afterFirstOrder)
        print("  refused as a whole: \(report.errors.map { "\($0.field.rawValue) (\($0.rule.rawValue))" }.joined(separator: ", ")); nothing stored")
        try await profiling.submit(
            ["first-name": .value(.text("Jan")), "has-pets": .value(.boolean(true))], for: customer.id, at: .afterFirstOrder)
        let next = try await profiling.questionPlan(for: customer.id, at: .accountPage, limit: 1)
        let why = next.skipReason(for: "pet-kind").map { "\($0)" } ?? "asked"
        print("  stored with provenance; the pet kind on the account page: \(why)")
        print("  complete: \(try await profiling.completeness(of: customer.id).overall.percent) %")

        // MARK: 4. Prices that switch on at login

        section("4. Prices: the shop's VIP list switches on when a VIP logs in")
        try await pricing.create(PriceList(
            id: try PriceListID(validating: "vip"), name: "VIP 10% off", currency: .eur,
            audience: .groups(["vip"]), priority: 10, mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
                                 adjustment: .percentOff(try BasisPoints(1_000)))]))
        try await pricing.create(PriceList(
            id: try PriceListID(validating: "members"), name: "Members' shoe price", currency: .eur,
            audience: .identified, priority: 5, mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "shoes"),
                                 target: .category(try CategoryID(validating: "shoes")),
                                 adjustment: .amountOff(try Money(parsing: "2.50", currency: .eur)))]))
        _ = try await accounts.addToGroup(try CustomerGroup(validating: "vip"), customer.id)
        let shoe = CatalogItem(
            product: try ProductID(validating: "SKU-1"), categories: [try CategoryID(validating: "shoes")],
            basePrice: try Money(parsing: "49.95", currency: .eur))
        let anonymous = try pricing.resolvePrice(for: shoe, quantity: 2, customer: CustomerContext(customer: nil))
        let vip = CustomerContext(customer: customer.id, groups: [.vip])
        let vipPrice = try pricing.resolvePrice(for: shoe, quantity: 2, customer: vip)
        print("  anonymous visitor: \(anonymous.unitPrice) each")
        print("  logged-in VIP:     \(vipPrice.unitPrice) each, \(vipPrice.lineTotal) for 2"
              + " (list \(vipPrice.winner?.list.rawValue ?? "none"))")
        let explanation = try pricing.explainPrice(for: shoe, quantity: 2, customer: vip)
        for line in String(describing: explanation).split(separator: "\n") {
            print("    \(line)")
        }

        // MARK: 4b. Segments and triggers

        section("4b. Segments: a second order makes a repeat buyer; triggers fire once")
        _ = try await segmentation.define("repeat_buyers", query: "number_of_orders >= 2", expectedRevision: 0)
        _ = try await segmentation.define(
            "vip_spenders", query: "groups contains 'vip' and amount_spent >= 100.00", expectedRevision: 0)
        try await pricing.create(PriceList(
            id: try PriceListID(validating: "repeat"), name: "Repeat buyers 15% off", currency: .eur,
            audience: .segments(["repeat_buyers"]), priority: 20, mode: .sale,
            entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
                                 adjustment: .percentOff(try BasisPoints(1_500)))]))
        let beforeSegment = try pricing.resolvePrice(for: shoe, customer: try await hub.pricingContext(for: customer.id))
        let outcome = try await hub.recordOrder(OrderReference(
            id: try OrderID(validating: "2026-000187"), customer: customer.id, placedAt: clock.now(),
            total: try Money(parsing: "34.50", currency: .eur)))
        let afterOrder = outcome.segmentation
        print("  after the second order: \(afterOrder.changes.map { "\($0.kind.rawValue) \($0.segment)" }.joined(separator: ", "))")
        print("  lifecycle: \(afterOrder.transitions.map { "\($0.from?.rawValue ?? "none") -> \($0.to.rawValue)" }.joined(separator: ", "))")
        let afterSegment = try pricing.resolvePrice(for: shoe, customer: try await hub.pricingContext(for: customer.id))
        print("  the shoe before the order: \(beforeSegment.unitPrice) (list \(beforeSegment.winner?.list.rawValue ?? "none")),"
              + " after: \(afterSegment.unitPrice) (list \(afterSegment.winner?.list.rawValue ?? "none"))")
        let explained = try segmentation.explain("vip_spenders", for: customer.id)
        print("  why in vip_spenders:")
        for line in explained.summary.split(separator: "\n") {
            print("    \(line)")
        }
        let fired = try await segmentation.dueTriggers(for: customer.id)
        print("  welcome and first-order mails fired with the orders; due now: \(fired.count) (each fires once)")
        for message in outcome.messages {
            print("  \(message.occurrence.key): \(message.maySend ? "may be sent" : "not sent")"
                  + (message.decision.map { " (\(describe($0)))" } ?? " (a service message)"))
        }

        // MARK: 4c. B2B approval

        section("4c. B2B: a company account waits for the shop's approval (a second shop, in memory)")
        let b2b = CustomerHub.inMemory(
            configuration: try ShopConfiguration.make(
                accounts: AccountConfiguration(activation: .approval, requirements: [KvKNumberValidator()])),
            clock: clock)
        let company = try await b2b.accounts.register(
            email: "inkoop@bedrijf.example", password: "correct horse battery staple", requirements: ["kvk": "6959 9084"]).customer
        print("  registered with KvK number \(company.requirements["kvk"] ?? "none"): status \(company.status)")
        do {
            _ = try await b2b.accounts.login(email: "inkoop@bedrijf.example", password: "correct horse battery staple")
        } catch let error as AccountError {
            print("  login before approval -> \(error.code)")
        }
        let approved = try await b2b.accounts.approve(company.id, actor: "sales desk", note: "KvK checked")
        _ = try await b2b.accounts.login(email: "inkoop@bedrijf.example", password: "correct horse battery staple")
        print("  approved by the sales desk: status \(approved.status); login works")

        // MARK: 5. Login

        section("5. Login: one uniform failure, then a session")
        do {
            _ = try await accounts.login(email: "jan.jansen@voorbeeld.nl", password: "wrong password!")
        } catch let error as AccountError {
            print("  wrong password -> \(error.code) (the same for an unknown address or an inactive account)")
        }
        let session = try await accounts.login(email: "JAN.JANSEN@voorbeeld.nl", password: "correct horse battery staple")
        print("  logged in; the token is shown once and only its SHA-256 is stored")
        let active = try await accounts.resumeSession(token: session.token)
        print("  session resumed for \(active.customer.id)")

        // MARK: 6. One-click unsubscribe

        section("6. One-click unsubscribe from the newsletter footer (RFC 8058)")
        let link = try consent.unsubscribeToken(for: customer.id, purpose: "newsletter", channel: .email)
        try await consent.unsubscribe(token: link)
        let afterUnsubscribe = try await consent.decide(
            .purpose("newsletter"), channel: .email, for: customer.id, emailKey: customer.email.uniquenessKey)
        let invoice = try await consent.decide(.service(.invoice), channel: .email, for: customer.id)
        print("  newsletter now: \(describe(afterUnsubscribe))")
        print("  invoice mail:   \(describe(invoice))")

        // MARK: 7. Durability

        section("7. Close and reopen the hub: everything acknowledged is still there")
        try await hub.close()
        hub = try await CustomerHub.open(at: folder, configuration: configuration, clock: clock)
        let restart = try await hub.start()
        consent = hub.consent
        let again = try await hub.accounts.customer(customer.id)
        print("  account after reopen: status \(again?.status.rawValue ?? "missing"), groups \(again?.groups.map(\.rawValue).sorted() ?? [])")
        let chain = try await consent.verifyChain(of: customer.id)
        let ledger = try await consent.ledger(of: customer.id)
        print("  consent ledger: \(ledger.count) records, hash chain \(chain.isIntact ? "intact" : "BROKEN")")
        print("  segments after reopen: \(hub.segmentation.segments(of: customer.id).joined(separator: ", ")); announced again: \(restart.changes.count)")

        // MARK: 8. Erasure

        section("8. GDPR erasure: suppress the address, then erase the customer everywhere")
        let emailKey = customer.email.uniquenessKey
        let export = try await hub.export(customer: customer.id)
        print("  export first (article 15): \(try export.jsonData().count) bytes of JSON, schema \(export.schemaVersion)")
        let erasure = try await hub.erase(customer: customer.id)  // suppression first, account last
        let mailable = try await hub.consent.decide(.purpose("newsletter"), channel: .email, for: customer.id, emailKey: emailKey)
        print("  erased \(erasure.customers.count) record(s); newsletter to the erased address: \(describe(mailable))")
        let holding = try filesHolding(["jan.jansen", "JAN.JANSEN", "Jan.Jansen"], in: folder)
        print("  files in the store folders still holding the address: \(holding.count)")
        try await hub.close()

        print("""

            What this proved:
              - a guest checks out with only an address and becomes an account without retyping it
              - consent needs confirmation, is recorded in a hash-chained ledger, and is withdrawn in one click
              - profile questions come a few at a time, at the right moment, and bad answers store nothing
              - prices switch on at login (a group) and when a segment is entered (an order)
              - orders move customers into segments and lifecycle stages; triggers fire once
              - a B2B account cannot log in until the shop approves it
              - everything acknowledged survives closing and reopening the stores
              - an export shows everything stored; an erasure leaves no file holding the address

            Done. Nothing was mailed: Clientele decides, records and explains; the shop sends.
            """)
    }

    /// The files under `folder` (recursively) whose bytes contain one of `texts`.
    private static func filesHolding(_ texts: [String], in folder: URL) throws -> [String] {
        let needles = texts.map { Data($0.utf8) }
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let bytes = try Data(contentsOf: url)
            if needles.contains(where: { bytes.range(of: $0) != nil }) { found.append(url.lastPathComponent) }
        }
        return found
    }

    private static func section(_ title: String) {
        print("\n\(title)")
    }

    private static func describe(_ decision: ContactDecision) -> String {
        if let basis = decision.basis { return "allowed (basis: \(basis))" }
        return "denied (\(decision.reason.map { "\($0)" } ?? "no reason"))"
    }
}
