public import Foundation

/// The consent API a host calls: record what customers agree to, decide whether a
/// message may go out, record sends as proof, issue and honour unsubscribe and double
/// opt-in tokens, verify ledgers and produce receipts.
///
/// ```swift
/// let consent = ConsentService(store: ReferenceConsentStore.inMemory(), configuration: configuration,
///                              catalog: catalog)
/// let given = try await consent.give("newsletter", channel: .email, for: customer,
///                                    context: CollectionContext(source: "footer-form"))
/// // mail given.confirmationToken in a confirmation link when the purpose needs a double opt-in
/// let decision = try await consent.decide(.purpose("newsletter"), channel: .email, for: customer,
///                                         emailKey: address.uniquenessKey)
/// if decision.isAllowed { try await consent.recordSend(decision) }
/// ```
///
/// Everything is injected: store, clock, ID generator, events, configuration, catalog.
public struct ConsentService: Sendable {
    /// Where ledgers, sends and suppressions live.
    public let store: any ConsentStore
    /// The source of "now".
    public let clock: any WallClock
    /// The source of record and receipt identifiers.
    public let ids: IDGenerator
    /// Where consent events go (`consent.given`, `consent.withdrawn`, …), if anywhere.
    public let events: EventBroadcaster?
    /// Keys, salt, policy, receipt details, the conflict-retry bound.
    public let configuration: ConsentConfiguration
    /// The purposes.
    public let catalog: PurposeCatalog
    let digester: EvidenceDigester
    let gate = KeyedGate<CustomerID>()

    /// Creates a service. The configuration was checked when it was made, so this cannot fail.
    ///
    /// - Parameters:
    ///   - store: Where ledgers, sends and suppressions live.
    ///   - clock: The source of "now".
    ///   - ids: The source of record and receipt identifiers.
    ///   - events: Where consent events go, if anywhere.
    ///   - configuration: Keys, salt, policy, receipt details.
    ///   - catalog: The purposes.
    public init(
        store: any ConsentStore, clock: any WallClock = SystemClock(), ids: IDGenerator = .random,
        events: EventBroadcaster? = nil, configuration: ConsentConfiguration, catalog: PurposeCatalog
    ) {
        self.store = store
        self.clock = clock
        self.ids = ids
        self.events = events
        self.configuration = configuration
        self.catalog = catalog
        self.digester = EvidenceDigester(salt: configuration.digestSalt)
    }

    // MARK: Recording statements

    /// Records that the customer gave consent to the current version of `purpose`.
    /// For a purpose that needs a double opt-in the consent is pending until confirmed
    /// with the returned token (see ``confirm(token:context:)``).
    ///
    /// - Parameters:
    ///   - purpose: The purpose.
    ///   - channel: The channel, or `nil` for every channel of the purpose.
    ///   - customer: The customer.
    ///   - context: Where and how it was collected; IP and user agent are digested.
    /// - Throws: ``ConsentErrorCode/unknownPurpose``, ``ConsentErrorCode/channelNotCovered``,
    ///   ``ConsentErrorCode/invalidRequest`` for a purpose on contract or legal obligation.
    @discardableResult
    public func give(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID, context: CollectionContext
    ) async throws -> GivenConsent {
        let current = try consentPurpose(purpose, channel: channel)
        let now = clock.storedNow()
        let confirmBy = current.requiresConfirmation ? now.addingTimeInterval(seconds(configuration.confirmationValidity)) : nil
        let entry = ConsentEntry(
            id: ids(), at: now, action: .given, purpose: purpose, purposeVersion: current.version, channel: channel,
            source: context.source, actor: context.actor, evidence: digester.evidence(for: context), confirmBy: confirmBy)
        let record = try await append(entry, for: customer)
        var token: String?
        if let deadline = record.confirmBy {
            token = SignedToken.sign(
                kind: "c1",
                fields: [customer.rawValue, String(record.sequence), String(StoredInstant.milliseconds(deadline))],
                keys: configuration.tokenKeys)
        }
        return GivenConsent(record: record, confirmationToken: token)
    }

    /// Records that the customer was asked and refused.
    ///
    /// - Throws: As ``give(_:channel:for:context:)``.
    @discardableResult
    public func refuse(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID, context: CollectionContext
    ) async throws -> ConsentRecord {
        try await statement(.refused, purpose, channel: channel, for: customer, context: context)
    }

    /// Records that the customer withdrew consent (or opted out of a soft opt-in or a
    /// legitimate-interest purpose). Withdrawing is always possible and always recorded.
    ///
    /// - Throws: ``ConsentErrorCode/unknownPurpose``, ``ConsentErrorCode/channelNotCovered``.
    @discardableResult
    public func withdraw(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID, context: CollectionContext
    ) async throws -> ConsentRecord {
        try await statement(.withdrawn, purpose, channel: channel, for: customer, context: context)
    }

    /// Records that a consent or soft opt-in lapsed (actor and source from `context`,
    /// typically `system`).
    ///
    /// - Throws: ``ConsentErrorCode/unknownPurpose``, ``ConsentErrorCode/channelNotCovered``.
    @discardableResult
    public func expire(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID,
        context: CollectionContext = CollectionContext(source: "expiry", actor: .system)
    ) async throws -> ConsentRecord {
        try await statement(.expired, purpose, channel: channel, for: customer, context: context)
    }

