@testable import ClienteleCore
import ClienteleStoreAttacks
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct JournalFailureTests {
    typealias Store = StateStore<Ledger>

    @Test func afterAFailedWriteReadersSeeTheDurableStateAndLaterCommitsAreRefused() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        store.core.withLock { $0.writer?.simulatedFailures = [.write: ENOSPC] }

        let failed = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "b", balance: 2)) }
        #expect(failed?.code == .storeIOFailed)
        #expect(failed?.context.file == "journal-00000000000000000000.log")
        #expect(store.read { $0.balances } == ["a": 1], "readers see only durable changes")
        let refused = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "c", balance: 3)) }
        #expect(refused?.code == .storeUnusable)
        let compaction = await #expect(throws: CoreError.self) { try await store.compact() }
        #expect(compaction?.code == .storeUnusable)
        try await store.close()

        // Reopening serves exactly the durable state.
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 1])
        #expect(reopened.recoveryReport.isClean)
        try await reopened.commit(.open(account: "c", balance: 3))
        try await reopened.close()
    }
}

extension JournalFailureTests {
    @Test func aFailedWriteAfterASnapshotRollsBackToSnapshotPlusJournal() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.commit(.deposit(account: "a", amount: 1))
        store.core.withLock { $0.writer?.simulatedFailures = [.write: EIO] }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask { _ = try? await store.commit(.open(account: "n\(index)", balance: index)) }
            }
            try await group.waitForAll()
        }
        #expect(store.read { $0.balances } == ["a": 2])
        try await store.close()
    }
}

/// A commit that reported failure must never be visible after a reopen (issue 12, defect 1).
extension JournalFailureTests {
    @Test(arguments: [JournalWriter.Step.grow, .write, .sync])
    func aCommitThatFailedAtAnyStepOfAppendNeverComesBack(_ step: JournalWriter.Step) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        store.core.withLock { $0.writer?.simulatedFailures = [step: ENOSPC] }
        let failed = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "a", balance: 1)) }
        #expect(failed?.code == .storeIOFailed)
        try await store.close()
        // The journal was cut back to its header: the failed record is not on disk.
        let journal = try folder.journalName()
        #expect(try folder.size(of: journal) == 32)
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances }.isEmpty, "\(step)")
        #expect(reopened.recoveryReport.sequence == 0)
        try await reopened.commit(.open(account: "b", balance: 2))
        try await reopened.close()
    }

    @Test(arguments: [JournalWriter.Step.write, .sync])
    func aFailedCommitAfterDurableOnesLeavesExactlyTheDurableOnes(_ step: JournalWriter.Step) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.commit(.deposit(account: "a", amount: 1))
        store.core.withLock { $0.writer?.simulatedFailures = [step: EIO] }
        _ = await #expect(throws: CoreError.self) { try await store.commit(.deposit(account: "a", amount: 100)) }
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 2])
        #expect(reopened.recoveryReport.isClean)
        try await reopened.close()
    }

    @Test func whenTheRollbackFailsTooTheErrorSaysTheCommitMayReappear() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        store.core.withLock { $0.writer?.simulatedFailures = [.sync: EIO, .rollback: EIO] }
        let failed = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "a", balance: 1)) }
        #expect(failed?.code == .storeIOFailed)
        #expect(failed?.message.contains("may reappear") == true)
        #expect(failed?.context.file == "journal-00000000000000000000.log")
        try await store.close()
    }

    @Test func aManifestThatCannotBeWrittenKeepsTheDurableCommitAndRefusesLaterOnes() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        store.core.withLock { $0.writer?.simulatedFailures = [.manifest: ENOSPC] }
        try await store.commit(.open(account: "a", balance: 1))
        let refused = await #expect(throws: CoreError.self) { try await store.commit(.open(account: "b", balance: 2)) }
        #expect(refused?.code == .storeUnusable)
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.read { $0.balances } == ["a": 1])
        try await reopened.close()
    }

    /// A real file-size limit (`ulimit -f`, SIGXFSZ ignored) in a writer process: every
    /// number it acknowledged is stored, and nothing it was told had failed.
    @Test func underARealFileSizeLimitOnlyAcknowledgedCommitsAreStored() async throws {
        let executable = try CrashWriterProcess.executable()
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let acknowledged = try await CrashWriterProcess.offThePool { () -> [UInt64] in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // 128 blocks of 512 bytes: the journal's first growth (1 MiB) hits the limit.
            process.arguments = [
                "-c", "trap '' XFSZ; ulimit -f 128 && exec \"$0\" journal \"$1\" 1000", executable.path, folder.path,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { UInt64($0) }
        }
        // The writer did open the store (and was refused its first growth of the journal).
        #expect(try folder.names().contains("MANIFEST"))
        let store = try await StateStore<SequenceLog>.open(folder: folder.url)
        #expect(Set(store.read { $0.values }) == Set(acknowledged))
        try await store.close()
    }

}
