import Foundation

extension ProfilingService {
    /// The questions to ask `customer` now, at most `limit`, each with why it is asked
    /// (``QuestionSelection`` over the stored profile and the purposes the customer holds).
    ///
    /// When questions are returned at a moment the prompt cap applies to, the prompt is
    /// recorded in the same save as the selection was made from, so two concurrent requests
    /// cannot both prompt past the cap: the one that loses the race selects again and finds
    /// the cap reached. Call it when the questions will be shown.
    ///
    /// - Throws: The store's or the consent bridge's error; ``ProfilingErrorCode/conflict``
    ///   when the profile kept changing for every attempt.
    public func nextQuestions(for customer: CustomerID, at moment: Moment, limit: Int) async throws -> [Question] {
        let now = clock.storedNow()
        let held = try await heldPurposes(of: customer, at: now)
        return try await ConflictRetry.run(maximumAttempts: configuration.maximumConflictAttempts, isConflict: Self.isConflict) {
            var profile = try await profile(of: customer)
            let questions = selection.nextQuestions(for: profile, holding: held, at: now, moment: moment, limit: limit)
            guard !questions.isEmpty, let cap = configuration.promptCap, cap.applies(to: moment) else { return questions }
            let read = profile.revision
            profile.recordPrompt(at: now, cap: cap)
            _ = try await store.save(profile, expectedRevision: read)
            return questions
        }
    }

    /// What ``nextQuestions(for:at:limit:)`` would ask now and why every other field is
    /// skipped, for a "why we ask" line or an admin view. Records no prompt.
    public func questionPlan(for customer: CustomerID, at moment: Moment, limit: Int) async throws -> QuestionPlan {
        let now = clock.storedNow()
        let held = try await heldPurposes(of: customer, at: now)
        return selection.plan(for: try await profile(of: customer), holding: held, at: now, moment: moment, limit: limit)
    }

    /// How complete the customer's profile is, overall and per purpose, weighted, with the
    /// missing fields; fields of purposes the customer does not hold count as not askable.
    public func completeness(of customer: CustomerID) async throws -> ProfileCompleteness {
        let now = clock.storedNow()
        let held = try await heldPurposes(of: customer, at: now)
        return Completeness.measure(try await profile(of: customer), catalog: catalog, holding: held)
    }

    /// Stored values the catalog no longer describes (a field removed or its type
    /// changed): kept and readable, reported so the shop can migrate or purge them.
    public func orphans(of customer: CustomerID) async throws -> [OrphanedValue] {
        CatalogDrift.orphans(in: try await profile(of: customer), catalog: catalog)
    }
}
