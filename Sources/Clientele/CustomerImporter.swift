import Foundation

/// The work of one ``CustomerHub/importCustomers(from:options:progress:)`` call: reads
/// records, checks rows, and writes them batch by batch.
struct CustomerImporter: Sendable {
    let hub: CustomerHub
    let options: CustomerImportOptions
    let file: String?
    /// The newsletter purpose and its current version.
    let purpose: PurposeID
    let purposeVersion: Int
    /// The instant stamped on every record written by this run.
    let now: Date

    /// What one row needs written.
    private struct Plan: Sendable {
        var row: ImportedCustomerRow
        var account: AccountRecord?
        var profile: CustomerProfile?
        var consent: ConsentRecord?
        var refused: ImportError?
        var needsWriting: Bool { account != nil || profile != nil || consent != nil }
    }

    init(hub: CustomerHub, options: CustomerImportOptions, file: String?) throws(ImportError) {
        try options.check()
        self.hub = hub
        self.options = options
        self.file = file
        let purpose = options.newsletterPurpose ?? hub.configuration.triggerPurpose
        guard let current = hub.consent.catalog.current(purpose), current.channels.contains(.email),
            !current.legalBasis.isExemptFromConsent
        else {
            throw ImportError(
                .invalidOptions, "The newsletter purpose must be in the purpose catalog, rest on consent and cover the e-mail channel.",
                context: ErrorContext(field: "newsletterPurpose", item: purpose.rawValue))
        }
        self.purposeVersion = current.version
        self.purpose = purpose
        self.now = hub.clock.storedNow()
    }

