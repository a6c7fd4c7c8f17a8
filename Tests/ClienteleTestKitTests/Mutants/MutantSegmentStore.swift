import ClienteleSegmentation
import ClienteleTestKit
import Foundation

/// One property a lazy `SegmentStore` adapter gets wrong; ``MutantSegmentStore`` breaks
/// exactly that one and forwards everything else to the reference store.
enum SegmentMutation: String, CaseIterable, Sendable {
    // Definitions.
    case saveIgnoresExpectedRevision
    case saveRace
    case saveReturnsTheUnrevisedDefinition
    case saveDropsMembers
    case updatedAtInWholeSeconds
    case queryTruncatedTo4000Bytes
    case definitionsInCollationOrder
    case removeKeepsMembers
    case removeIgnoresExpectedRevision
    case removeOfUnknownSucceeds
    // Membership changes.
    case recordIgnoresDefinitionRevision
    case recordAcceptsEnteringAMember
    case recordAcceptsExitingANonMember
    case recordAppliesHalfThenFails
    case recordRace
    case recordOfUnknownSegmentIsAConflict
    case segmentsOfInCollationOrder
    // Member listings.
    case membersIgnoreAfter
    case membersCursorInclusive
    case membersInCaseInsensitiveOrder
    case membersSkipOneAtPageBoundary
    case membersOfUnknownSegmentAreEmpty
    case emptyMemberPageForLimitBelowOne
    case limitAboveInt32Refused
    // Fired trigger keys.
    case recordFiredAcceptsAFiredKey
    case recordFiredRecordsPartOfARefusedCall
    case recordFiredRace
    case triggerKeyLengthInCharacters
    case emptyTriggerKeyAccepted
    case longestTriggerKeyRefused
    case emptyFiredSetFails
    case firedKeysUniqueAcrossCustomers
    // Erasure.
    case eraseKeepsFiredKeys
    case eraseMissesOneSegment
    case eraseKeepsMembershipIndex
    case eraseTakesOtherCustomersKeys
    case eraseOfUnknownCustomerFails
    // Reopening (the suite's `reopen` gives a new wrapper over the same data).
    case reopenLosesFiredKeys
    case reopenLosesMembershipIndex
    case reopenResetsRevisions
}

/// What a mutant keeps beside the reference store to fake its one broken property.
private struct SegmentSide: Sendable {
    /// Revisions whose save race has been lost once (``SegmentMutation/saveRace``).
    var racedRevisions: Set<String> = []
    /// Member rows a removal left behind (``SegmentMutation/removeKeepsMembers``).
    var orphanMembers: [String: Set<CustomerID>] = [:]
    /// The last change applied, and whether its race was lost once (``SegmentMutation/recordRace``).
    var lastDelta: SegmentMembershipDelta?
    var racedDeltas = 0
    /// Keys a lax validation let in (empty, too long in bytes).
    var invalidFired: [CustomerID: Set<String>] = [:]
    /// Fired keys an erasure left behind (``SegmentMutation/eraseKeepsFiredKeys``).
    var keptFired: [CustomerID: Set<String>] = [:]
    /// Keys an erasure of another customer deleted (``SegmentMutation/eraseTakesOtherCustomersKeys``).
    var hiddenFired: [CustomerID: Set<String>] = [:]
    /// Every customer's claimed keys, as the mutant saw them succeed.
    var claimed: [CustomerID: Set<String>] = [:]
    /// The last successful claim, and the claims whose race was lost once (``SegmentMutation/recordFiredRace``).
    var lastClaim: (customer: CustomerID, keys: Set<String>)?
    var racedClaims = 0
    /// Memberships a stale reverse index still lists (``SegmentMutation/eraseKeepsMembershipIndex``).
    var staleMemberships: [CustomerID: Set<String>] = [:]
}

/// A `SegmentStore` that forwards every requirement to a fresh in-memory
/// `ReferenceSegmentStore`, except the one property its ``SegmentMutation`` breaks (`nil`:
/// none, which must conform).
final class MutantSegmentStore: SegmentStore {
    let mutation: SegmentMutation?
    private let base: ReferenceSegmentStore
    private let side: Locked<SegmentSide>
    /// Whether this wrapper is a reopened one: the reopen mutations break only those.
    private let isReopened: Bool

    convenience init(_ mutation: SegmentMutation?) {
        self.init(mutation, base: .inMemory(), side: Locked(SegmentSide()), isReopened: false)
    }

