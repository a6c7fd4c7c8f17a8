import Foundation

extension ProfilingService {
    /// Validates and stores a submission: values with their provenance (`source`, the
    /// collection point, now, unverified) and declines (now, so the cool-down starts).
    ///
    /// Every answer is checked (``AnswerValidation``), and a value for a field whose
    /// purpose the customer does not hold now is refused (``AnswerRule/consentNotHeld``).
    /// The report lists every failing field with its rule and a message that never repeats
    /// the value. With ``SubmissionMode/atomic`` (the default) nothing is stored when any
    /// answer fails; with ``SubmissionMode/partial`` the valid answers are stored.
    ///
    /// - Parameters:
    ///   - answers: The answers by field key; an unknown key is an error, never dropped.
    ///   - customer: Whose profile.
    ///   - moment: Where the answers were given.
    ///   - source: Who gives them; a ``Provenance/Source/customer`` may answer only fields
    ///     the customer may edit.
    ///   - collectionPoint: The form or flow (not personal data); the moment's name by default.
    ///   - mode: Atomic or partial.
    /// - Returns: The validation report; its `values` and `declines` are what was stored
    ///   (none when an atomic submission failed).
    /// - Throws: Store or consent errors only; invalid answers are reported, not thrown.
    @discardableResult
    public func submit(
        _ answers: [FieldKey: Answer], for customer: CustomerID, at moment: Moment, source: Provenance.Source = .customer,
        collectionPoint: String? = nil, mode: SubmissionMode = .atomic
    ) async throws -> AnswerReport {
        let now = clock.storedNow()
        var report = AnswerValidation(catalog: catalog).validate(answers, source: source, at: now)
        let needed = Set(report.values.keys.compactMap { catalog.field($0)?.purpose })
        if !needed.isEmpty {
            let held = try await heldPurposes(of: customer, at: now)
            report = Self.refusingUnheld(report, catalog: catalog, held: held)
        }
        let values = report.valuesToStore(mode), declines = report.declinesToStore(mode)
        let stored = AnswerReport(values: values, declines: declines, errors: report.errors)
        guard !values.isEmpty || !declines.isEmpty else { return stored }
        let provenance = Provenance(source: source, collectionPoint: collectionPoint ?? moment.description, at: now)
        _ = try await modify(customer) { profile in
            for (field, value) in values.sorted(by: { $0.key < $1.key }) {
                profile.set(value, for: field, provenance: provenance, historyLimit: configuration.historyLimit)
            }
            for field in declines { profile.decline(field, at: now) }
        }
        emit("answered", customer, at: now, ["moment": moment.description, "values": "\(values.count)", "declines": "\(declines.count)"])
        return stored
    }

    /// A customer's own edit on the account page: sets `field` to `value`, or removes it
    /// when `value` is `nil`, with provenance ``Provenance/Source/customer``.
    ///
    /// - Throws: ``ProfilingErrorCode/unknownField``; ``ProfilingErrorCode/fieldNotEditable``
    ///   for a field only the shop sets; ``ProfilingErrorCode/invalidAnswer`` (context field:
    ///   the ``AnswerRule``, item: the field key) for a value that breaks a rule or a field
    ///   whose purpose the customer does not hold; nothing is stored then.
    @discardableResult
    public func edit(
        _ field: FieldKey, to value: ProfileValue?, for customer: CustomerID, collectionPoint: String = "account-page"
    ) async throws -> CustomerProfile {
        let now = clock.storedNow()
        let definition = try catalog.require(field)
        guard definition.editableByCustomer else {
            throw FieldError(field: field, rule: .notEditable, message: "The customer may not edit this field; the shop sets it.").error
        }
        let provenance = Provenance(source: .customer, collectionPoint: collectionPoint, at: now)
        var checked: ProfileValue?
        if let value {
            if let purpose = definition.purpose, !(try await heldPurposes(of: customer, at: now)).contains(purpose) {
                throw Self.unheld(field).error
            }
            switch AnswerValidation(catalog: catalog).check(value, for: definition, at: now) {
            case .success(let normalized): checked = normalized
            case .failure(let error): throw error.error
            }
        }
        let (profile, _) = try await modify(customer) { profile in
            if let checked {
                profile.set(checked, for: field, provenance: provenance, historyLimit: configuration.historyLimit)
            } else {
                profile.removeValue(for: field, provenance: provenance, historyLimit: configuration.historyLimit)
            }
        }
        emit("edited", customer, at: now, ["field": field.rawValue])
        return profile
    }

    /// `report` with the values of fields whose purpose is not in `held` moved to the errors.
    static func refusingUnheld(_ report: AnswerReport, catalog: FieldCatalog, held: Set<String>) -> AnswerReport {
        var values = report.values
        var errors = report.errors
        for field in report.values.keys {
            if let purpose = catalog.field(field)?.purpose, !held.contains(purpose) {
                values[field] = nil
                errors.append(unheld(field))
            }
        }
        errors.sort { $0.field < $1.field }
        return AnswerReport(values: values, declines: report.declines, errors: errors)
    }

    static func unheld(_ field: FieldKey) -> FieldError {
        FieldError(
            field: field, rule: .consentNotHeld,
            message: "The field serves a consent purpose the customer does not hold now; ask for that consent first.")
    }
}
