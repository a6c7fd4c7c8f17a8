import Foundation

/// A trigger occurrence with what consent says about sending it.
public struct TriggeredMessage: Sendable, Hashable {
    /// The occurrence (customer, kind, key, service or marketing).
    public var occurrence: TriggerOccurrence
    /// For a marketing occurrence, the contact decision on the e-mail channel under
    /// ``CustomerHubConfiguration/triggerPurpose``, with its basis or the reason it is
    /// denied; `nil` for a service message, which needs no consent.
    public var decision: ContactDecision?

    /// Creates a message.
    public init(occurrence: TriggerOccurrence, decision: ContactDecision?) {
        self.occurrence = occurrence
        self.decision = decision
    }

    /// Whether the shop may send it: a service message always, a marketing one when its
    /// decision allows it (record the send with `consent.recordSend(decision)`).
    public var maySend: Bool {
        guard let decision else { return true }
        if case .allowed = decision.outcome { return true }
        return false
    }
}

/// What recording an order set off.
public struct OrderOutcome: Sendable, Hashable {
    /// The segments the customer entered and left, and its lifecycle transition.
    public var segmentation: SegmentationReport
    /// The triggers that came due (a milestone, say), each with its contact decision.
    public var messages: [TriggeredMessage]

    /// Creates an outcome.
    public init(segmentation: SegmentationReport, messages: [TriggeredMessage]) {
        self.segmentation = segmentation
        self.messages = messages
    }
}

extension CustomerHub {
    /// Records an order and runs the chain it sets off: the customer's facts are rebuilt,
    /// its segments re-evaluated (entries, exits, lifecycle, stored and announced), the
    /// triggers now due claimed (each once, ever), and each marketing occurrence passed
    /// through a contact decision.
    ///
    /// The order is stored first: it is the fact everything else derives from. If the
    /// process dies after that, ``start()`` re-evaluates the customer at the next start and
    /// the next scan (``dueMessages()``) finds the triggers, so nothing is lost; a claimed
    /// occurrence is returned once, so hand the messages to something durable at once.
    ///
    /// - Throws: What `AccountService.recordOrder` throws (nothing else happens then), or
    ///   a later step's store error (the order is recorded; see above).
    public func recordOrder(_ order: OrderReference) async throws -> OrderOutcome {
        try await accounts.recordOrder(order)
        let report = try await refreshFacts(of: order.customer)
        let messages = try await decide(try await segmentation.dueTriggers(
            for: order.customer, consentGivenAt: try await consentGivenAt(order.customer)))
        return OrderOutcome(segmentation: report, messages: messages)
    }

    /// Every trigger due now for every customer (birthdays, anniversaries, "we miss you",
    /// re-permission), each claimed once, ever, with its contact decision. Run it from a
    /// daily job after `segmentation.refresh()`.
    public func dueMessages() async throws -> [TriggeredMessage] {
        try await decide(try await segmentation.dueTriggers(consentGivenAt: { try await self.consentGivenAt($0) }))
    }

    /// When each purpose was granted to `customer`, for re-permission.
    func consentGivenAt(_ customer: CustomerID) async throws -> [String: Date] {
        var given: [String: Date] = [:]
        for standing in try await consent.standings(of: customer) {
            if case .granted(let since, _, _) = standing.status {
                let purpose = standing.purpose.rawValue
                given[purpose] = given[purpose].map { min($0, since) } ?? since
            }
        }
        return given
    }

    /// Each occurrence with its decision: none for service messages.
    func decide(_ occurrences: [TriggerOccurrence]) async throws -> [TriggeredMessage] {
        var messages: [TriggeredMessage] = []
        for occurrence in occurrences {
            guard occurrence.category == .marketing else {
                messages.append(TriggeredMessage(occurrence: occurrence, decision: nil))
                continue
            }
            let emailKey = try await stores.accounts.record(occurrence.customer)?.customer.email.uniquenessKey
            let decision = try await consent.decide(
                .purpose(configuration.triggerPurpose), channel: .email, for: occurrence.customer, emailKey: emailKey)
            messages.append(TriggeredMessage(occurrence: occurrence, decision: decision))
        }
        return messages
    }
}
