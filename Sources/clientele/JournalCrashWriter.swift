import Clientele
import Foundation

/// `clientele _journal-crash-writer <folder> <count>`: test support for the journal's
/// crash test (hidden from help).
///
/// Opens a store of numbers in `folder`, then four concurrent writers commit the next
/// `count` numbers after the largest one stored; each number is printed on its own line
/// on standard output only after its commit returned (was durable). The test kills this
/// process with SIGKILL at arbitrary moments and checks that every printed number
/// survived. Snapshots are taken every few kilobytes so kills also land during them.
enum JournalCrashWriter {
    /// The numbers committed, in commit order. The storage tests declare the same shape.
    struct SequenceLog: JournaledState {
        var values: [UInt64] = []

        mutating func apply(_ change: UInt64) throws {
            values.append(change)
        }
    }

    static let writers: UInt64 = 4

    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 2, let count = UInt64(arguments[1]) else {
            var standardError = StandardError()
            print("usage: clientele _journal-crash-writer <folder> <count>", to: &standardError)
            return 64
        }
        do {
            let store = try await StateStore<SequenceLog>.open(
                folder: URL(fileURLWithPath: arguments[0]), options: .init(snapshotThreshold: 4096))
            let first = (store.read { $0.values.max() } ?? 0) + 1
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        var value = first + writer
                        while value < first + count {
                            try await store.commit(value)
                            acknowledge(value)
                            value += writers
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await store.close()
            return 0
        } catch {
            var standardError = StandardError()
            print("clientele: \(error)", to: &standardError)
            return 1
        }
    }

    /// Prints `value` with one unbuffered write, so a kill never loses a printed acknowledgement.
    private static func acknowledge(_ value: UInt64) {
        let line = Array("\(value)\n".utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
}
