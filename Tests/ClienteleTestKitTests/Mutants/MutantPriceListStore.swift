import ClientelePricing
import ClienteleTestKit
import Foundation

/// One property a lazy `PriceListStore` adapter gets wrong; ``MutantPriceListStore``
/// breaks exactly that one and forwards everything else to the reference store.
enum PricingMutation: String, CaseIterable, Sendable {
    // Stored fields lost or altered on the way through the database.
    case dropsValidity
    case dropsAudience
    case dropsPriority
    case clampsPriorityTo32Bits
    case dropsName
    case sortsEntriesByID
    case clampsMinimumQuantityTo32Bits
    case dropsEntryMinimumQuantity
    case truncatesValidityToSeconds
    // Writes.
    case updateIgnoresRevision
    case deleteIgnoresRevision
    case deleteLeavesListReadable
    case duplicateIDReplacesList
    case createRace
    // Pages and the snapshot.
    case pagesSkipAtBoundary
    case pagesCursorInclusive
    case emptyPageForLimitBelowOne
    case listsInCaseInsensitiveOrder
    case snapshotNotInIDOrder
    case snapshotVersionConstant
    case snapshotVersionCountsRefusedWrites

}

/// What a mutant keeps beside the reference store to fake its one broken property.
private struct PricingSide: Sendable {
    /// Deleted lists still answered by id (``PricingMutation/deleteLeavesListReadable``).
    var tombstones: [PriceListID: StoredPriceList] = [:]
    /// Writes refused but counted (``PricingMutation/snapshotVersionCountsRefusedWrites``).
    var refusedWrites: UInt64 = 0
    /// Lists whose create race has been lost once (``PricingMutation/createRace``).
    var racedIDs: Set<PriceListID> = []
}

/// A `PriceListStore` that forwards every requirement to a fresh in-memory
/// `ReferencePriceListStore`, except the one property its ``PricingMutation`` breaks
/// (`nil`: none, which must conform).
final class MutantPriceListStore: PriceListStore {
    let mutation: PricingMutation?
    private let base = ReferencePriceListStore.inMemory()
    private let side = Locked(PricingSide())

    init(_ mutation: PricingMutation?) {
        self.mutation = mutation
    }

    // MARK: Writes

    func create(_ list: PriceList) async throws -> StoredPriceList {
        switch mutation {
        case .duplicateIDReplacesList:
            if let existing = try await base.list(list.id) {
                return degraded(try await base.update(list, expectedRevision: existing.revision))
            }
        case .createRace:
            // Check, then insert without a primary key; a lost race goes unnoticed. Played
            // deterministically: the first create of an existing id (a writer that checked before
            // the winner's insert went in) "succeeds".
            if try await base.list(list.id) != nil {
                guard side.withLock({ $0.racedIDs.insert(list.id).inserted }) else {
                    throw PricingError(.duplicateList, "The list exists.")
                }
                return StoredPriceList(list: list, revision: 1)
            }
            do {
                return degraded(try await base.create(list))
            } catch let error as PricingError where error.code == .duplicateList {
                return StoredPriceList(list: list, revision: 1)
            }
        default:
            break
        }
        return degraded(try await counted { try await base.create(list) })
    }

    func update(_ list: PriceList, expectedRevision: Int) async throws -> StoredPriceList {
        if mutation == .updateIgnoresRevision, let current = try await base.list(list.id) {
            return degraded(try await base.update(list, expectedRevision: current.revision))
        }
        return degraded(try await counted { try await base.update(list, expectedRevision: expectedRevision) })
    }

    func delete(_ id: PriceListID, expectedRevision: Int) async throws {
        let current = try await base.list(id)
        if mutation == .deleteIgnoresRevision, let current {
            try await base.delete(id, expectedRevision: current.revision)
            return
        }
        try await counted { try await base.delete(id, expectedRevision: expectedRevision) }
        if mutation == .deleteLeavesListReadable, let current {
            side.withLock { $0.tombstones[id] = current }  // a soft delete that reads ignore
        }
    }

    // MARK: Reads

    func list(_ id: PriceListID) async throws -> StoredPriceList? {
        if let found = try await base.list(id) { return degraded(found) }
        return side.withLock { $0.tombstones[id] }
    }

    func lists(after: PriceListID?, limit: Int) async throws -> [StoredPriceList] {
        switch mutation {
        case .emptyPageForLimitBelowOne where limit < 1:
            return []
        case .pagesSkipAtBoundary where after != nil && limit >= 1:
            return Array(try await base.lists(after: after, limit: Int.max).dropFirst().prefix(limit))
        case .pagesCursorInclusive where limit >= 1:
            guard let after, let current = try await base.list(after) else { break }
            return Array(([current] + (try await base.lists(after: after, limit: limit))).prefix(limit))
        case .listsInCaseInsensitiveOrder where limit >= 1:
            // ORDER BY id under a case-insensitive collation.
            let all = try await base.lists(after: nil, limit: Int.max).sorted { Self.folded($0.id) < Self.folded($1.id) }
            let start = after.map { cursor in all.firstIndex { Self.folded($0.id) > Self.folded(cursor) } ?? all.count } ?? 0
            return Array(all[start...].prefix(limit))
        default:
            break
        }
        return try await base.lists(after: after, limit: limit).map(degraded)
    }

    func snapshot() async throws -> PriceListSnapshot {
        var snapshot = try await base.snapshot()
        snapshot.lists = snapshot.lists.map(degraded)
        switch mutation {
        case .snapshotNotInIDOrder: snapshot.lists.reverse()
        case .snapshotVersionConstant: snapshot.version = 1
        case .snapshotVersionCountsRefusedWrites: snapshot.version += side.withLock { $0.refusedWrites }
        default: break
        }
        return snapshot
    }

    // MARK: Helpers

    /// Runs a write; for ``PricingMutation/snapshotVersionCountsRefusedWrites`` a refused one
    /// still bumps the version (a sequence taken before the write is checked).
    private func counted<Result>(_ write: () async throws -> Result) async throws -> Result {
        do {
            return try await write()
        } catch {
            if mutation == .snapshotVersionCountsRefusedWrites { side.withLock { $0.refusedWrites += 1 } }
            throw error
        }
    }

    /// `stored` as a lazy adapter reads it back: with the mutation's field lost.
    private func degraded(_ stored: StoredPriceList) -> StoredPriceList {
        var stored = stored
        switch mutation {
        case .dropsValidity:
            stored.list.validFrom = nil
            stored.list.validTo = nil
        case .dropsAudience: stored.list.audience = .everyone
        case .dropsPriority: stored.list.priority = 0
        case .clampsPriorityTo32Bits: stored.list.priority = Int(Int32(clamping: stored.list.priority))
        case .dropsName: stored.list.name = ""
        case .sortsEntriesByID: stored.list.entries.sort { $0.id.rawValue < $1.id.rawValue }
        case .clampsMinimumQuantityTo32Bits:
            for index in stored.list.entries.indices {
                stored.list.entries[index].minimumQuantity = Int(Int32(clamping: stored.list.entries[index].minimumQuantity))
            }
        case .dropsEntryMinimumQuantity:
            for index in stored.list.entries.indices { stored.list.entries[index].minimumQuantity = 1 }
        case .truncatesValidityToSeconds:
            stored.list.validFrom = stored.list.validFrom.map(Self.wholeSeconds)
            stored.list.validTo = stored.list.validTo.map(Self.wholeSeconds)
        default: break
        }
        return stored
    }

    private static func folded(_ id: PriceListID) -> String {
        id.rawValue.lowercased()
    }

    static func wholeSeconds(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
    }
}
