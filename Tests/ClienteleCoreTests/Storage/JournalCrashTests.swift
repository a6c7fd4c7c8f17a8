import ClienteleCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kills a real writer process with SIGKILL and checks that nothing acknowledged is lost.
@Suite struct JournalCrashTests {
    /// A deterministic sequence of kill moments (SplitMix64).
    struct KillSchedule {
        var state: UInt64

        mutating func next(below bound: UInt64) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((mixed ^ (mixed >> 31)) % bound)
        }
    }

    @Test func everyAcknowledgedCommitSurvivesAKillAtAnyMoment() async throws {
        let executable = try Self.clienteleExecutable()
        let folder = ScratchFolder()
        defer { folder.remove() }
        var schedule = KillSchedule(state: 2026)
        var acknowledged: Set<UInt64> = []
        let kills = 24
        for round in 0..<kills {
            // Kill after 0 to 59 acknowledgements; 0 kills the writer while it opens the store.
            let target = schedule.next(below: 60)
            let printed = try await Self.offThePool { try Self.runAndKill(executable, folder: folder, afterAcknowledgements: target) }
            acknowledged.formUnion(printed)

            let store = try await StateStore<SequenceLog>.open(folder: folder.url)
            let report = store.recoveryReport
            #expect(!report.lostAcknowledgedChanges, "round \(round): \(report)")
            let values = store.read { $0.values }
            #expect(Set(values).count == values.count, "round \(round): a change was replayed twice")
            let missing = acknowledged.subtracting(values)
            #expect(missing.isEmpty, "round \(round): acknowledged but lost: \(missing.sorted().prefix(10))")
            try await store.close()
        }
        #expect(acknowledged.count > kills)
    }

    /// Runs blocking work (pipe reads, waiting for the process) on its own thread, so it
    /// never occupies the few threads that run every test's tasks.
    private static func offThePool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }

    /// Starts the writer, waits for `count` acknowledgements, kills it, and returns every number it printed.
    private static func runAndKill(_ executable: URL, folder: ScratchFolder, afterAcknowledgements count: Int) throws -> [UInt64] {
        // Expectations are recorded on the calling thread, so report an early stop by throwing.
        let process = Process()
        process.executableURL = executable
        process.arguments = ["_journal-crash-writer", folder.path, "1000000"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received = Data()
        let reader = output.fileHandleForReading
        while received.count(where: { $0 == UInt8(ascii: "\n") }) < count {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        received.append(reader.readDataToEndOfFile())
        guard process.terminationReason == .uncaughtSignal || count == 0 else {
            throw WriterStopped(status: process.terminationStatus)
        }
        // Only whole lines are acknowledgements: each is written with one write(2).
        let text = String(decoding: received, as: UTF8.self)
        return text.split(separator: "\n").compactMap { UInt64($0) }
    }

    struct WriterStopped: Error {
        var status: Int32
    }

    /// The `clientele` executable built next to the test bundle.
    static func clienteleExecutable() throws -> URL {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("clientele")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        Issue.record("The clientele executable is not next to the test bundle; run `swift build` first. Looked in: \(folders.map(\.path))")
        throw CancellationError()
    }
}