    /// Records a soft opt-in: an existing customer who bought in `order` and was offered
    /// an opt-out at collection may get messages about the shop's own similar products
    /// (sharing a product category) by e-mail or SMS, until `expiresAt` or an objection
    /// or withdrawal. Ignored after an objection to direct marketing.
    ///
    /// - Parameters:
    ///   - purpose: A purpose that allows soft opt-in.
    ///   - channel: `email`, `sms`, or `nil` for both of those the purpose covers.
    ///   - customer: The customer.
    ///   - order: The host's order reference.
    ///   - productCategories: The categories bought (at least one).
    ///   - expiresAt: When it ends on its own, if ever.
    ///   - context: Where the opt-out was offered (such as `checkout`).
    /// - Throws: ``ConsentErrorCode/invalidRequest`` when the purpose does not allow soft
    ///   opt-in, the channel is not electronic mail, or the order or categories are empty.
    @discardableResult
    public func recordSoftOptIn(
        _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID, order: String,
        productCategories: Set<String>, expiresAt: Date? = nil,
        context: CollectionContext = CollectionContext(source: "checkout", actor: .system)
    ) async throws -> ConsentRecord {
        let current = try consentPurpose(purpose, channel: channel)
        guard current.allowsSoftOptIn, channel?.isElectronicMail ?? true else {
            throw ConsentError(
                .invalidRequest, "A soft opt-in needs a purpose that allows it, on e-mail or SMS.",
                context: ErrorContext(field: channel == nil ? "purpose" : "channel", item: purpose.rawValue))
        }
        guard !order.isEmpty, !productCategories.isEmpty, !productCategories.contains(where: \.isEmpty) else {
            throw ConsentError(
                .invalidRequest, "A soft opt-in is tied to an order and at least one product category.",
                context: ErrorContext(field: order.isEmpty ? "order" : "productCategories", item: purpose.rawValue))
        }
        let entry = ConsentEntry(
            id: ids(), at: clock.storedNow(), action: .softOptIn, purpose: purpose, purposeVersion: current.version,
            channel: channel, source: context.source, actor: context.actor, evidence: digester.evidence(for: context),
            softOptIn: SoftOptIn(orderReference: order, productCategories: productCategories, expiresAt: expiresAt))
        return try await append(entry, for: customer)
    }

    /// Records the customer's objection to direct marketing (GDPR article 21(2)): absolute;
    /// it ends consent and soft opt-in for every marketing purpose on every channel.
    /// Afterwards only a consent the customer gives themself counts again.
    @discardableResult
    public func object(for customer: CustomerID, context: CollectionContext) async throws -> ConsentRecord {
        let entry = ConsentEntry(
            id: ids(), at: clock.storedNow(), action: .objected, purpose: nil, source: context.source, actor: context.actor,
            evidence: digester.evidence(for: context))
        return try await append(entry, for: customer)
    }

    /// Confirms a pending double opt-in with the token from the confirmation mail.
    /// Using the same token again returns the same confirmation.
    ///
    /// - Throws: ``ConsentErrorCode/malformedToken``, ``ConsentErrorCode/tamperedToken``,
    ///   ``ConsentErrorCode/unknownTokenKey``, ``ConsentErrorCode/expiredToken``, or
    ///   ``ConsentErrorCode/notPending`` when the consent was refused, withdrawn or
    ///   replaced since.
    @discardableResult
    public func confirm(token: String, context: CollectionContext) async throws -> ConsentRecord {
        let (_, fields) = try SignedToken.verify(token, kind: "c1", fieldCount: 3, keys: configuration.tokenKeys)
        guard let customer = CustomerID(rawValue: fields[0]), let sequence = Int(fields[1]), sequence >= 0,
            let expiresMs = Int64(fields[2])
        else {
            throw ConsentError(.malformedToken, "The confirmation token's content is not valid.", context: ErrorContext(field: "token"))
        }
        let now = clock.storedNow()
        guard StoredInstant.milliseconds(now) < expiresMs else {
            throw ConsentError(
                .expiredToken, "The confirmation link has expired; ask the customer to sign up again.",
                context: ErrorContext(field: "token", item: customer.rawValue))
        }
        let id = ids()
        let evidence = digester.evidence(for: context)
        return try await appendChecked(for: customer) { records in
            guard sequence < records.count, records[sequence].action == .given, records[sequence].confirmBy != nil,
                let purpose = records[sequence].purpose
            else {
                throw ConsentError(.notPending, "The token does not refer to a pending consent.", context: ErrorContext(field: "token", item: customer.rawValue))
            }
            let given = records[sequence]
            for later in records[(sequence + 1)...] {
                if later.action == .confirmed && later.confirms == sequence { return .existing(later) }
                let sameStatement = later.purpose == purpose && (later.channel == nil || given.channel == nil || later.channel == given.channel)
                let ends = [.given, .refused, .withdrawn, .expired].contains(later.action) && sameStatement
                let objection = later.action == .objected && catalog.current(purpose)?.category == .marketing
                if ends || objection {
                    throw ConsentError(
                        .notPending, "The consent is no longer pending: it was refused, withdrawn or replaced since.",
                        context: ErrorContext(field: "token", item: customer.rawValue))
                }
            }
            return .new(
                ConsentEntry(
                    id: id, at: now, action: .confirmed, purpose: purpose, purposeVersion: given.purposeVersion,
                    channel: given.channel, source: context.source, actor: context.actor, evidence: evidence,
                    confirms: sequence))
        }
    }