    /// Reads every record from `nextChunk`, imports the rows batch by batch, and reports.
    func run(
        totalBytes: Int?, nextChunk: () throws -> Data?, progress: (@Sendable (CustomerImportProgress) -> Void)?
    ) async throws -> CustomerImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        var reader = CSVRecordReader()
        var summary = CustomerImportSummary(rows: 0, imported: 0, alreadyPresent: 0, rejected: [])
        var columns: ImportedCustomerRow.Columns?
        var batch: [ImportedCustomerRow] = []
        batch.reserveCapacity(options.batchSize)
        var bytesRead = 0
        var final = false
        var pipeline = Pipeline(importer: self)
        func report() {
            progress?(CustomerImportProgress(
                rows: summary.rows, imported: summary.imported, alreadyPresent: summary.alreadyPresent,
                rejected: summary.rejected.count, bytesRead: bytesRead, totalBytes: totalBytes, elapsed: clock.now - started))
        }
        do {
            try await read()
        } catch {
            await pipeline.abandon()
            throw error
        }
        func read() async throws {
            while true {
                let record: (line: Int, fields: [String])?
                do {
                    record = try reader.next(final: final)
                } catch {
                    summary.rows += 1
                    summary.rejected.append(CustomerImportRejection(line: error.context.position ?? 0, error: withFile(error)))
                    continue
                }
                guard let record else {
                    if final { break }
                    if let chunk = try nextChunk(), !chunk.isEmpty {
                        bytesRead += chunk.count
                        reader.append(chunk)
                    } else {
                        final = true
                    }
                    continue
                }
                guard let known = columns else {
                    columns = try ImportedCustomerRow.Columns(header: record.fields, line: record.line, file: file)
                    continue
                }
                summary.rows += 1
                do {
                    batch.append(try ImportedCustomerRow(
                        line: record.line, fields: record.fields, columns: known, currency: hub.configuration.currency, file: file))
                } catch {
                    summary.rejected.append(CustomerImportRejection(line: record.line, error: error))
                }
                if batch.count >= options.batchSize {
                    try await pipeline.write(batch, into: &summary)
                    batch.removeAll(keepingCapacity: true)
                    report()
                }
            }
        }
        if columns == nil {
            throw ImportError(.invalidHeader, "The CSV has no header line; the first line must name the columns.", context: ErrorContext(position: 1, file: file))
        }
        do {
            if !batch.isEmpty { try await pipeline.write(batch, into: &summary) }
            try await pipeline.drain(into: &summary)
        } catch {
            await pipeline.abandon()
            throw error
        }
        summary.rejected.sort { $0.line < $1.line }
        report()
        if options.refreshFacts { try await hub.start() }
        return summary
    }

    /// Batches in two stages: a batch's accounts are written (``prepare(_:skipping:)``)
    /// while the batch before it writes its profiles and consent records (``finish(_:)``),
    /// and the next batch is read meanwhile. A customer is still written account first,
    /// and a batch is planned only once the accounts before it are stored.
    struct Pipeline {
        let importer: CustomerImporter
        /// The batch writing its profiles and consent records, and its customers.
        var finishing: (task: Task<Partial, any Error>, ids: [CustomerID: String])?

        /// Prepares `rows` (after the batch before), then lets it finish in the background.
        mutating func write(_ rows: [ImportedCustomerRow], into summary: inout CustomerImportSummary) async throws {
            let prepared = try await importer.prepare(rows, skipping: finishing?.ids ?? [:])
            try await drain(into: &summary)
            summary.alreadyPresent += prepared.partial.alreadyPresent
            summary.rejected += prepared.partial.rejected
            let importer = self.importer
            finishing = (Task { try await importer.finish(prepared.plans) }, prepared.ids)
        }

        /// Waits for the batch in the background and counts it.
        mutating func drain(into summary: inout CustomerImportSummary) async throws {
            guard let finishing else { return }
            self.finishing = nil
            let partial = try await finishing.task.value
            summary.imported += partial.imported
            summary.rejected += partial.rejected
        }

        /// Waits for the batch in the background after a failure, ignoring its outcome.
        mutating func abandon() async {
            _ = try? await finishing?.task.value
            finishing = nil
        }
    }

    /// What a stage of a batch counted.
    struct Partial: Sendable {
        var imported = 0
        var alreadyPresent = 0
        var rejected: [CustomerImportRejection] = []
    }

    /// A batch whose accounts are written.
    private struct Prepared: Sendable {
        var plans: [Plan]
        var partial: Partial
        var ids: [CustomerID: String]
    }

    /// Plans one batch and writes its accounts. A row whose customer is in `skipping` (the
    /// batch still finishing) counts as a repeat of that row.
    private func prepare(_ rows: [ImportedCustomerRow], skipping inFlight: [CustomerID: String]) async throws -> Prepared {
        var partial = Partial()
        var plans: [Plan] = []
        plans.reserveCapacity(rows.count)
        var seen: [CustomerID: String] = [:]
        seen.reserveCapacity(rows.count)
        for row in rows {
            let key = row.email.uniquenessKey
            if let earlier = seen[row.id] ?? inFlight[row.id] {
                if earlier == key {
                    partial.alreadyPresent += 1
                } else {
                    partial.rejected.append(CustomerImportRejection(line: row.line, error: conflicting(row)))
                }
                continue
            }
            seen[row.id] = key
            do {
                let plan = try await self.plan(row)
                if plan.needsWriting { plans.append(plan) } else { partial.alreadyPresent += 1 }
            } catch let error as ImportError {
                partial.rejected.append(CustomerImportRejection(line: row.line, error: error))
            }
        }

        // Accounts first: a profile or consent never exists for a customer that does not.
        let accounts = plans.indices.filter { plans[$0].account != nil }
        if !accounts.isEmpty {
            let records = accounts.compactMap { plans[$0].account }
            let results = try await storeCall(line: plans[accounts[0]].row.line) {
                try await hub.stores.accounts.insert(contentsOf: records)
            }
            for (index, result) in zip(accounts, results) {
                if case .failure(let error) = result { try refuse(&plans[index], error) }
            }
        }
        return Prepared(plans: plans, partial: partial, ids: seen)
    }

    /// Writes the profiles and consent records of a prepared batch, the two stores at once.
    private func finish(_ prepared: [Plan]) async throws -> Partial {
        var plans = prepared
        let profiles = plans.indices.filter { plans[$0].refused == nil && plans[$0].profile != nil }
        let consents = plans.indices.filter { plans[$0].refused == nil && plans[$0].consent != nil }
        let profileRecords = profiles.compactMap { plans[$0].profile }
        let consentRecords = consents.compactMap { plans[$0].consent }
        let firstProfileLine = profiles.first.map { plans[$0].row.line } ?? 0
        let firstConsentLine = consents.first.map { plans[$0].row.line } ?? 0
        async let profileResults = profileRecords.isEmpty ? [] : storeCall(line: firstProfileLine) {
            try await hub.stores.profiles.save(contentsOf: profileRecords).map { $0.map { _ in () } }
        }
        async let consentResults = consentRecords.isEmpty ? [] : storeCall(line: firstConsentLine) {
            try await hub.stores.consent.append(contentsOf: consentRecords)
        }
        let (savedProfiles, appendedConsents) = try await (profileResults, consentResults)
        for (index, result) in zip(profiles, savedProfiles) {
            if case .failure(let error) = result { try refuse(&plans[index], error) }
        }
        for (index, result) in zip(consents, appendedConsents) {
            if case .failure(let error) = result { try refuse(&plans[index], error) }
        }
        var partial = Partial()
        for plan in plans {
            if let refused = plan.refused {
                partial.rejected.append(CustomerImportRejection(line: plan.row.line, error: refused))
            } else {
                partial.imported += 1
            }
        }
        return partial
    }

    /// What a row needs written, against what the stores hold: nothing for a customer
    /// imported completely before, the missing parts for one an interrupted run began.
    ///
    /// - Throws: ``ImportErrorCode/conflictingCustomer`` when the id belongs to a customer
    ///   with another e-mail address.
    private func plan(_ row: ImportedCustomerRow) async throws -> Plan {
        var plan = Plan(row: row)
        if let existing = try await hub.stores.accounts.record(row.id) {
            guard existing.customer.email.uniquenessKey == row.email.uniquenessKey else { throw conflicting(row) }
        } else {
            if try await storeCall(line: row.line, { try await hub.consent.suppression(of: row.email) }) != nil {
                throw ImportError(
                    .suppressedAddress, "The e-mail address is on the suppression list; the row is not imported.",
                    context: ErrorContext(field: "email", position: row.line, file: file, item: row.id.rawValue))
            }
            let customer = Customer(
                id: row.id, kind: .guest, email: row.email, status: .active, groups: row.group.map { [$0] } ?? [],
                createdAt: row.createdAt, importedHistory: row.history)
            plan.account = AccountRecord(customer: customer)
        }
        if let field = hub.configuration.birthDateField, let birthDate = row.birthDate {
            let stored = try await hub.stores.profiles.profile(of: row.id)
            if stored?.value(for: field) == nil {
                var profile = stored ?? CustomerProfile(customer: row.id)
                profile.set(
                    .date(birthDate), for: field,
                    provenance: Provenance(source: .import, collectionPoint: options.source, at: now),
                    historyLimit: hub.configuration.profiling.historyLimit)
                plan.profile = profile
            }
        }
        if let action = row.newsletter {
            let ledger = try await hub.stores.consent.records(for: row.id)
            let recorded = ledger.contains { $0.actor == .import && $0.source == options.source && $0.purpose == purpose }
            if !recorded {
                let entry = ConsentEntry(
                    id: hub.consent.ids(), at: now, action: action, purpose: purpose, purposeVersion: purposeVersion,
                    channel: .email, source: options.source, actor: .import, evidence: ConsentEvidence(formID: options.source))
                plan.consent = ConsentRecord(sealing: entry, customer: row.id, after: ledger.last)
            }
        }
        return plan
    }

    /// Runs one batch call of a store; a whole-batch failure stops the import.
    private func storeCall<Value>(line: Int, _ call: @Sendable () async throws -> Value) async throws -> Value {
        do {
            return try await call()
        } catch {
            throw stopped(line: line, error)
        }
    }

    /// Marks a row refused by a store, or stops the import when the store itself failed.
    private func refuse(_ plan: inout Plan, _ error: any Error) throws {
        if error is CoreError { throw stopped(line: plan.row.line, error) }
        plan.refused = ImportError(
            .rowRefused, "A store refused the row's records; run the import again to complete it.",
            context: ErrorContext(position: plan.row.line, file: file, item: plan.row.id.rawValue), underlying: error)
    }

    private func stopped(line: Int, _ error: any Error) -> ImportError {
        ImportError(
            .storeFailed, "A store failed while writing the batch starting at this line; the rows before it are imported. Run the import again to finish.",
            context: ErrorContext(position: line, file: file), underlying: error)
    }

    private func conflicting(_ row: ImportedCustomerRow) -> ImportError {
        ImportError(
            .conflictingCustomer, "The customer id is already used by a customer with another e-mail address.",
            context: ErrorContext(field: "id", position: row.line, file: file, item: row.id.rawValue))
    }

    private func withFile(_ error: ImportError) -> ImportError {
        var error = error
        error.context.file = file
        return error
    }
}

extension CustomerHub {
    func importCustomers(
        file: String?, totalBytes: Int?, nextChunk: () throws -> Data?, options: CustomerImportOptions,
        progress: (@Sendable (CustomerImportProgress) -> Void)?
    ) async throws -> CustomerImportSummary {
        try await CustomerImporter(hub: self, options: options, file: file).run(
            totalBytes: totalBytes, nextChunk: nextChunk, progress: progress)
    }
}
