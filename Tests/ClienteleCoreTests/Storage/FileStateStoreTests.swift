import ClienteleCore
import Foundation
import Testing

@Suite struct FileStateStoreTests {
    typealias Store = StateStore<Ledger>

    @Test func committedChangesAreReadBackAndSurviveReopening() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 10))
        try await store.commit(.deposit(account: "a", amount: 5))
        try await store.commit(.open(account: "b", balance: 1))
        #expect(store.read { $0.balances } == ["a": 15, "b": 1])
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 15, "b": 1])
        #expect(reopened.read { $0.history } == ["open a", "deposit a", "open b"])
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.recoveryReport.replayedRecords == 3)
        #expect(reopened.recoveryReport.sequence == 3)
        try await reopened.close()
    }

    @Test func aRejectedChangeIsNeverWritten() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 10))
        let journal = try folder.file(folder.journalName()).path
        let before = try RecordDump.journalRecords(at: journal)
        await #expect(throws: Ledger.Refusal(reason: "exists")) {
            try await store.commit(.open(account: "a", balance: 99))
        }
        #expect(try RecordDump.journalRecords(at: journal) == before)
        #expect(before.count == 1)
        #expect(store.read { $0.balances } == ["a": 10])
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 10])
        #expect(reopened.recoveryReport.sequence == 1)
        try await reopened.close()
    }

    @Test func compactionWritesASnapshotAndReopeningReplaysNothing() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        for index in 0..<20 {
            try await store.commit(.open(account: "account\(index)", balance: index))
        }
        try await store.compact()
        #expect(try folder.names() == ["LOCK", "MANIFEST", "journal-00000000000000000020.log", "snapshot-00000000000000000020.snap"])
        try await store.commit(.deposit(account: "account3", amount: 100))
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.snapshot == "snapshot-00000000000000000020.snap")
        #expect(reopened.recoveryReport.replayedRecords == 1)
        #expect(reopened.recoveryReport.sequence == 21)
        #expect(reopened.read { $0.balances.count } == 20)
        #expect(reopened.read { $0.balances["account3"] } == 103)
        #expect(reopened.read { $0.history.count } == 21)

        try await reopened.compact()
        try await reopened.close()
        let again = try await Store.open(folder: folder.url)
        #expect(again.recoveryReport.snapshot == "snapshot-00000000000000000021.snap")
        #expect(again.recoveryReport.replayedRecords == 0)
        #expect(again.read { $0.balances["account3"] } == 103)
        #expect(try folder.names() == ["LOCK", "MANIFEST", "journal-00000000000000000021.log", "snapshot-00000000000000000021.snap"])
        try await again.close()
    }

    @Test func aGrowingJournalTriggersASnapshotByItself() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url, options: .init(snapshotThreshold: 200))
        for index in 0..<10 {
            try await store.commit(.open(account: "account\(index)", balance: index))
        }
        try await store.close()
        let snapshots = try folder.names().filter { $0.hasPrefix("snapshot-") }
        #expect(snapshots.count == 1)

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.snapshot != nil)
        #expect(reopened.recoveryReport.replayedRecords < 10)
        #expect(reopened.read { $0.balances.count } == 10)
        try await reopened.close()
    }

    @Test func leftoversOfAnInterruptedSnapshotAreRemovedAndReported() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.commit(.open(account: "b", balance: 2))
        try await store.close()
        try folder.write([1, 2, 3], to: "snapshot-00000000000000000002.snap.tmp")
        try folder.write(JournalTestBytes.emptyJournalHeader(base: 0), to: "journal-00000000000000000000.log")

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.recoveryReport.removedFiles.sorted() == [
            "journal-00000000000000000000.log", "snapshot-00000000000000000002.snap.tmp",
        ])
        #expect(reopened.read { $0.balances } == ["a": 1, "b": 2])
        try await reopened.close()
    }

    @Test func filesAreOwnerOnly() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        for name in try folder.names() {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.file(name).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        try await store.close()
    }

    @Test func aSecondOpenIsRefusedUntilTheFirstCloses() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeAlreadyOpen)
        // Another spelling of the same folder is the same folder.
        let other = await #expect(throws: CoreError.self) {
            try await Store.open(folder: folder.url.appendingPathComponent("..").appendingPathComponent(folder.url.lastPathComponent))
        }
        #expect(other?.code == .storeAlreadyOpen)
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        try await reopened.close()
    }

    @Test func aClosedStoreRefusesCommitsButKeepsServingReads() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.close()
        let error = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "b", balance: 2)) }
        #expect(error?.code == .storeClosed)
        #expect(store.read { $0.balances } == ["a": 1])
        try await store.close()
    }

    @Test func sixteenConcurrentWritersAllLand() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    try await store.commit(.open(account: "w\(writer)", balance: 0))
                    for _ in 0..<499 {
                        try await store.commit(.deposit(account: "w\(writer)", amount: 1))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.sequence == 16 * 500)
        #expect(reopened.recoveryReport.isClean)
        for writer in 0..<16 {
            #expect(reopened.read { $0.balances["w\(writer)"] } == 499)
        }
        try await reopened.close()
    }

    @Test func concurrentCommitsThatFailAreRejectedOnlyForTheirCaller() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    // Half of the commits name an account that never exists.
                    let change: Ledger.Change =
                        index.isMultiple(of: 2) ? .open(account: "n\(index)", balance: index) : .close(account: "missing\(index)")
                    return (try? await store.commit(change)) != nil
                }
            }
            var succeeded = 0
            for await result in group where result { succeeded += 1 }
            return succeeded
        }
        #expect(results == 20)
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances.count } == 20)
        #expect(reopened.recoveryReport.sequence == 20)
        try await reopened.close()
    }

    @Test(arguments: 0..<32)
    func aFlippedHeaderByteIsCorruptionNeverAnUnknownVersion(_ index: Int) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.commit(.open(account: "b", balance: 2))
        try await store.close()
        for name in [try folder.journalName(), try #require(try folder.names().first { $0.hasPrefix("snapshot-") })] {
            let pristine = try folder.bytes(of: name)
            var bytes = pristine
            bytes[index] ^= 0x01
            try folder.write(bytes, to: name)
            let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
            #expect(error?.code == .storeCorrupted, "\(name), byte \(index): \(String(describing: error))")
            #expect(error?.context.file == name)
            try folder.write(pristine, to: name)
        }
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 1, "b": 2])
        try await reopened.close()
    }

    @Test func aFileFromAnUnknownFormatVersionIsRefusedClearly() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.close()
        let journal = try folder.journalName()
        let pristine = try folder.bytes(of: journal)
        // A header a future release wrote: another version, and a checksum that matches it.
        var bytes = pristine
        bytes[8] = 9
        bytes.replaceSubrange(28..<32, with: withUnsafeBytes(of: CRC32C.checksum(bytes[0..<28]).littleEndian, Array.init))
        try folder.write(bytes, to: journal)

        let error = await #expect(throws: CoreError.self) { try await Store.open(folder: folder.url) }
        #expect(error?.code == .storeFormatUnsupported)
        #expect(error?.context.file == journal)
        #expect(error?.message.contains("version 9") == true)
        // The refused open released the folder.
        try folder.write(pristine, to: journal)
        let reopened = try await Store.open(folder: folder.url)
        try await reopened.close()
    }

    @Test func anInMemoryStoreHasNothingToCompactCloseOrReport() async throws {
        let store = Store.inMemory()
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.close()
        #expect(store.recoveryReport == RecoveryReport())
        #expect(store.read { $0.balances } == ["a": 1])
    }
}

/// Raw file contents for tests that plant files in a store folder.
enum JournalTestBytes {
    /// A valid journal header with no records, as the engine writes it.
    static func emptyJournalHeader(base: UInt64) -> [UInt8] {
        var bytes = Array("CLJRNL\r\n".utf8)
        append(UInt32(1), to: &bytes)
        append(UInt32(1), to: &bytes)
        append(base, to: &bytes)
        append(UInt32(0), to: &bytes)
        append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