    // MARK: Reading the ledger

    /// The customer's whole ledger, in order.
    public func ledger(of customer: CustomerID) async throws -> [ConsentRecord] {
        try await store.records(for: customer)
    }

    /// The customer's standing for every current purpose and channel, derived from the
    /// ledger at `instant` (now by default).
    public func standings(of customer: CustomerID, at instant: Date? = nil) async throws -> [ConsentStanding] {
        let records = try await store.records(for: customer)
        return ConsentRules.standings(in: records, catalog: catalog, at: instant ?? clock.storedNow())
    }

    /// The customer's standing for one purpose and channel.
    ///
    /// - Throws: ``ConsentErrorCode/unknownPurpose``.
    public func standing(
        of customer: CustomerID, purpose: PurposeID, channel: ContactChannel, at instant: Date? = nil
    ) async throws -> ConsentStanding {
        let current = try catalog.require(purpose)
        let records = try await store.records(for: customer)
        return ConsentRules.standing(of: purpose, category: current.category, channel: channel, in: records, at: instant ?? clock.storedNow())
    }

    // MARK: Internals

    enum Step {
        case new(ConsentEntry)
        case existing(ConsentRecord)
    }

    func statement(
        _ action: ConsentAction, _ purpose: PurposeID, channel: ContactChannel?, for customer: CustomerID,
        context: CollectionContext
    ) async throws -> ConsentRecord {
        let current = try consentPurpose(purpose, channel: channel)
        let entry = ConsentEntry(
            id: ids(), at: clock.storedNow(), action: action, purpose: purpose, purposeVersion: current.version, channel: channel,
            source: context.source, actor: context.actor, evidence: digester.evidence(for: context))
        return try await append(entry, for: customer)
    }

    func consentPurpose(_ id: PurposeID, channel: ContactChannel?) throws(ConsentError) -> Purpose {
        let purpose = try catalog.require(id)
        if let channel, !purpose.channels.contains(channel) {
            throw ConsentError(
                .channelNotCovered, "The purpose does not use this channel; add it to the purpose or pick another channel.",
                context: ErrorContext(field: "channel", item: id.rawValue))
        }
        if purpose.legalBasis.isExemptFromConsent {
            throw ConsentError(
                .invalidRequest, "The purpose rests on the contract or a legal obligation and needs no consent.",
                context: ErrorContext(field: "purpose", item: id.rawValue))
        }
        return purpose
    }

    func append(_ entry: ConsentEntry, for customer: CustomerID) async throws -> ConsentRecord {
        try await appendChecked(for: customer) { _ in .new(entry) }
    }

    /// Reads the ledger, lets `step` decide what to append against it, seals and appends,
    /// one writer per customer in this process (`gate`) and, in a store shared by several
    /// processes, across them (``ConsentStore/withLedgerLock(of:_:)``); re-reads and retries
    /// (through `ConflictRetry`, at most ``ConsentConfiguration/maximumConflictAttempts``
    /// times) when a concurrent writer got there first.
    ///
    /// - Throws: ``ConsentErrorCode/conflict`` when every attempt conflicted.
    func appendChecked(
        for customer: CustomerID, _ step: ([ConsentRecord]) throws -> Step
    ) async throws -> ConsentRecord {
        await gate.enter(customer)
        defer { gate.leave(customer) }
        let (record, appended) = try await store.withLedgerLock(of: customer) {
            try await ConflictRetry.run(
                maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict
            ) { () async throws -> (ConsentRecord, Bool) in
                let records = try await store.records(for: customer)
                switch try step(records) {
                case .existing(let record):
                    return (record, false)
                case .new(let entry):
                    let record = ConsentRecord(sealing: entry, customer: customer, after: records.last)
                    try await store.append(record)
                    return (record, true)
                }
            }
        }
        if appended { emit(record) }
        return record
    }

    static func isConflict(_ error: any Error) -> Bool {
        (error as? ConsentError)?.code == .conflict
    }

    func emit(_ record: ConsentRecord) {
        guard let events else { return }
        var attributes = ["sequence": String(record.sequence), "source": record.source, "actor": record.actor.rawValue]
        if let purpose = record.purpose { attributes["purpose"] = purpose.rawValue }
        if let channel = record.channel { attributes["channel"] = channel.rawValue }
        events.emit(ClienteleEvent(name: "consent.\(record.action.rawValue)", customer: record.customer, at: record.at, attributes: attributes))
    }

    func seconds(_ duration: Duration) -> TimeInterval {
        Double(StoredInstant.milliseconds(duration)) / 1000
    }
}
