import Foundation

/// What ``CustomerHub/erase(customer:)`` removed.
public struct CustomerErasure: Sendable, Hashable {
    /// Every customer record erased: the one asked for, and the other records (guests, or
    /// the account) with the same e-mail address, which are the same person.
    public var customers: [CustomerID]
    /// The price lists changed or deleted because they named one of them.
    public var priceLists: Int

    /// Creates a report.
    public init(customers: [CustomerID], priceLists: Int) {
        self.customers = customers
        self.priceLists = priceLists
    }
}

extension CustomerHub {
    /// Everything held about `customer`, from every module (see ``CustomerExport``).
    ///
    /// - Throws: The stores' errors.
    public func export(customer: CustomerID) async throws -> CustomerExport {
        let record = try await stores.accounts.record(customer)
        let orders = try await allOrders(of: customer)
        let ledger = try await consent.ledger(of: customer)
        let lists = try await stores.priceLists.snapshot().lists.filter { stored in
            if case .customers(let customers) = stored.list.audience { return customers.contains(customer) }
            return false
        }
        return CustomerExport(
            schemaVersion: CustomerExport.currentSchemaVersion, exportedAt: StoredInstant.normalized(clock.now()),
            customer: customer, account: record?.customer,
            sessions: (record?.sessions ?? []).map { .init(id: $0.id, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) },
            tokens: (record?.tokens ?? []).map { .init(purpose: $0.purpose, issuedAt: $0.issuedAt, expiresAt: $0.expiresAt, newEmail: $0.newEmail) },
            orders: orders, profile: try await stores.profiles.profile(of: customer), consentLedger: ledger,
            consentReceipt: ledger.isEmpty ? nil : try await consent.receipt(for: customer),
            sends: try await consent.sends(of: customer), segments: try await stores.segments.segments(of: customer),
            firedTriggers: try await stores.segments.firedKeys(of: customer).sorted(), priceLists: lists.map(\.id))
    }

    /// Erases a person: `customer` and every other record with the same e-mail address
    /// (guest checkouts, or the account), from every module.
    ///
    /// For each record, in this order: the address goes on the suppression list (only its
    /// salted digest is kept, so it is never mailed again) and the consent ledger and send
    /// log are removed; then the profile; the segment memberships, fired triggers and facts;
    /// the record from customer-specific price lists; and last the account record with its
    /// orders, sessions and tokens (so every login and link stops working). The record
    /// asked for is erased last, so until the call returns its address is still known.
    ///
    /// Idempotent and resumable: every step succeeds when there is nothing left to remove,
    /// so after a failure at any step, calling again finishes the job and ends in the same
    /// state. File-backed reference stores return from each step once no file of their
    /// folder holds what it removed. What your own backups keep is yours to handle (see
    /// Docs/Privacy.md).
    ///
    /// - Throws: The first store error; what was erased before stays erased.
    @discardableResult
    public func erase(customer: CustomerID) async throws -> CustomerErasure {
        let record = try await stores.accounts.record(customer)
        let emailKey = record?.customer.email.uniquenessKey
        var others: [CustomerID] = []
        if let emailKey { others = try await customers(emailKey: emailKey) }
        let subjects = others.filter { $0 != customer } + [customer]
        var priceLists = 0
        for subject in subjects {
            priceLists += try await eraseRecord(subject, suppressing: emailKey)
        }
        return CustomerErasure(customers: subjects, priceLists: priceLists)
    }

    /// Every customer record under an e-mail address, the records a data-subject request by
    /// address covers: the account first, then the guest checkouts, oldest first.
    public func customers(withEmail address: EmailAddress) async throws -> [CustomerID] {
        try await customers(emailKey: address.uniquenessKey)
    }

    private func customers(emailKey: String) async throws -> [CustomerID] {
        var found: [CustomerID] = []
        if let account = try await stores.accounts.account(emailKey: emailKey) { found.append(account.customer.id) }
        found += try await stores.accounts.guests(emailKey: emailKey).map(\.customer.id)
        return found
    }

    /// Erases one customer record from every module, in the resumable order of
    /// ``erase(customer:)``; suppresses `emailKey` first when given. Returns how many price
    /// lists changed.
    func eraseRecord(_ customer: CustomerID, suppressing emailKey: String?) async throws -> Int {
        try await consent.erase(customer: customer, emailKey: emailKey)
        try await profiling.erase(customer: customer)
        try await segmentation.erase(customer: customer)
        let pricing = try await pricing.erase(customer: customer)
        try await accounts.erase(customer: customer)
        return pricing.updated.count + pricing.deleted.count
    }
}