    private init(_ mutation: SegmentMutation?, base: ReferenceSegmentStore, side: Locked<SegmentSide>, isReopened: Bool) {
        self.mutation = mutation
        self.base = base
        self.side = side
        self.isReopened = isReopened
    }

    /// The same data behind a new wrapper, as a reopened store.
    func reopened() -> MutantSegmentStore {
        MutantSegmentStore(mutation, base: base, side: side, isReopened: true)
    }

    /// Whether the mutation is `lost` and this wrapper is a reopened one.
    private func lostOnReopen(_ lost: SegmentMutation) -> Bool {
        isReopened && mutation == lost
    }

    // MARK: Definitions

    func definitions() async throws -> [SegmentDefinition] {
        let all = try await base.definitions().map(degraded)
        guard mutation == .definitionsInCollationOrder else { return all }
        return all.sorted { Self.collated($0.name, $1.name) }
    }

    func definition(named name: String) async throws -> SegmentDefinition? {
        try await base.definition(named: name).map(degraded)
    }

    func save(_ definition: SegmentDefinition, expectedRevision: Int) async throws -> SegmentDefinition {
        let stored = try await base.definition(named: definition.name)?.revision ?? 0
        switch mutation {
        case .saveIgnoresExpectedRevision:
            // UPDATE ... WHERE name = $1, without the revision: the last writer wins.
            return try await base.save(definition, expectedRevision: stored)
        case .saveRace:
            // Read the revision, then write unconditionally; a lost race goes unnoticed. Played
            // deterministically: the first save from the revision just replaced "succeeds".
            if expectedRevision == stored - 1,
                side.withLock({ $0.racedRevisions.insert("\(definition.name)#\(expectedRevision)").inserted })
            {
                var lost = definition
                lost.revision = expectedRevision + 1
                return lost
            }
        case .saveReturnsTheUnrevisedDefinition:
            _ = try await base.save(definition, expectedRevision: expectedRevision)
            return definition
        case .saveDropsMembers where stored > 0:
            // An upsert that cascades to the member rows.
            let members = try await base.members(of: definition.name, after: nil, limit: Int.max)
            let saved = try await base.save(definition, expectedRevision: expectedRevision)
            try await base.record(SegmentMembershipDelta(segment: saved.name, definitionRevision: saved.revision, entered: [], exited: members))
            return saved
        default:
            break
        }
        return try await base.save(definition, expectedRevision: expectedRevision)
    }

    func removeDefinition(named name: String, expectedRevision: Int) async throws {
        let stored = try await base.definition(named: name)
        switch mutation {
        case .removeIgnoresExpectedRevision:
            if let stored { return try await base.removeDefinition(named: name, expectedRevision: stored.revision) }
        case .removeOfUnknownSucceeds where stored == nil:
            return
        case .removeKeepsMembers:
            // DELETE FROM segment_definitions only: the member rows stay.
            let members = stored == nil ? [] : try await base.members(of: name, after: nil, limit: Int.max)
            try await base.removeDefinition(named: name, expectedRevision: expectedRevision)
            side.withLock { $0.orphanMembers[name, default: []].formUnion(members) }
            return
        default:
            break
        }
        try await base.removeDefinition(named: name, expectedRevision: expectedRevision)
    }

    // MARK: Membership changes

    func record(_ delta: SegmentMembershipDelta) async throws {
        let stored = try await base.definition(named: delta.segment)
        var delta = delta
        switch mutation {
        case .recordIgnoresDefinitionRevision:
            if let stored { delta.definitionRevision = stored.revision }
        case .recordAcceptsEnteringAMember where stored != nil:
            // INSERT ... ON CONFLICT DO NOTHING.
            let members = Set(try await base.members(of: delta.segment, after: nil, limit: Int.max))
            delta = SegmentMembershipDelta(
                segment: delta.segment, definitionRevision: delta.definitionRevision, entered: delta.entered.filter { !members.contains($0) },
                exited: delta.exited)
        case .recordAcceptsExitingANonMember where stored != nil:
            // A DELETE that removes no row is not checked.
            let members = Set(try await base.members(of: delta.segment, after: nil, limit: Int.max))
            delta = SegmentMembershipDelta(
                segment: delta.segment, definitionRevision: delta.definitionRevision, entered: delta.entered,
                exited: delta.exited.filter { members.contains($0) })
        case .recordAppliesHalfThenFails:
            // One statement per customer, no transaction: the rows before the stale one stay.
            for customer in delta.exited {
                try await base.record(SegmentMembershipDelta(segment: delta.segment, definitionRevision: delta.definitionRevision, entered: [], exited: [customer]))
            }
            for customer in delta.entered {
                try await base.record(SegmentMembershipDelta(segment: delta.segment, definitionRevision: delta.definitionRevision, entered: [customer], exited: []))
            }
            return
        case .recordRace:
            // Check, then write without a lock: a second identical change that checked before
            // the first one wrote "succeeds" (played once, deterministically).
            if side.withLock({ side in
                guard side.lastDelta == delta, side.racedDeltas < 1 else { return false }
                side.racedDeltas += 1
                return true
            }) {
                return
            }
        case .recordOfUnknownSegmentIsAConflict where stored == nil:
            throw SegmentationError(.conflict, "The change no longer matches.")
        default:
            break
        }
        try await base.record(delta)
        side.withLock { $0.lastDelta = delta }
    }

