public import Foundation

/// Chooses which profile questions to ask a customer now: a pure, synchronous rule over a
/// profile, the catalog and the consent purposes the customer holds.
///
/// A field is asked when the customer may edit it, it is asked at the moment, its value is
/// unknown, its purpose's consent is held, its prerequisites hold, a decline's cool-down
/// has passed, and the prompt cap allows a prompt. At most `limit` fields are chosen, by
/// priority (higher first), then key.
///
/// ```swift
/// let selection = QuestionSelection(catalog: catalog, configuration: configuration)
/// let questions = selection.nextQuestions(
///     for: profile, holding: ["personalisation"], at: now, moment: .accountPage, limit: 2)
/// ```
///
/// The rule reads the consent as a set of purpose IDs the customer holds at the instant,
/// so it stays synchronous; the service asks the consent module for them first. The
/// prompt log is read, not written: after showing the questions at a moment the cap
/// applies to, the service records the prompt (``CustomerProfile/recordPrompt(at:cap:)``).
public struct QuestionSelection: Sendable {
    /// The catalog asked from.
    public let catalog: FieldCatalog
    /// The prompt cap, or `nil` for none.
    public let promptCap: PromptCap?

    /// Creates a selection over `catalog` with the configuration's prompt cap.
    public init(catalog: FieldCatalog, configuration: ProfilingConfiguration = ProfilingConfiguration()) {
        self.catalog = catalog
        self.promptCap = configuration.promptCap
    }

    /// The fields to ask now, at most `limit`, in asking order, each with why it is asked.
    ///
    /// - Parameters:
    ///   - profile: The customer's profile.
    ///   - purposes: The consent purposes the customer holds at `instant`.
    ///   - instant: Now.
    ///   - moment: Where in the customer's journey the questions would be asked.
    ///   - limit: The most questions wanted; below 1 gives none.
    /// - Complexity: O(f log v) for f catalog fields and v known values; allocates only the result.
    public func nextQuestions(
        for profile: CustomerProfile, holding purposes: Set<String>, at instant: Date, moment: Moment, limit: Int
    ) -> [Question] {
        // The fast path: only the fields the customer may be asked at this moment, cheap
        // checks first. It asks exactly what `plan` asks (the tests hold them to it); `plan`
        // checks in the order of the skip reasons so it can name the first that applies.
        guard limit > 0, let slots = catalog.askable[moment],
            promptBlockedUntil(for: profile, at: instant, moment: moment) == nil
        else { return [] }
        let now = StoredInstant.milliseconds(instant)
        var questions: [Question] = []
        for slot in slots {
            if let purpose = slot.purpose, !purposes.contains(purpose) { continue }
            if profile.hasValue(for: slot.key) { continue }
            let declined = profile.declinedAt(slot.key)
            if let declined, now - StoredInstant.milliseconds(declined) < slot.coolDownMilliseconds { continue }
            var reason = QuestionReason.unanswered
            if slot.hasPrerequisites {
                let prerequisites = catalog.fields[slot.position].prerequisites
                guard prerequisites.allSatisfy({ $0.isMet(by: profile.value(for: $0.field)) }) else { continue }
                if let last = prerequisites.last { reason = .followsUp(last.field) }
            }
            if let declined {
                reason = .askedAgainAfterDecline(declinedAt: declined)
            } else if case .unanswered = reason, let purpose = slot.purpose {
                reason = .servesPurpose(purpose)
            }
            if questions.isEmpty { questions.reserveCapacity(min(limit, slots.count)) }
            questions.append(Question(shared: catalog.shared[slot.position], reason: reason))
            if questions.count == limit { break }
        }
        return questions
    }

    /// As ``nextQuestions(for:holding:at:moment:limit:)``, with the reason each other
    /// field of the catalog is skipped.
    public func plan(
        for profile: CustomerProfile, holding purposes: Set<String>, at instant: Date, moment: Moment, limit: Int
    ) -> QuestionPlan {
        select(profile, purposes, instant, moment, limit, explaining: true)
    }

    /// When the prompt cap blocks prompting at `moment`, the instant it allows one again;
    /// `nil` when a prompt is allowed now (or no cap applies).
    public func promptBlockedUntil(for profile: CustomerProfile, at instant: Date, moment: Moment) -> Date? {
        guard let cap = promptCap, cap.applies(to: moment) else { return nil }
        let now = StoredInstant.milliseconds(instant)
        let period = StoredInstant.milliseconds(cap.period)
        // Prompts are sorted: those still within the period (and any after now) are a suffix.
        var count = 0
        for prompt in profile.prompts.reversed() {
            guard now - StoredInstant.milliseconds(prompt) < period else { break }
            count += 1
        }
        guard count >= cap.maximumPrompts else { return nil }
        // Prompting is allowed again once all but `maximumPrompts - 1` of them have left the
        // period: when the `maximumPrompts`-th newest one does.
        let deciding = profile.prompts[profile.prompts.count - cap.maximumPrompts]
        return StoredInstant.date(milliseconds: StoredInstant.milliseconds(deciding) + period)
    }

    private func select(
        _ profile: CustomerProfile, _ purposes: Set<String>, _ instant: Date, _ moment: Moment, _ limit: Int,
        explaining: Bool
    ) -> QuestionPlan {
        var questions: [Question] = []
        var skipped: [SkippedField] = []
        if explaining { skipped.reserveCapacity(catalog.fields.count) }
        let blockedUntil = promptBlockedUntil(for: profile, at: instant, moment: moment)
        let now = StoredInstant.milliseconds(instant)
        for position in catalog.askingOrder {
            let field = catalog.fields[position]
            let reason: SkipReason?
            var asked = QuestionReason.unanswered
            if profile.hasValue(for: field.key) {
                reason = .known
            } else if !field.editableByCustomer {
                reason = .notEditableByCustomer
            } else if !field.moments.contains(moment) {
                reason = .notAskedAtThisMoment
            } else if let purpose = field.purpose, !purposes.contains(purpose) {
                reason = .consentNotHeld(purpose: purpose)
            } else if let unmet = field.prerequisites.first(where: { !$0.isMet(by: profile.value(for: $0.field)) }) {
                reason = .prerequisiteNotMet(unmet.field)
            } else if let declined = profile.declinedAt(field.key),
                now - StoredInstant.milliseconds(declined) < catalog.coolDownMilliseconds[position]
            {
                reason = .declined(until: StoredInstant.date(milliseconds: StoredInstant.milliseconds(declined) + catalog.coolDownMilliseconds[position]))
            } else if let blockedUntil {
                reason = .promptCapReached(until: blockedUntil)
            } else if questions.count >= limit {
                reason = .limitReached
            } else {
                reason = nil
                if let declined = profile.declinedAt(field.key) {
                    asked = .askedAgainAfterDecline(declinedAt: declined)
                } else if let last = field.prerequisites.last {
                    asked = .followsUp(last.field)
                } else if let purpose = field.purpose {
                    asked = .servesPurpose(purpose)
                }
            }
            if let reason {
                if explaining { skipped.append(SkippedField(field: field.key, reason: reason)) }
            } else {
                if questions.isEmpty { questions.reserveCapacity(min(limit, catalog.fields.count)) }
                questions.append(Question(shared: catalog.shared[position], reason: asked))
                if questions.count >= limit && !explaining { break }
            }
        }
        return QuestionPlan(questions: questions, skipped: skipped)
    }
}
