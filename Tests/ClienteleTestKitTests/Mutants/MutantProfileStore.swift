import ClienteleProfiling
import ClienteleTestKit
import Foundation

/// One property a lazy `ProfileStore` adapter gets wrong; ``MutantProfileStore`` breaks
/// exactly that one and forwards everything else to the reference store.
enum ProfileMutation: String, CaseIterable, Sendable {
    // Stored fields lost or altered on the way through the database.
    case truncatesTextToItsLengthInBytes
    case roundsNumbersToFloat
    case dropsFalseBooleans
    case storesDatesAsInstants
    case sortsMultipleChoices
    case dropsAddressOptionalLines
    case dropsProvenanceSource
    case dropsCollectionPoint
    case dropsVerifiedFlag
    case truncatesInstantsToSeconds
    // History, declines, prompts.
    case historySortedByInstantAndField
    case historyKeepsOnlyTheNewest5
    case historyNilOldValueReadAsEmptyText
    case dropsDeclines
    case dropsPrompts
    case deduplicatesPrompts
    // Revisions.
    case saveIgnoresRevision
    case saveRace
    case saveReturnsTheUnrevisedProfile
    // Listing customers.
    case customersSkipOneAtPageBoundary
    case customersCursorInclusive
    case customersInCaseInsensitiveOrder
    case emptyCustomerPageForLimitBelowOne
    // Erasure.
    case eraseKeepsHistory
    case eraseKeepsListing
    case eraseKeepsRevision
    case eraseOfUnknownCustomerFails
}

/// What a mutant keeps beside the reference store to fake its one broken property.
private struct ProfileSide: Sendable {
    /// Revisions whose save race has been lost once (``ProfileMutation/saveRace``).
    var racedRevisions: Set<String> = []
    /// History rows an erasure left behind (``ProfileMutation/eraseKeepsHistory``).
    var historyAfterErasure: [CustomerID: [ProfileChange]] = [:]
    /// Erased customers a stale listing table still names (``ProfileMutation/eraseKeepsListing``).
    var listedAfterErasure: Set<CustomerID> = []
    /// The revision rows an erasure left behind (``ProfileMutation/eraseKeepsRevision``).
    var revisionsAfterErasure: [CustomerID: Int] = [:]
}

/// A `ProfileStore` that forwards every requirement to a fresh in-memory
/// `ReferenceProfileStore`, except the one property its ``ProfileMutation`` breaks
/// (`nil`: none, which must conform).
final class MutantProfileStore: ProfileStore {
    let mutation: ProfileMutation?
    private let base = ReferenceProfileStore.inMemory()
    private let side = Locked(ProfileSide())

    init(_ mutation: ProfileMutation?) {
        self.mutation = mutation
    }

    // MARK: Profiles

    func profile(of customer: CustomerID) async throws -> CustomerProfile? {
        try await base.profile(of: customer).map(degraded)
    }

    func save(_ profile: CustomerProfile, expectedRevision: Int) async throws -> CustomerProfile {
        if let kept = side.withLock({ $0.revisionsAfterErasure[profile.customer] }), expectedRevision == 0,
            try await base.profile(of: profile.customer) == nil
        {
            throw ProfilingError(.conflict, "The revision row says revision \(kept) is stored.")
        }
        switch mutation {
        case .saveIgnoresRevision:
            // UPDATE ... WHERE customer = $1, without the revision: the last writer wins.
            let stored = try await base.profile(of: profile.customer)?.revision ?? 0
            return try await base.save(profile, expectedRevision: stored)
        case .saveRace:
            // Read the revision, then write without a conditional update; a lost race goes
            // unnoticed. Played deterministically: the first save from the revision just
            // replaced (a writer that read before the winner's write went in) "succeeds".
            let stored = try await base.profile(of: profile.customer)?.revision ?? 0
            if expectedRevision == stored - 1,
                side.withLock({ $0.racedRevisions.insert("\(profile.customer.rawValue)#\(expectedRevision)").inserted })
            {
                var lost = profile
                lost.revision = expectedRevision + 1
                return lost
            }
        case .saveReturnsTheUnrevisedProfile:
            _ = try await base.save(profile, expectedRevision: expectedRevision)
            return profile
        case .eraseKeepsHistory:
            // The history table is joined on read: rows of an erased profile come back.
            if let kept = side.withLock({ $0.historyAfterErasure[profile.customer] }) {
                let saved = try await base.save(profile, expectedRevision: expectedRevision)
                return Self.rebuilt(saved, history: kept + saved.history)
            }
        default:
            break
        }
        return try await base.save(profile, expectedRevision: expectedRevision)
    }

    // MARK: Listing

    func customers(after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        switch mutation {
        case .emptyCustomerPageForLimitBelowOne where limit < 1:
            return []
        case .customersSkipOneAtPageBoundary where after != nil && limit >= 1:
            return Array(try await base.customers(after: after, limit: Int.max).dropFirst().prefix(limit))
        case .customersCursorInclusive where limit >= 1:
            guard let after, try await base.profile(of: after) != nil else { break }
            return Array(([after] + (try await base.customers(after: after, limit: limit))).prefix(limit))
        case .customersInCaseInsensitiveOrder where limit >= 1:
            // ORDER BY customer under a case-insensitive collation.
            let all = try await base.customers(after: nil, limit: Int.max).sorted { Self.folded($0) < Self.folded($1) }
            let start = after.map { cursor in all.firstIndex { Self.folded($0) > Self.folded(cursor) } ?? all.count } ?? 0
            return Array(all[start...].prefix(limit))
        case .eraseKeepsListing where limit >= 1:
            let stale = side.withLock { $0.listedAfterErasure }.filter { id in after.map { id > $0 } ?? true }
            let page = try await base.customers(after: after, limit: limit)
            return Array(Set(page).union(stale).sorted().prefix(limit))
        default:
            break
        }
        return try await base.customers(after: after, limit: limit)
    }

