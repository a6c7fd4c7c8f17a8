import ClienteleCore
import Foundation
import Testing

@Suite struct JournalRecoveryTests {
    typealias Store = StateStore<Ledger>

    /// A store with three records, its files as a crash right after the third commit
    /// leaves them (the manifest as it was before a clean close would have recorded the
    /// exact count); returns the journal's name and where each record starts and ends.
    private func threeRecords(in folder: ScratchFolder) async throws -> (journal: String, bounds: [Int]) {
        let store = try await Store.open(folder: folder.url)
        let journal = try folder.journalName()
        for change in [Ledger.Change.open(account: "a", balance: 1), .open(account: "b", balance: 2), .deposit(account: "a", amount: 3)] {
            try await store.commit(change)
        }
        let manifestBeforeClose = try folder.bytes(of: "MANIFEST")
        try await store.close()
        try folder.write(manifestBeforeClose, to: "MANIFEST")
        let records = try RecordDump.journalRecords(at: folder.file(journal).path)
        return (journal, records.map(\.offset) + [try #require(records.last).end])
    }

    @Test func aTornLastRecordIsCutOffAtEveryByteOffsetAndReported() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let (journal, bounds) = try await threeRecords(in: folder)
        let pristine = try folder.bytes(of: journal)
        let lastStart = bounds[2]
        for cut in (lastStart + 1)..<bounds[3] {
            let copy = try folder.copy("torn\(cut)")
            defer { copy.remove() }
            try copy.write(Array(pristine[..<cut]), to: journal)

            let store = try await Store.open(folder: copy.url)
            let report = store.recoveryReport
            #expect(report.truncations == [
                .init(file: journal, offset: Int64(lastStart), droppedBytes: Int64(cut - lastStart), droppedRecords: 0, reason: .tornTail)
            ], "cut at \(cut)")
            #expect(!report.lostAcknowledgedChanges)
            #expect(store.read { $0.balances } == ["a": 1, "b": 2], "cut at \(cut)")
            // The store keeps working after the cut, and the cut is durable.
            try await store.commit(.deposit(account: "b", amount: 5))
            try await store.close()
            let reopened = try await Store.open(folder: copy.url)
            #expect(reopened.recoveryReport.isClean, "cut at \(cut)")
            #expect(reopened.read { $0.balances } == ["a": 1, "b": 7], "cut at \(cut)")
            try await reopened.close()
        }
    }

    @Test func zerosAfterTheLastRecordAreTheCleanEndOfTheJournal() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let (journal, bounds) = try await threeRecords(in: folder)
        let bytes = try folder.bytes(of: journal)
        #expect(bytes.count > bounds[3], "the journal is grown ahead of its records")
        #expect(bytes[bounds[3]...].allSatisfy { $0 == 0 })
        let store = try await Store.open(folder: folder.url)
        #expect(store.recoveryReport.isClean)
        #expect(store.read { $0.history.count } == 3)
        try await store.commit(.deposit(account: "b", amount: 1))
        try await store.close()
        #expect(try RecordDump.journalRecords(at: folder.file(journal).path).count == 4)
    }

    @Test func garbageAfterTheLastRecordIsATornTail() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let (journal, bounds) = try await threeRecords(in: folder)
        var bytes = try folder.bytes(of: journal)
        bytes[bounds[3] + 100] = 0xAB
        try folder.write(bytes, to: journal)

        let store = try await Store.open(folder: folder.url)
        #expect(store.recoveryReport.truncations.map(\.offset) == [Int64(bounds[3])])
        #expect(store.recoveryReport.truncations.map(\.droppedBytes) == [Int64(bytes.count - bounds[3])])
        #expect(store.read { $0.history.count } == 3)
        try await store.close()
    }

    @Test func everyFlippedByteOfAMiddleRecordRefusesToOpenNamingFileAndOffset() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let (journal, bounds) = try await threeRecords(in: folder)
        let pristine = try folder.bytes(of: journal)
        for index in bounds[1]..<bounds[2] {
            var damaged = pristine
            damaged[index] ^= 0xFF
            try folder.write(damaged, to: journal)
            let error = await #expect(throws: CoreError.self, "flipped byte \(index)") {
                try await Store.open(folder: folder.url)
            }
            #expect(error?.code == .storeCorrupted, "flipped byte \(index)")
            #expect(error?.context.file == journal)
            #expect(error?.context.offset == Int64(bounds[1]), "flipped byte \(index)")
        }
        try folder.write(pristine, to: journal)
        let store = try await Store.open(folder: folder.url)
        #expect(store.recoveryReport.isClean)
        try await store.close()
    }

    @Test func salvagingKeepsTheChangesBeforeTheDamageAndReportsWhatWasDropped() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let (journal, bounds) = try await threeRecords(in: folder)
        var damaged = try folder.bytes(of: journal)
        let fileSize = damaged.count
        damaged[bounds[1] + 10] ^= 0x01
        try folder.write(damaged, to: journal)

        let store = try await Store.open(folder: folder.url, options: .init(corruption: .salvage))
        let report = store.recoveryReport
        #expect(report.truncations == [
            .init(
                file: journal, offset: Int64(bounds[1]), droppedBytes: Int64(fileSize - bounds[1]),
                droppedRecords: 1, reason: .salvagedCorruption)
        ])
        #expect(report.lostAcknowledgedChanges)
        #expect(store.read { $0.balances } == ["a": 1])
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.balances } == ["a": 1])
        try await reopened.close()
    }

    @Test func aDamagedSnapshotRefusesToOpenNamingTheFile() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.close()
        let snapshot = try #require(try folder.names().first { $0.hasPrefix("snapshot-") })
        var bytes = try folder.bytes(of: snapshot)
        bytes[bytes.count - 2] ^= 0x40
        try folder.write(bytes, to: snapshot)

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == snapshot)
    }

    @Test func aMissingJournalInTheChainIsReportedInsteadOfSkipped() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.close()
        // A journal that claims to start after change 5 although the store has 1 change.
        try folder.write(JournalTestBytes.emptyJournalHeader(base: 5), to: "journal-00000000000000000005.log")

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == "journal-00000000000000000005.log")
    }

    @Test func aFolderOfAnotherStateTypeIsRefusedAsUndecodable() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let log = try await StateStore<SequenceLog>.open(folder: folder.url)
        try await log.commit(7)
        try await log.close()

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.message.contains("does not decode") == true)
    }
}

extension JournalRecoveryTests {
    @Test func aLargeJournalReplaysInParallelInOrderAndStillCutsItsTornTail() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await StateStore<SequenceLog>.open(folder: folder.url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<50 {
                group.addTask {
                    for index in 0..<100 { try await store.commit(UInt64(writer * 100 + index)) }
                }
            }
            try await group.waitForAll()
        }
        let committed = store.read { $0.values }
        try await store.close()
        let journal = try folder.journalName()
        try folder.write(try folder.bytes(of: journal) + [7, 0, 0], to: journal)

        let reopened = try await StateStore<SequenceLog>.open(folder: folder.url)
        #expect(reopened.read { $0.values } == committed)
        #expect(reopened.recoveryReport.replayedRecords == 5000)
        #expect(reopened.recoveryReport.truncations.map(\.reason) == [.tornTail])
        try await reopened.close()
    }
}
