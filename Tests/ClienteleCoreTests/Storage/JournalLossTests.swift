@testable import ClienteleCore
import Foundation
import Testing

/// Loss that no single file shows (issue 12, defect 2): the folder's manifest catches a
/// deleted newest journal, one cut back to its header, and a missing manifest.
@Suite struct JournalLossTests {
    typealias Store = StateStore<Ledger>

    /// A snapshot of two changes, then a journal holding three more.
    private func snapshotThenJournal(in folder: ScratchFolder, closeCleanly: Bool = true) async throws -> String {
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.commit(.open(account: "b", balance: 2))
        try await store.compact()
        for amount in 1...3 { try await store.commit(.deposit(account: "a", amount: amount)) }
        let manifestBeforeClose = try folder.bytes(of: StoreManifest.fileName)
        try await store.close()
        if !closeCleanly { try folder.write(manifestBeforeClose, to: StoreManifest.fileName) }
        return try folder.journalName()
    }

    @Test(arguments: [true, false])
    func aDeletedNewestJournalIsRefusedNamingIt(closeCleanly: Bool) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder, closeCleanly: closeCleanly)
        try FileManager.default.removeItem(at: folder.file(journal))

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == journal)
        #expect(error?.message.contains("missing") == true)
    }

    @Test func salvagingADeletedJournalOpensAndReportsTheLoss() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder)
        try FileManager.default.removeItem(at: folder.file(journal))

        let store = try await Store.open(folder: folder.url, options: .init(corruption: .salvage))
        let report = store.recoveryReport
        #expect(report.lostAcknowledgedChanges)
        #expect(report.truncations == [.init(file: journal, offset: 0, droppedBytes: 0, droppedRecords: 3, reason: .missingChanges)])
        #expect(store.read { $0.balances } == ["a": 1, "b": 2])
        try await store.commit(.deposit(account: "b", amount: 1))
        try await store.close()
        // Salvaged once, the store is whole again.
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.balances } == ["a": 1, "b": 3])
        try await reopened.close()
    }

    @Test(arguments: [true, false])
    func aJournalCutBackToItsHeaderIsRefusedNamingIt(closeCleanly: Bool) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder, closeCleanly: closeCleanly)
        try folder.write(Array(try folder.bytes(of: journal).prefix(JournalFormat.headerSize)), to: journal)

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == journal)
        #expect(error?.message.contains("ends early") == true)
    }

    @Test func afterACleanCloseEveryRecordBoundaryCutIsRefused() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder)
        let pristine = try folder.bytes(of: journal)
        let records = try RecordDump.journalRecords(at: folder.file(journal).path)
        #expect(records.count == 3)
        for record in records {
            try folder.write(Array(pristine[..<record.offset]), to: journal)
            let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
            #expect(error?.code == .storeCorrupted, "cut at \(record.offset)")
            #expect(error?.context.file == journal)
        }
        try folder.write(pristine, to: journal)
        let store = try await Store.open(folder: folder.url)
        #expect(store.recoveryReport.isClean)
        #expect(store.read { $0.balances } == ["a": 7, "b": 2])
        try await store.close()
    }

    /// A damaged last record after a clean close is not a torn write: the open is refused,
    /// and a refused open leaves the file exactly as it found it.
    @Test func aDamagedLastRecordAfterACleanCloseIsRefusedAndLeftAlone() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder)
        let last = try #require(try RecordDump.journalRecords(at: folder.file(journal).path).last)
        var bytes = try folder.bytes(of: journal)
        bytes[last.offset + 12] ^= 0x40
        try folder.write(bytes, to: journal)

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == journal)
        #expect(try folder.bytes(of: journal) == bytes, "a refused open changed the journal")
    }

    @Test func aMissingManifestBesideVersionTwoFilesIsRefused() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        _ = try await snapshotThenJournal(in: folder)
        try FileManager.default.removeItem(at: folder.file(StoreManifest.fileName))

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == StoreManifest.fileName)
        let salvaged = try await Store.open(folder: folder.url, options: .init(corruption: .salvage))
        #expect(salvaged.recoveryReport.lostAcknowledgedChanges)
        #expect(salvaged.read { $0.balances } == ["a": 7, "b": 2])
        try await salvaged.close()
        #expect(FileManager.default.fileExists(atPath: folder.file(StoreManifest.fileName).path))
    }

    @Test(arguments: 0..<StoreManifest.size)
    func aDamagedManifestIsRefusedNamingIt(_ index: Int) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        _ = try await snapshotThenJournal(in: folder)
        var bytes = try folder.bytes(of: StoreManifest.fileName)
        bytes[index] ^= 0x10
        try folder.write(bytes, to: StoreManifest.fileName)
        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeCorrupted)
        #expect(error?.context.file == StoreManifest.fileName)
    }

    /// A folder as version 1 wrote it (no manifest, version 1 headers) opens unchanged,
    /// and moves on to the current version: a new journal and a manifest.
    @Test func aVersionOneFolderOpensAndMovesToTheCurrentVersion() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let journal = try await snapshotThenJournal(in: folder)
        try FileManager.default.removeItem(at: folder.file(StoreManifest.fileName))
        for name in try folder.names() where name.hasPrefix("journal-") || name.hasPrefix("snapshot-") {
            var bytes = try folder.bytes(of: name)
            bytes[8] = 1
            bytes.replaceSubrange(28..<32, with: withUnsafeBytes(of: CRC32C.checksum(bytes[0..<28]).littleEndian, Array.init))
            try folder.write(bytes, to: name)
        }

        let store = try await Store.open(folder: folder.url)
        #expect(store.recoveryReport.isClean)
        #expect(store.recoveryReport.replayedRecords == 3)
        #expect(store.read { $0.balances } == ["a": 7, "b": 2])
        let upgraded = try folder.journalName()
        #expect(upgraded != journal, "a journal of this build's version was started")
        #expect(try folder.bytes(of: upgraded)[8] == UInt8(JournalFormat.version))
        try await store.commit(.deposit(account: "b", amount: 1))
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.balances } == ["a": 7, "b": 3])
        try await reopened.close()
    }
}

