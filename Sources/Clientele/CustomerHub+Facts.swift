import Foundation

extension CustomerHub {
    /// A customer's segmentation facts, built from every module, or `nil` for an unknown
    /// customer:
    ///
    /// - from the account: `created_at`, `account_status` (registered accounts only; a
    ///   guest has none), `groups`, `email_domain`, `country` (the default shipping
    ///   address's, else the first address's), `last_visit_date` (the latest use of a live
    ///   session);
    /// - from the orders: `number_of_orders` and `first_order_date` / `last_order_date`
    ///   count every order except cancelled and returned ones; `amount_spent` adds their
    ///   totals in the shop currency (orders in another currency count, but add nothing);
    /// - from an import (``Customer/importedHistory``): its order count, amount, order dates,
    ///   last visit and country, added to the above (see ``ImportedHistory``);
    /// - from the profile: every field of the catalog but addresses, typed; the
    ///   ``CustomerHubConfiguration/birthDateField`` as the birthday;
    /// - from consent: each purpose's state, the best over its channels (granted, then
    ///   pending, withdrawn, expired, refused).
    ///
    /// `lifecycle_stage` is set by segmentation itself.
    public func facts(of customer: CustomerID) async throws -> CustomerFacts? {
        try await derivedFacts(of: customer)?.facts
    }

    /// A customer's facts as ``facts(of:)`` builds them, with the instant until which they
    /// hold without any store write: the earliest deadline of a pending consent, or consent
    /// record dated later, than now (`nil`: none). After it, time alone changes a consent
    /// state, so the saved facts of a clean close (``SavedFacts``) are derived again.
    ///
    /// Closures rather than key paths below: this runs for every customer at a start from the
    /// stores and at a close, and a key path was built anew at each call.
    func derivedFacts(of customer: CustomerID) async throws -> DerivedFacts? {
        guard let record = try await stores.accounts.record(customer) else { return nil }
        let account = record.customer
        let counted = try await allOrders(of: customer).filter { $0.status != .cancelled && $0.status != .returned }
        let address = account.defaultAddresses[.shipping].flatMap { id in account.addresses.first { $0.id == id } }
            ?? account.addresses.first
        var facts = CustomerFacts(
            customer: customer, createdAt: account.createdAt, numberOfOrders: Int64(counted.count),
            amountSpentMinorUnits: counted.reduce(0) { sum, order in
                order.total.currency == configuration.currency ? sum &+ order.total.minorUnits : sum
            },
            firstOrderDate: counted.lazy.map { $0.placedAt }.min(), lastOrderDate: counted.lazy.map { $0.placedAt }.max(),
            lastVisitDate: record.sessions.lazy.map { $0.lastUsedAt }.max(), country: address?.countryCode,
            emailDomain: account.email.asciiDomain.lowercased(), groups: account.groups.map { $0.rawValue }.sorted(),
            accountStatus: account.kind == .account ? account.status.rawValue : nil)

        if let history = account.importedHistory { Self.add(history, to: &facts, currency: configuration.currency) }

        let profile = try await profiling.profile(of: customer)
        facts.profile.reserveCapacity(profile.entries.count)
        for entry in profile.entries {
            guard let field = configuration.profileCatalog.field(entry.field), let fact = Self.fact(entry.value, of: field.type) else { continue }
            facts.profile[entry.field.rawValue] = fact
        }
        if let key = configuration.birthDateField, case .date(let date)? = profile.value(for: key) {
            facts.birthDate = try? BirthDate(month: date.month, day: date.day, year: date.year)
        }

        // The standings as `ConsentService.standings(of:)` gives them, from the records
        // read here, which also tell when the standings would change with time alone.
        let now = clock.storedNow()
        let records = try await stores.consent.records(for: customer)
        var validUntil = records.lazy.map { $0.at }.filter { $0 > now }.min()
        for standing in ConsentRules.standings(in: records, catalog: configuration.purposes, at: now) {
            if case .pending(_, let confirmBy, _, _) = standing.status, confirmBy > now {
                validUntil = Swift.min(validUntil ?? confirmBy, confirmBy)
            }
            let state = Self.consentFact(standing.status)
            let purpose = standing.purpose.rawValue
            if Self.rank(state) < Self.rank(facts.consent(purpose)) { facts.consents[purpose] = state }
        }
        return DerivedFacts(facts: facts, validUntil: validUntil)
    }

    /// Every order of `customer`, newest first, page by page.
    func allOrders(of customer: CustomerID) async throws -> [OrderReference] {
        var orders: [OrderReference] = []
        var cursor: OrderCursor?
        while true {
            let page = try await stores.accounts.orders(of: customer, after: cursor, limit: 500)
            orders += page
            guard page.count == 500, let last = page.last else { return orders }
            cursor = last.cursor
        }
    }

    /// The pricing context of a logged-in customer: its groups and the segments it is in
    /// now, so that a price list for a segment applies the moment the customer enters it.
    /// An unknown customer gets the anonymous context.
    public func pricingContext(for customer: CustomerID) async throws -> CustomerContext {
        guard let record = try await stores.accounts.record(customer) else { return .anonymous }
        return CustomerContext(
            customer: customer, groups: record.customer.groups, segments: Set(segmentation.segments(of: customer)))
    }

    /// Rebuilds one customer's facts and re-evaluates its segments: entries, exits and the
    /// lifecycle transition, stored and announced. For a customer the hub does not know
    /// (erased meanwhile) nothing happens.
    @discardableResult
    public func refreshFacts(of customer: CustomerID) async throws -> SegmentationReport {
        guard let facts = try await facts(of: customer) else { return SegmentationReport() }
        return try await segmentation.update(facts)
    }

