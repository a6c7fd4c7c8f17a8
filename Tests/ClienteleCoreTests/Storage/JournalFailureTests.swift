@testable import ClienteleCore
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
        let folder = ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        store.core.withLock { $0.writer?.simulatedFailure = ENOSPC }

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
        let folder = ScratchFolder()
        defer { folder.remove() }
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.open(account: "a", balance: 1))
        try await store.compact()
        try await store.commit(.deposit(account: "a", amount: 1))
        store.core.withLock { $0.writer?.simulatedFailure = EIO }
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
