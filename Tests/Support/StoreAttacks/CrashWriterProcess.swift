import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts the `clientele-crash-writer` test executable and kills it with SIGKILL.
///
/// The writer prints `#opening` before it opens the store, then one line per acknowledged
/// item, each with one unbuffered write, so every whole line read is an acknowledgement.
package enum CrashWriterProcess {
    /// Why a crash test could not run or the writer misbehaved.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// What one killed run printed.
    package struct Run: Sendable {
        /// The acknowledged keys, in the order printed.
        package var acknowledged: [String]
        /// True when the writer died of the kill (false: it stopped on its own first).
        package var killed: Bool
        /// The writer's standard error, when it stopped on its own.
        package var errors: String
    }

    /// The `clientele-crash-writer` executable built next to the test bundle.
    package static func executable() throws -> URL {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("clientele-crash-writer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "clientele-crash-writer is not next to the test bundle; run `swift build` first. Looked in: \(folders.map(\.path))")
    }

    /// Starts the writer with `arguments`, kills it once it printed `lines` lines (counting
    /// the `#opening` line, so 1 kills it while it opens the store), and returns what it printed.
    /// Blocks: call it through ``offThePool(_:)``.
    package static func runAndKill(_ executable: URL, arguments: [String], afterLines lines: Int) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var received = Data()
        let reader = output.fileHandleForReading
        while received.count(where: { $0 == UInt8(ascii: "\n") }) < lines {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        received.append(reader.readDataToEndOfFile())
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Only whole lines are acknowledgements: each is written with one write(2).
        var text = String(decoding: received, as: UTF8.self)
        if let lastNewline = text.lastIndex(of: "\n") {
            text = String(text[...lastNewline])
        } else {
            text = ""
        }
        let acknowledged = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        return Run(acknowledged: acknowledged, killed: process.terminationReason == .uncaughtSignal, errors: errorText)
    }

    /// Runs blocking work (pipe reads, waiting for the process) on its own thread, so it
    /// never occupies the few threads that run every test's tasks.
    package static func offThePool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }
}
