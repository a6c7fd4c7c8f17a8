import ClienteleCore
import Foundation

/// `clientele-crash-writer journal <folder> <count>`: the journal's own crash test.
///
/// Opens a store of numbers in `folder`, then four concurrent writers commit the next
/// `count` numbers after the largest one stored; each number is printed on its own line
/// only after its commit returned. Snapshots are taken every few kilobytes so kills also
/// land during them.
enum JournalCrashWriter {
    /// The numbers committed, in commit order. The storage tests declare the same shape.
    struct SequenceLog: JournaledState {
        var values: [UInt64] = []

        mutating func apply(_ change: UInt64) throws {
            values.append(change)
        }
    }

    static let writers: UInt64 = 4

    static func run(folder: URL, count: UInt64) async throws {
        let store = try await StateStore<SequenceLog>.open(folder: folder, options: .init(snapshotThreshold: 4096))
        let first = (store.read { $0.values.max() } ?? 0) + 1
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var value = first + writer
                    while value < first + count {
                        try await store.commit(value)
                        acknowledge(String(value))
                        value += writers
                    }
                }
            }
            try await group.waitForAll()
        }
        try await store.close()
    }
}