    // MARK: Erasure

    func erase(customer: CustomerID) async throws {
        let stored = try await base.profile(of: customer)
        if mutation == .eraseOfUnknownCustomerFails, stored == nil {
            throw ProfilingError(.customerNotFound, "No profile to erase.")
        }
        try await base.erase(customer: customer)
        guard let stored else { return }
        switch mutation {
        case .eraseKeepsHistory: side.withLock { $0.historyAfterErasure[customer] = stored.history }
        case .eraseKeepsListing: side.withLock { _ = $0.listedAfterErasure.insert(customer) }
        case .eraseKeepsRevision: side.withLock { $0.revisionsAfterErasure[customer] = stored.revision }
        default: break
        }
    }

    // MARK: Lossy columns

    /// `profile` as a lazy adapter reads it back: with the mutation's field lost.
    private func degraded(_ profile: CustomerProfile) -> CustomerProfile {
        var entries = profile.entries
        var history = profile.history
        var declines = profile.declines
        var prompts = profile.prompts
        if let kept = side.withLock({ $0.historyAfterErasure[profile.customer] }) { history = kept + history }
        for index in entries.indices {
            entries[index].value = degraded(entries[index].value)
            entries[index].provenance = degraded(entries[index].provenance)
        }
        for index in history.indices {
            history[index].oldValue = history[index].oldValue.map(degraded)
            history[index].newValue = history[index].newValue.map(degraded)
            history[index].provenance = degraded(history[index].provenance)
        }
        switch mutation {
        case .dropsFalseBooleans:
            // A nullable column where `false` was written as NULL, and NULL means "no value".
            entries.removeAll { $0.value == .boolean(false) }
        case .truncatesInstantsToSeconds:
            for index in declines.indices { declines[index].at = Self.wholeSeconds(declines[index].at) }
            prompts = prompts.map(Self.wholeSeconds)
        case .historySortedByInstantAndField:
            history.sort { ($0.provenance.at, $0.field.rawValue) < ($1.provenance.at, $1.field.rawValue) }
        case .historyKeepsOnlyTheNewest5:
            history = Array(history.suffix(5))
        case .historyNilOldValueReadAsEmptyText:
            for index in history.indices where history[index].oldValue == nil { history[index].oldValue = .text("") }
        case .dropsDeclines:
            declines = []
        case .dropsPrompts:
            prompts = []
        case .deduplicatesPrompts:
            prompts = Array(Set(prompts))
        default:
            break
        }
        return CustomerProfile(
            customer: profile.customer, entries: entries, history: history, declines: declines, prompts: prompts, revision: profile.revision)
    }

    private func degraded(_ value: ProfileValue) -> ProfileValue {
        switch (mutation, value) {
        case (.truncatesTextToItsLengthInBytes, .text(let text)):
            // varchar(200) in a database that counts bytes.
            var cut = ""
            for character in text where cut.utf8.count + character.utf8.count <= FieldRules.defaultMaximumLength { cut.append(character) }
            return .text(cut)
        case (.roundsNumbersToFloat, .number(let number)):
            return .number(Double(Float(number)))
        case (.storesDatesAsInstants, .date(let date)):
            // A timestamp column at local midnight in UTC+1, read back in UTC: the day before.
            let midnight = Date(timeIntervalSince1970: Double(Self.daysSinceEpoch(date)) * 86_400 - 3_600)
            return .date(CalendarDate(utcDayOf: midnight))
        case (.sortsMultipleChoices, .choices(let choices)):
            return .choices(choices.sorted())
        case (.dropsAddressOptionalLines, .address(var address)):
            address.line2 = nil
            address.region = nil
            return .address(address)
        default:
            return value
        }
    }

    private func degraded(_ provenance: Provenance) -> Provenance {
        var provenance = provenance
        switch mutation {
        case .dropsProvenanceSource: provenance.source = .customer
        case .dropsCollectionPoint: provenance.collectionPoint = ""
        case .dropsVerifiedFlag: provenance.verified = false
        case .truncatesInstantsToSeconds: provenance.at = Self.wholeSeconds(provenance.at)
        default: break
        }
        return provenance
    }

    private static func rebuilt(_ profile: CustomerProfile, history: [ProfileChange]) -> CustomerProfile {
        CustomerProfile(
            customer: profile.customer, entries: profile.entries, history: history, declines: profile.declines, prompts: profile.prompts,
            revision: profile.revision)
    }

    private static func daysSinceEpoch(_ date: CalendarDate) -> Int {
        // Days from 1970-01-01 (the inverse of CalendarDate(utcDayOf:)), by Howard Hinnant's algorithm.
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func folded(_ id: CustomerID) -> String {
        id.rawValue.lowercased()
    }

    static func wholeSeconds(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
    }
}