    func members(of segment: String, after: CustomerID?, limit: Int) async throws -> [CustomerID] {
        switch mutation {
        case .emptyMemberPageForLimitBelowOne where limit < 1:
            return []
        case .limitAboveInt32Refused where limit > Int(Int32.max):
            // The limit bound as a 32-bit parameter.
            throw SegmentationError(.invalidPageSize, "A page size must fit 32 bits.", context: ErrorContext(field: "limit"))
        case .membersOfUnknownSegmentAreEmpty where limit >= 1:
            if try await base.definition(named: segment) == nil { return [] }
        case .membersIgnoreAfter where limit >= 1:
            return try await base.members(of: segment, after: nil, limit: limit)
        case .membersCursorInclusive where limit >= 1:
            let page = try await base.members(of: segment, after: after, limit: limit)
            guard let after, try await base.segments(of: after).contains(segment) else { return page }
            return Array(([after] + page).prefix(limit))
        case .membersInCaseInsensitiveOrder where limit >= 1:
            // ORDER BY customer under a case-insensitive collation.
            let all = try await base.members(of: segment, after: nil, limit: Int.max).sorted { Self.folded($0) < Self.folded($1) }
            let start = after.map { cursor in all.firstIndex { Self.folded($0) > Self.folded(cursor) } ?? all.count } ?? 0
            return Array(all[start...].prefix(limit))
        case .membersSkipOneAtPageBoundary where after != nil && limit >= 1:
            return Array(try await base.members(of: segment, after: after, limit: Int.max).dropFirst().prefix(limit))
        default:
            break
        }
        return try await base.members(of: segment, after: after, limit: limit)
    }

    func segments(of customer: CustomerID) async throws -> [String] {
        let stale = side.withLock { side in
            side.orphanMembers.filter { $0.value.contains(customer) }.map(\.key) + (side.staleMemberships[customer] ?? [])
        }
        // A membership index kept only in memory, never rebuilt when the store opens.
        if lostOnReopen(.reopenLosesMembershipIndex) { return [] }
        let names = Set(try await base.segments(of: customer)).union(stale)
        return mutation == .segmentsOfInCollationOrder ? names.sorted(by: Self.collated) : SegmentFixtures.byteOrdered(Array(names))
    }

    // MARK: Fired trigger keys

    func firedKeys(of customer: CustomerID) async throws -> Set<String> {
        // Fired keys written to a cache, not to the database.
        if lostOnReopen(.reopenLosesFiredKeys) { return [] }
        let stored = try await base.firedKeys(of: customer)
        return side.withLock { side in
            stored.union(side.invalidFired[customer] ?? []).union(side.keptFired[customer] ?? []).subtracting(side.hiddenFired[customer] ?? [])
        }
    }