/// Compaction under repeated crashes (issue 12, defect 4).
@Suite struct SnapshotProgressTests {
    typealias Store = StateStore<Ledger>

    /// A store whose journal is far past the threshold with no snapshot (as repeated kills
    /// during every snapshot leave it) is snapshotted by the open itself, before any commit.
    @Test func anOpenThatReplaysPastTheThresholdSnapshotsAtOnce() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url, options: .init(snapshotThreshold: .max))
        for index in 0..<200 { try await store.commit(.open(account: "account\(index)", balance: index)) }
        try await store.close()

        let reopened = try await Store.open(folder: folder.url, options: .init(snapshotThreshold: 1024))
        #expect(reopened.recoveryReport.replayedRecords == 200)
        try await reopened.close()  // waits for the snapshot the open started
        let names = try folder.names()
        #expect(names.contains("snapshot-00000000000000000200.snap"))
        #expect(names.filter { $0.hasPrefix("journal-") } == ["journal-00000000000000000200.log"])
        let again = try await Store.open(folder: folder.url, options: .init(snapshotThreshold: 1024))
        #expect(again.recoveryReport.replayedRecords == 0)
        #expect(again.read { $0.balances.count } == 200)
        try await again.close()
    }

    /// A snapshot falls inside the journal it was taken during: commits racing it land in
    /// that journal after the snapshot's point and replay on top of it.
    @Test func commitsDuringASnapshotReplayOnTopOfIt() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url, options: .init(snapshotThreshold: 512))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<150 { try await store.commit(.open(account: "w\(writer)-\(index)", balance: index)) }
                }
            }
            try await group.waitForAll()
        }
        try await store.close()
        #expect(try folder.names().filter { $0.hasPrefix("journal-") }.count <= 2)
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.balances.count } == 600)
        #expect(reopened.recoveryReport.sequence == 600)
        try await reopened.close()
    }
}