    /// Adds what an import brought from an earlier system (``ImportedHistory``) to the
    /// facts of the orders and sessions recorded since: the counts and amounts add up, the
    /// first and last order dates and the last visit are the earliest and latest of both,
    /// and the imported country stands in when no address gives one.
    static func add(_ history: ImportedHistory, to facts: inout CustomerFacts, currency: Currency) {
        facts.numberOfOrders &+= Int64(history.numberOfOrders)
        if history.amountSpent.currency == currency { facts.amountSpentMinorUnits &+= history.amountSpent.minorUnits }
        facts.firstOrderDate = [facts.firstOrderDate, history.firstOrderAt].compactMap { $0 }.min()
        facts.lastOrderDate = [facts.lastOrderDate, history.lastOrderAt].compactMap { $0 }.max()
        facts.lastVisitDate = [facts.lastVisitDate, history.lastVisitAt].compactMap { $0 }.max()
        if facts.country == nil { facts.country = history.country }
    }

    static func fact(_ value: ProfileValue, of type: FieldType) -> ProfileFact? {
        switch (value, CustomerHubConfiguration.attributeType(of: type)) {
        case (.text(let text), .text?): .text(text)
        case (.choice(let choice), .text?): .choice(choice)
        case (.number(let number), .number?): .number(number)
        case (.boolean(let flag), .boolean?): .boolean(flag)
        case (.date(let date), .date?): (try? UTCDay(year: date.year, month: date.month, day: date.day)).map { .date($0) }
        case (.choices(let choices), .list?): .choices(choices)
        default: nil
        }
    }

    static func consentFact(_ status: ConsentStatus) -> ConsentFact {
        switch status {
        case .none: .none
        case .pending: .pending
        case .granted: .granted
        case .refused: .refused
        case .withdrawn: .withdrawn
        case .expired: .expired
        }
    }

    /// Lower is stronger: the state a purpose takes over its channels.
    static func rank(_ state: ConsentFact) -> Int {
        switch state {
        case .granted: 0
        case .pending: 1
        case .withdrawn: 2
        case .expired: 3
        case .refused: 4
        case .none: 5
        }
    }
}

/// Every customer's facts in id order, built as the sequence is read, a page of customer
/// ids at a time: ``CustomerHub/start()`` hands them to the segmentation service without
/// ever holding all of them (a million customers' facts are about 900 MB as values, a tenth
/// of that in the fact table's columns).
///
/// A page's facts are built by ``workers`` concurrent tasks, each over a contiguous part
/// of the page (the stores' reads are independent, and the reference stores unpack outside
/// their locks), and handed on in id order.
struct EveryCustomerFacts: AsyncSequence {
    typealias Element = CustomerFacts
    typealias Failure = any Error

    let hub: CustomerHub
    /// Customer ids read per store call.
    var pageSize = 1_000
    /// Tasks building a page's facts side by side: one per core, at most four.
    var workers = Swift.min(4, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))

    func makeAsyncIterator() -> Iterator { Iterator(hub: hub, pageSize: pageSize, workers: workers) }

    struct Iterator: AsyncIteratorProtocol {
        typealias Element = CustomerFacts
        typealias Failure = any Error

        let hub: CustomerHub
        let pageSize: Int
        let workers: Int
        private var lastID: CustomerID?
        private var facts: [DerivedFacts] = []
        private var index = 0
        private var lastPage = false

        init(hub: CustomerHub, pageSize: Int, workers: Int) {
            self.hub = hub
            self.pageSize = pageSize
            self.workers = workers
        }

        mutating func next() async throws -> CustomerFacts? {
            try await nextDerived()?.facts
        }

        /// The next customer's facts with the instant they hold until.
        mutating func nextDerived() async throws -> DerivedFacts? {
            while index == facts.count {
                guard !lastPage else { return nil }
                let page = try await hub.stores.accounts.customers(after: lastID, limit: pageSize)
                lastID = page.last
                lastPage = page.count < pageSize
                facts = try await Self.facts(of: page, hub: hub, workers: workers)
                index = 0
            }
            defer { index += 1 }
            return facts[index]
        }

        /// The facts of `page`'s customers in page order, built by up to `workers` tasks. A
        /// customer erased since its id was read has no facts: skipped.
        private static func facts(of page: [CustomerID], hub: CustomerHub, workers: Int) async throws -> [DerivedFacts] {
            let share = (page.count + workers - 1) / Swift.max(1, workers)
            guard share > 0 else { return [] }
            return try await withThrowingTaskGroup(of: (Int, [DerivedFacts]).self) { group in
                for (part, start) in stride(from: 0, to: page.count, by: share).enumerated() {
                    let customers = page[start..<Swift.min(start + share, page.count)]
                    group.addTask {
                        var built: [DerivedFacts] = []
                        built.reserveCapacity(customers.count)
                        for customer in customers {
                            if let facts = try await hub.derivedFacts(of: customer) { built.append(facts) }
                        }
                        return (part, built)
                    }
                }
                var parts: [(Int, [DerivedFacts])] = []
                for try await part in group { parts.append(part) }
                return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
            }
        }
    }
}

/// A customer's facts and the instant until which time alone leaves them as they are
/// (``CustomerHub/derivedFacts(of:)``).
struct DerivedFacts: Sendable {
    var facts: CustomerFacts
    /// `nil`: until a store write changes them.
    var validUntil: Date?
}