    func recordFired(_ keys: Set<String>, of customer: CustomerID) async throws {
        let fired = try await base.firedKeys(of: customer)
        var keys = keys
        var lax: Set<String> = []
        switch mutation {
        case .recordFiredAcceptsAFiredKey:
            // INSERT ... ON CONFLICT DO NOTHING.
            keys.subtract(fired)
        case .recordFiredRecordsPartOfARefusedCall:
            // One INSERT per key, no transaction.
            for key in keys.sorted() { try await claim([key], of: customer) }
            return
        case .recordFiredRace:
            // Check, then insert without a lock: a claim that overlaps the one just made
            // "succeeds" once (played deterministically).
            if side.withLock({ side in
                guard let last = side.lastClaim, last.customer == customer, !last.keys.isDisjoint(with: keys), side.racedClaims < 1 else {
                    return false
                }
                side.racedClaims += 1
                return true
            }) {
                keys.subtract(try await base.firedKeys(of: customer))
            }
        case .triggerKeyLengthInCharacters:
            // varchar(200) counting characters.
            lax = keys.filter { $0.utf8.count > SegmentStoreLimits.maximumTriggerKeyLength && $0.count <= SegmentStoreLimits.maximumTriggerKeyLength }
        case .emptyTriggerKeyAccepted:
            lax = keys.filter(\.isEmpty)
        case .longestTriggerKeyRefused where keys.contains { $0.utf8.count == SegmentStoreLimits.maximumTriggerKeyLength }:
            throw SegmentationError(.invalidTriggerKey, "A trigger key must be shorter than 200 bytes.")
        case .emptyFiredSetFails where keys.isEmpty:
            throw SegmentationError(.invalidTriggerKey, "No trigger keys given.")
        case .firedKeysUniqueAcrossCustomers:
            // A primary key on the key alone.
            let taken = side.withLock { side in side.claimed.contains { $0.key != customer && !$0.value.isDisjoint(with: keys) } }
            if taken { throw SegmentationError(.conflict, "A trigger key is already fired.") }
        default:
            break
        }
        keys.subtract(lax)
        try await claim(keys, of: customer)
        if !lax.isEmpty { side.withLock { $0.invalidFired[customer, default: []].formUnion(lax) } }
    }

    /// Records `keys` in the reference store and remembers the claim.
    private func claim(_ keys: Set<String>, of customer: CustomerID) async throws {
        try await base.recordFired(keys, of: customer)
        side.withLock { side in
            side.claimed[customer, default: []].formUnion(keys)
            side.lastClaim = (customer, keys)
        }
    }

    // MARK: Erasure

    func erase(customer: CustomerID) async throws {
        let segments = try await base.segments(of: customer)
        let fired = try await base.firedKeys(of: customer)
        if mutation == .eraseOfUnknownCustomerFails, segments.isEmpty, fired.isEmpty {
            throw SegmentationError(.conflict, "No customer to erase.")
        }
        try await base.erase(customer: customer)
        side.withLock { $0.claimed[customer] = nil }
        switch mutation {
        case .eraseKeepsFiredKeys:
            side.withLock { $0.keptFired[customer, default: []].formUnion(fired) }
        case .eraseMissesOneSegment:
            // A loop over the customer's segments that stops one short.
            if let last = segments.last, let definition = try await base.definition(named: last) {
                try await base.record(SegmentMembershipDelta(segment: last, definitionRevision: definition.revision, entered: [customer], exited: []))
            }
        case .eraseKeepsMembershipIndex:
            side.withLock { $0.staleMemberships[customer, default: []].formUnion(segments) }
        case .eraseTakesOtherCustomersKeys:
            // DELETE FROM fired_triggers WHERE key IN (...): every customer's rows of those keys.
            side.withLock { side in
                for (other, keys) in side.claimed where !keys.isDisjoint(with: fired) {
                    side.hiddenFired[other, default: []].formUnion(keys.intersection(fired))
                }
            }
        default:
            break
        }
    }

    // MARK: Lossy columns

    /// `definition` as a lazy adapter reads it back: with the mutation's field lost.
    private func degraded(_ definition: SegmentDefinition) -> SegmentDefinition {
        var definition = definition
        if lostOnReopen(.reopenResetsRevisions) { definition.revision = 1 }  // revisions counted in memory
        switch mutation {
        case .updatedAtInWholeSeconds:
            definition.updatedAt = Date(timeIntervalSince1970: definition.updatedAt.timeIntervalSince1970.rounded(.down))
        case .queryTruncatedTo4000Bytes:
            // varchar(4000) counting bytes.
            var cut = ""
            for character in definition.query where cut.utf8.count + character.utf8.count <= 4_000 { cut.append(character) }
            definition.query = cut
        default:
            break
        }
        return definition
    }

    /// A collation that ignores punctuation (`-`, `.`, `_`), ties broken backwards.
    private static func collated(_ left: String, _ right: String) -> Bool {
        let (a, b) = (left.filter { $0.isLetter || $0.isNumber }, right.filter { $0.isLetter || $0.isNumber })
        return a == b ? left > right : a < b
    }

    private static func folded(_ id: CustomerID) -> String {
        id.rawValue.lowercased()
    }
}
