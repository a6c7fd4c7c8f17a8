@testable import ClienteleCore
import ClienteleTestKitCore
import Foundation
import Testing

/// `StateStore.commitErasure` (issue 14, part 4): once it returns, no file of the folder holds
/// what the change removed, however the snapshots and journals fell before it.
@Suite struct JournalErasureTests {
    /// Values by key; `remove` of a missing key is no error, as an erasure must be repeatable.
    struct Vault: JournaledState, Equatable {
        enum Change: Codable, Sendable {
            case put(key: String, value: String)
            case remove(key: String)
        }

        var values: [String: String] = [:]

        mutating func apply(_ change: Change) throws {
            switch change {
            case .put(let key, let value): values[key] = value
            case .remove(let key): values[key] = nil
            }
        }
    }

    typealias Store = StateStore<Vault>

    private let secret = "Secret-Value-Of-Anna-de-Vries"

    /// The files of `folder` whose bytes contain `text`.
    private func files(in folder: ScratchFolder, holding text: String) throws -> [String] {
        try RedactionCheck.files(in: folder.url, holding: [text]).map(\.file)
    }

    /// A store whose snapshot and journal both hold the secret (under "anna"), beside other keys.
    private func storeHoldingTheSecret(in folder: ScratchFolder) async throws -> Store {
        let store = try await Store.open(folder: folder.url)
        try await store.commit(.put(key: "anna", value: secret))
        try await store.commit(.put(key: "piet", value: "kept-1"))
        try await store.compact()
        try await store.commit(.put(key: "anna", value: secret + "-again"))
        try await store.commit(.put(key: "kees", value: "kept-2"))
        return store
    }

    @Test func anErasureLeavesNoFileHoldingTheErasedValue() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await storeHoldingTheSecret(in: folder)
        #expect(try files(in: folder, holding: secret).count >= 2, "the snapshot and the journal hold it before")

        try await store.commitErasure(.remove(key: "anna"))
        #expect(try files(in: folder, holding: secret) == [])
        #expect(store.read { $0.values } == ["piet": "kept-1", "kees": "kept-2"])
        try await store.commit(.put(key: "jan", value: "kept-3"))
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.values } == ["piet": "kept-1", "kees": "kept-2", "jan": "kept-3"])
        try await reopened.close()
    }

    @Test func anErasureRacingOtherCommitsStillRemovesEveryOlderFile() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await storeHoldingTheSecret(in: folder)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.commit(.put(key: "k\(index)", value: "v\(index)")) }
            }
            group.addTask { try await store.commitErasure(.remove(key: "anna")) }
            try await group.waitForAll()
        }
        #expect(try files(in: folder, holding: secret) == [])
        try await store.close()
        let reopened = try await Store.open(folder: folder.url)
        let values = reopened.read { $0.values }
        #expect(values.count == 202 && values["anna"] == nil)
        try await reopened.close()
    }

    /// A process that died after the erasure was durable but before the old files went
    /// leaves them (a plain commit plays that part); repeating the erasure removes them.
    @Test func anInterruptedErasureIsFinishedByRepeatingIt() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await storeHoldingTheSecret(in: folder)
        try await store.commit(.remove(key: "anna"))
        #expect(try files(in: folder, holding: secret) != [], "a plain commit leaves the history on disk")
        try await store.close()

        let reopened = try await Store.open(folder: folder.url)
        try await reopened.commitErasure(.remove(key: "anna"))
        #expect(try files(in: folder, holding: secret) == [])
        #expect(reopened.read { $0.values } == ["piet": "kept-1", "kees": "kept-2"])
        try await reopened.close()
    }

    @Test func anInMemoryStoreAppliesAnErasureLikeACommit() async throws {
        let store = Store.inMemory()
        try await store.commit(.put(key: "anna", value: secret))
        try await store.commitErasure(.remove(key: "anna"))
        #expect(store.read { $0.values } == [:])
    }

    @Test func aClosedStoreRefusesAnErasure() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await storeHoldingTheSecret(in: folder)
        try await store.close()
        let error = await #expect(throws: CoreError.self) { try await store.commitErasure(.remove(key: "anna")) }
        #expect(error?.code == .storeClosed)
    }

    /// A folder as version 2 wrote it opens unchanged and moves on to version 3, so a
    /// version 2 build refuses it once it may hold erasure changes.
    @Test func aVersionTwoFolderOpensAndMovesToVersionThree() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = try await storeHoldingTheSecret(in: folder)
        try await store.close()
        let journal = try folder.journalName()
        for name in try folder.names() where name.hasPrefix("journal-") || name.hasPrefix("snapshot-") || name == StoreManifest.fileName {
            var bytes = try folder.bytes(of: name)
            bytes[8] = 2
            if name == StoreManifest.fileName {
                bytes.replaceSubrange(32..<36, with: withUnsafeBytes(of: CRC32C.checksum(bytes[0..<32]).littleEndian, Array.init))
            } else {
                bytes.replaceSubrange(28..<32, with: withUnsafeBytes(of: CRC32C.checksum(bytes[0..<28]).littleEndian, Array.init))
            }
            try folder.write(bytes, to: name)
        }

        let reopened = try await Store.open(folder: folder.url)
        #expect(reopened.recoveryReport.isClean)
        #expect(reopened.read { $0.values }["kees"] == "kept-2")
        let upgraded = try folder.journalName()
        #expect(upgraded != journal, "a version 3 journal was started")
        #expect(try folder.bytes(of: upgraded)[8] == 3)
        #expect(try folder.bytes(of: StoreManifest.fileName)[8] == 3)
        try await reopened.close()
    }
}
